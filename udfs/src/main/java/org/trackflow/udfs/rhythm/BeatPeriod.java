package org.trackflow.udfs.rhythm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The beat period the classical trackers choose: Davies and Plumbley's context-dependent estimation ("Context-
 * dependent beat tracking of musical audio", IEEE TASLP 15(3), 2007), as Queen Mary's {@code TempoTrackV2::
 * calculateBeatPeriod} (qm-dsp) computes it, re-implemented on trackflow's onset envelope.
 * <ol>
 *   <li>The onset envelope (43 frames/s) is interpolated to twice its rate, the onset-function rate of
 *       QM's tracker (512 samples at 44.1 kHz, 86.1/s), so that its constants apply unchanged.</li>
 *   <li>Windows of 512 values (5.9 s), every 128 (1.5 s), within one segment: adaptive threshold (minus the
 *       mean of the 16 values around, floored at 0), autocorrelation normalised by overlap.</li>
 *   <li>A comb filterbank for periods 2..128 values: {@code rcf(p) = w(p) sum_{a=1..4} mean_{|b|<a} acf(a p +
 *       b)} with the Rayleigh weighting {@code w(p) = p / beta^2 exp(-p^2 / 2 beta^2)}, beta = 43 values (the
 *       period of 120 BPM); adaptive threshold, normalised to sum 1.</li>
 *   <li>Viterbi decoding of the windows' periods (Gaussian transitions, sigma 8, periods 20..107), started with
 *       the weighted first window. The track's period is the median of the decoded path ({@link Path} also
 *       gives its most common value).</li>
 * </ol>
 * The Rayleigh weighting is what puts the metrical level where listeners (and QM and Essentia's
 * TempoTapDegara, which uses the same weighting) tap it; the comb over four multiples resolves 2:3 and 3:4
 * ambiguities in favour of the period whose multiples all carry onsets.
 */
final class BeatPeriod {
    /** Onset values per second after upsampling: twice trackflow's frame rate. */
    static final int WINDOW = 512;
    private static final int STEP = 128;
    private static final int PERIODS = 128;
    private static final double BETA = 43.0;
    private static final double SIGMA = 8.0;

    /** Autocorrelation by FFT: a window zero-padded to twice its length has no circular wrap-around. */
    private static final ThreadLocal<DoubleFFT_1D> FFT = ThreadLocal.withInitial(() -> new DoubleFFT_1D(2 * WINDOW));

    private BeatPeriod() {}

    /**
     * The decoded path's periods, in frames of the given envelope (so in half-values of the upsampled one):
     * its median (the track's period) and its most common value (pooled with the values either side; the
     * shortest on a tie), which {@link TempoEstimator} falls back on when the median has no periodic support.
     */
    record Path(double median, double mode) {}

    /**
     * The period path's median and mode, or null when no segment is long enough for a window of a full comb
     * (4 periods of 128 values, 6 s).
     */
    static Path periods(float[] onset, int n, int[] segmentStarts) {
        double[] w = rayleigh();
        List<double[]> columns = new ArrayList<>();
        for (int s = 0; s < segmentStarts.length; s++) {
            int from = segmentStarts[s];
            int to = s + 1 < segmentStarts.length ? segmentStarts[s + 1] : n;
            double[] df = upsample(onset, from, to);
            for (int i = 0; i + WINDOW < df.length; i += STEP) {
                columns.add(combFilterbank(Arrays.copyOfRange(df, i, i + WINDOW), w));
            }
        }
        if (columns.size() < 2) {
            return null;
        }
        int[] path = viterbi(columns, w);
        int[] count = new int[PERIODS];
        for (int j : path) {
            count[j]++;
        }
        int mode = 0;
        int most = -1;
        for (int j = 0; j < PERIODS; j++) {
            int pooled = count[j] + (j > 0 ? count[j - 1] : 0) + (j + 1 < PERIODS ? count[j + 1] : 0);
            if (pooled > most) {
                most = pooled;
                mode = j;
            }
        }
        Arrays.sort(path);
        // column index j holds period j + 1 values; two values per frame
        return new Path((path[path.length / 2] + 1) / 2.0, (mode + 1) / 2.0);
    }

