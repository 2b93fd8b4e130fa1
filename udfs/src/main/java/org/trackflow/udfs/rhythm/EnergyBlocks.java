package org.trackflow.udfs.rhythm;

/**
 * The amplitude envelope of {@link Danceability} and of the tempo estimator's accent check: the standard
 * deviation (ddof 1) of consecutive 10 ms blocks of the signal, on a grid of whole blocks from the
 * track's first sample ({@code floor(0.01 * rate)} samples each, as Essentia's Danceability).
 */
public final class EnergyBlocks {
    private EnergyBlocks() {}

    public static int blockSize(int sampleRate) {
        return (int) (0.01 * sampleRate);
    }

    /**
     * Standard deviations of the blocks that start in {@code [from, to)} (global sample indices) and end by
     * {@code limit}; {@code samples[0]} is global sample {@code offset}.
     */
    public static float[] of(float[] samples, long offset, long from, long to, long limit, int blockSize) {
        long first = (from + blockSize - 1) / blockSize;
        long last = Math.min((to - 1) / blockSize, limit / blockSize - 1);
        int n = (int) Math.max(0, last - first + 1);
        float[] out = new float[n];
        for (int b = 0; b < n; b++) {
            int start = (int) ((first + b) * blockSize - offset);
            double mean = 0;
            for (int i = 0; i < blockSize; i++) {
                mean += at(samples, start + i);
            }
            mean /= blockSize;
            double var = 0;
            for (int i = 0; i < blockSize; i++) {
                double d = at(samples, start + i) - mean;
                var += d * d;
            }
            out[b] = (float) Math.sqrt(var / (blockSize - 1.0));
        }
        return out;
    }

    private static double at(float[] samples, int i) {
        return i < samples.length ? samples[i] : 0;
    }
}
