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

    /**
     * Sign changes up to each sample of a whole chunk, for {@link #crossings}: {@code out[i]} counts the pairs
     * (j - 1, j), 1 <= j <= i, whose signs differ, with the samples past the end taken as zeros (as a frame
     * there is padded); {@code out[length]} adds the pair into that padding. Frames overlap 4 times, so
     * counting each pair once per chunk is 4 times less work than once per frame, and the counts are the
     * same integers. Reuses {@code out} when it is long enough.
     */
    public static int[] prefix(float[] samples, int[] out) {
        int length = samples.length;
        int[] p = out.length >= length + 1 ? out : new int[length + 1];
        if (length == 0) {
            p[0] = 0;
            return p;
        }
        int count = 0;
        int prev = negative(samples[0]);
        p[0] = 0;
        for (int i = 1; i < length; i++) {
            int neg = negative(samples[i]);
            count += neg ^ prev;
            prev = neg;
            p[i] = count;
        }
        p[length] = count + prev; // the last sample against the first zero of the padding
        return p;
    }

    /**
     * The sign changes of the frame of {@code n} samples from {@code offset}, zero-padded past {@code length}:
     * what {@link #of} counts in that frame (before dividing by n), from a chunk's {@link #prefix}.
     */
    public static int crossings(int[] prefix, int length, int offset, int n) {
        if (offset >= length) {
            return 0;
        }
        return prefix[Math.min(offset + n - 1, length)] - prefix[offset];
    }

    private static int negative(double x) {
        return x < -THRESHOLD ? 1 : 0;
    }
}
