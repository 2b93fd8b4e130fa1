package org.trackflow.udfs.temporal;

/**
 * Fraction of adjacent sample pairs in a frame whose signs differ, over the frame length:
 * {@code sum_{i>=1} [sign(x_i) != sign(x_{i-1})] / N}, where |x| <= 1e-10 counts as 0 and 0 as positive.
 * Matches {@code librosa.feature.zero_crossing_rate(center=False)} (threshold 1e-10, zero_pos=True).
 */
public final class ZeroCrossingRate {
    private static final double THRESHOLD = 1e-10;

    private ZeroCrossingRate() {}

    public static double of(double[] frame) {
        // Counted without branches: in noisy audio signs change unpredictably.
        int crossings = 0;
        int prevNegative = negative(frame[0]);
        for (int i = 1; i < frame.length; i++) {
            int neg = negative(frame[i]);
            crossings += neg ^ prevNegative;
            prevNegative = neg;
        }
        return (double) crossings / frame.length;
    }

    private static int negative(double x) {
        return x < -THRESHOLD ? 1 : 0;
    }
}