    private static double[] rayleigh() {
        double[] w = new double[PERIODS];
        for (int i = 0; i < PERIODS; i++) {
            w[i] = i / (BETA * BETA) * Math.exp(-(double) i * i / (2 * BETA * BETA));
        }
        return w;
    }

    /** Twice the rate by linear interpolation: value 2i is frame i, 2i + 1 half-way to frame i + 1. */
    static double[] upsample(float[] x, int from, int to) {
        int n = to - from;
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            y[2 * i] = x[from + i];
            y[2 * i + 1] = i + 1 < n ? 0.5 * (x[from + i] + x[from + i + 1]) : x[from + i];
        }
        return y;
    }

    /** QM's adaptive threshold: minus the mean of values i-8 .. i+7 (clipped at the ends), floored at 0. */
    static void adaptiveThreshold(double[] d) {
        int n = d.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + d[i];
        }
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - 8);
            int b = Math.min(n - 1, i + 7);
            d[i] = Math.max(0, d[i] - (prefix[b + 1] - prefix[a]) / (b - a + 1));
        }
    }

    private static double[] combFilterbank(double[] frame, double[] w) {
        adaptiveThreshold(frame);
        int n = frame.length;
        double[] z = new double[2 * n];
        System.arraycopy(frame, 0, z, 0, n);
        DoubleFFT_1D fft = FFT.get();
        fft.realForward(z);
        z[0] *= z[0];
        z[1] *= z[1];
        for (int k = 1; k < n; k++) {
            double re = z[2 * k];
            double im = z[2 * k + 1];
            z[2 * k] = re * re + im * im;
            z[2 * k + 1] = 0;
        }
        fft.realInverse(z, true);
        double[] acf = new double[n];
        for (int lag = 0; lag < n; lag++) {
            acf[lag] = z[lag] / (n - lag);
        }
        double[] rcf = new double[PERIODS];
        for (int p = 2; p < PERIODS; p++) {
            for (int a = 1; a <= 4; a++) {
                for (int b = 1 - a; b <= a - 1; b++) {
                    rcf[p - 1] += acf[a * p + b - 1] * w[p - 1] / (2.0 * a - 1);
                }
            }
        }
        adaptiveThreshold(rcf);
        double sum = 0;
        for (int i = 0; i < PERIODS; i++) {
            rcf[i] += 1e-8;
            sum += rcf[i];
        }
        for (int i = 0; i < PERIODS; i++) {
            rcf[i] /= sum + 1e-8;
        }
        return rcf;
    }

    private static int[] viterbi(List<double[]> columns, double[] w) {
        int q = PERIODS;
        double[][] trans = new double[q][q];
        for (int i = 20; i < q - 20; i++) {
            for (int j = 20; j < q - 20; j++) {
                trans[i][j] = Math.exp(-(double) (j - i) * (j - i) / (2 * SIGMA * SIGMA));
            }
        }
        int t = columns.size();
        double[] delta = new double[q];
        int[][] psi = new int[t][q];
        double sum = 0;
        for (int j = 0; j < q; j++) {
            delta[j] = w[j] * columns.get(0)[j];
            sum += delta[j];
        }
        for (int j = 0; j < q; j++) {
            delta[j] /= sum + 1e-8;
        }
        double[] next = new double[q];
        for (int k = 1; k < t; k++) {
            double[] rcf = columns.get(k);
            sum = 0;
            for (int j = 0; j < q; j++) {
                double best = -1;
                int arg = 0;
                for (int i = 0; i < q; i++) {
                    double v = delta[i] * trans[j][i];
                    if (v > best) {
                        best = v;
                        arg = i;
                    }
                }
                next[j] = best * rcf[j];
                psi[k][j] = arg;
                sum += next[j];
            }
            for (int j = 0; j < q; j++) {
                delta[j] = next[j] / (sum + 1e-8);
            }
        }
        int[] path = new int[t];
        int best = 0;
        for (int j = 0; j < q; j++) {
            if (delta[j] > delta[best]) {
                best = j;
            }
        }
        path[t - 1] = best;
        for (int k = t - 2; k >= 0; k--) {
            path[k] = psi[k + 1][path[k + 1]];
        }
        return path;
    }
}
