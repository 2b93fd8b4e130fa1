package org.trackflow.udfs.stats;

import java.util.Arrays;

/**
 * Count, mean, sum of squared deviations, min and max of several series observed together (one value of
 * each per frame), mergeable: Welford's update within a chunk, Chan et al.'s pairwise combination across
 * chunks. Merging the same partials in the same order gives bit-identical results; merging a different
 * split of the same frames agrees to rounding (~1e-15 relative).
 *
 * <p>A plain bean of primitive arrays so that stream processors serialise it without reflection tricks.
 */
public class SeriesStats {
    public long count;
    public double[] mean;
    public double[] m2;
    public double[] min;
    public double[] max;

    public SeriesStats() {}

    public SeriesStats(int series) {
        mean = new double[series];
        m2 = new double[series];
        min = new double[series];
        max = new double[series];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    public int series() {
        return mean.length;
    }

    /** Adds one observation of every series. */
    public void add(double[] values) {
        count++;
        double inv = 1.0 / count;
        for (int i = 0; i < mean.length; i++) {
            double x = values[i];
            double d = x - mean[i];
            mean[i] += d * inv;
            m2[i] += d * (x - mean[i]);
            if (x < min[i]) {
                min[i] = x;
            }
            if (x > max[i]) {
                max[i] = x;
            }
        }
    }

    /** Folds {@code other} (the observations that come after this one's) into this. */
    public void merge(SeriesStats other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            count = other.count;
            System.arraycopy(other.mean, 0, mean, 0, mean.length);
            System.arraycopy(other.m2, 0, m2, 0, m2.length);
            System.arraycopy(other.min, 0, min, 0, min.length);
            System.arraycopy(other.max, 0, max, 0, max.length);
            return;
        }
        long n = count + other.count;
        double wa = (double) count / n;
        double wb = (double) other.count / n;
        double cross = (double) count * other.count / n;
        for (int i = 0; i < mean.length; i++) {
            double delta = other.mean[i] - mean[i];
            mean[i] = mean[i] * wa + other.mean[i] * wb;
            m2[i] += other.m2[i] + delta * delta * cross;
            min[i] = Math.min(min[i], other.min[i]);
            max[i] = Math.max(max[i], other.max[i]);
        }
        count = n;
    }

    /** Population standard deviation (numpy's default, ddof = 0). */
    public double std(int i) {
        return count == 0 ? Double.NaN : Math.sqrt(Math.max(0, m2[i] / count));
    }

    public double mean(int i) {
        return count == 0 ? Double.NaN : mean[i];
    }
}
