package org.trackflow.udfs.rhythm;

import java.util.ArrayList;
import java.util.List;

/**
 * Danceability by detrended fluctuation analysis (Streich and Herrera, "Detrended Fluctuation Analysis of
 * Music Signals: Danceability Estimation and further Semantic Characterization", AES 118, 2005), with
 * Essentia's {@code Danceability} parameters: the 10 ms block standard deviations ({@link EnergyBlocks})
 * minus their mean are integrated; for block lengths tau from 310 ms to 8.8 s (x1.1 each step) the
 * fluctuation {@code F(tau)} is the root mean residual of least-squares lines fitted to windows of tau
 * blocks (sliding by {@code max(1, tau / 50)} blocks), a window's residual being its mean squared error
 * (Essentia's {@code residualError} divides the sum of squares by tau); {@code alpha_i = log(F_{i+1} / F_i) /
 * log((tau_{i+1} + 3) / (tau_i + 3))}, and danceability is {@code 1 / mean(alpha)}: usually 0 to 3, higher
 * is more danceable (a steady pulse keeps fluctuations from growing with tau).
 */
public final class Danceability {
    private static final double MIN_TAU_MS = 310;
    private static final double MAX_TAU_MS = 8800;
    private static final double TAU_MULTIPLIER = 1.1;

    private Danceability() {}

    /**
     * Danceability of an envelope made of segments (excerpts, each starting at an offset in
     * {@code segmentStarts}): the length-weighted mean of each segment's value; NaN if none has one.
     */
    public static double of(float[] blocks, int length, int[] segmentStarts) {
        if (segmentStarts.length <= 1) {
            return of(blocks, length);
        }
        double sum = 0;
        double weight = 0;
        for (int s = 0; s < segmentStarts.length; s++) {
            int from = segmentStarts[s];
            int to = s + 1 < segmentStarts.length ? segmentStarts[s + 1] : length;
            double d = of(java.util.Arrays.copyOfRange(blocks, from, to), to - from);
            if (!Double.isNaN(d)) {
                sum += d * (to - from);
                weight += to - from;
            }
        }
        return weight > 0 ? sum / weight : Double.NaN;
    }

    /** Danceability of an envelope of 10 ms blocks; NaN when the track is shorter than two tau steps. */
    public static double of(float[] blocks, int length) {
        int n = length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += blocks[i];
        }
        mean /= n;
        double[] y = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += blocks[i] - mean;
            y[i] = acc;
        }
        Prefix prefix = new Prefix(y);
        List<Integer> taus = new ArrayList<>();
        for (double tau = MIN_TAU_MS; tau <= MAX_TAU_MS; tau *= TAU_MULTIPLIER) {
            taus.add((int) (tau / 10.0));
        }
        List<Double> f = new ArrayList<>();
        for (int tau : taus) {
            if (n < tau) {
                break;
            }
            if (n == tau) {
                f.add(0.0);
                continue;
            }
            int jump = Math.max(tau / 50, 1);
            double sum = 0;
            for (int k = 0; k < n - tau; k += jump) {
                sum += prefix.residual(k, tau) / tau;
            }
            f.add(Math.sqrt(sum / ((double) (n - tau) / jump)));
        }
        if (f.size() < 2) {
            return Double.NaN;
        }
        double alphaSum = 0;
        for (int i = 0; i < f.size() - 1; i++) {
            if (f.get(i + 1) == 0 || f.get(i) == 0) {
                return 0;
            }
            alphaSum += Math.log10(f.get(i + 1) / f.get(i)) / Math.log10((taus.get(i + 1) + 3.0) / (taus.get(i) + 3.0));
        }
        double alpha = alphaSum / (f.size() - 1);
        return alpha != 0 ? 1 / alpha : 0;
    }

    /**
     * Prefix sums of y, i*y and y^2 (i the global index), so that each window's least-squares residual
     * costs O(1) instead of O(tau): {@code SSE = Syy - Sy^2/n - Sxy_c^2/Sxx_c} with centred sums.
     */
    static final class Prefix {
        private final double[] sy;
        private final double[] siy;
        private final double[] syy;

        Prefix(double[] y) {
            int n = y.length;
            sy = new double[n + 1];
            siy = new double[n + 1];
            syy = new double[n + 1];
            for (int i = 0; i < n; i++) {
                sy[i + 1] = sy[i] + y[i];
                siy[i + 1] = siy[i] + i * y[i];
                syy[i + 1] = syy[i] + y[i] * y[i];
            }
        }

        double residual(int from, int len) {
            double n = len;
            double y = sy[from + len] - sy[from];
            double yy = syy[from + len] - syy[from];
            // x = i - from for i in the window: sum x = n(n-1)/2, sum x^2 = (n-1)n(2n-1)/6
            double xy = (siy[from + len] - siy[from]) - from * y;
            double x = n * (n - 1) / 2;
            double xx = (n - 1) * n * (2 * n - 1) / 6;
            double sxx = xx - x * x / n;
            double sxy = xy - x * y / n;
            double syyC = yy - y * y / n;
            return Math.max(0, syyC - (sxx > 0 ? sxy * sxy / sxx : 0));
        }
    }

    /** Sum of squared residuals of the least-squares line through y[from .. from + len) (direct form). */
    static double residual(double[] y, int from, int len) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < len; i++) {
            double v = y[from + i];
            sx += i;
            sy += v;
            sxx += (double) i * i;
            sxy += i * v;
        }
        double denom = len * sxx - sx * sx;
        double slope = denom != 0 ? (len * sxy - sx * sy) / denom : 0;
        double intercept = (sy - slope * sx) / len;
        double r = 0;
        for (int i = 0; i < len; i++) {
            double d = y[from + i] - (intercept + slope * i);
            r += d * d;
        }
        return r;
    }
}
