package org.trackflow.udfs.stats;

/**
 * Mean and covariance of a vector series, mergeable: Welford's update frame by frame, and Chan, Golub &
 * LeVeque's pairwise combination of two partial results ({@code C = C_a + C_b + d d^T n_a n_b / n}, with
 * {@code d} the difference of the means). The co-moments are kept as the packed upper triangle, row by
 * row: {@code (0,0) (0,1) .. (0,d-1) (1,1) .. (d-1,d-1)}. A Flink POJO (public fields).
 */
public class CoMoments {
    public long count;
    public double[] mean;
    /** Sums of products of deviations from the mean, packed upper triangle. */
    public double[] comoment;

    public CoMoments() {}

    public CoMoments(int dimensions) {
        mean = new double[dimensions];
        comoment = new double[packedSize(dimensions)];
    }

    public static int packedSize(int d) {
        return d * (d + 1) / 2;
    }

    public int dimensions() {
        return mean.length;
    }

    /** Adds one observation: {@code values[offset .. offset + d)}. */
    public void add(double[] values, int offset, double[] scratch) {
        int d = mean.length;
        count++;
        double inv = 1.0 / count;
        // delta before the mean moves, times delta after: the Welford update of every co-moment
        for (int i = 0; i < d; i++) {
            scratch[i] = values[offset + i] - mean[i];
            mean[i] += scratch[i] * inv;
        }
        int k = 0;
        for (int i = 0; i < d; i++) {
            double after = values[offset + i] - mean[i];
            for (int j = i; j < d; j++) {
                comoment[k++] += after * scratch[j];
            }
        }
    }

    /** Adds the observations summarised by {@code other}. */
    public void merge(CoMoments other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            count = other.count;
            mean = other.mean.clone();
            comoment = other.comoment.clone();
            return;
        }
        int d = mean.length;
        long n = count + other.count;
        double f = (double) count * other.count / n;
        double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = other.mean[i] - mean[i];
        }
        int k = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                comoment[k] += other.comoment[k] + delta[i] * delta[j] * f;
                k++;
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] += delta[i] * other.count / n;
        }
        count = n;
    }

    /** The sample covariance (divided by n - 1), packed upper triangle; NaN with fewer than two observations. */
    public double[] covariance() {
        double[] c = new double[comoment.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = count > 1 ? comoment[k] / (count - 1) : Double.NaN;
        }
        return c;
    }
}
