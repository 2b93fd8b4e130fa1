package org.trackflow.udfs.spectral;

/**
 * Spectral flatness (Wiener entropy) of the power spectrum: geometric mean over arithmetic mean of
 * {@code max(1e-10, |X_k|^2)}; near 0 for a pure tone, near 1 for white noise, exactly 1 for silence.
 * As {@code librosa.feature.spectral_flatness} (power = 2, amin = 1e-10).
 */
public final class SpectralFlatness {
    private static final double AMIN = 1e-10;

    private SpectralFlatness() {}

    public static double of(double[] power) {
        // The log of a product of 8 values instead of 8 logs: each value is in [1e-10, ~1e13], so a
        // product of 8 stays far inside double range, and the logarithm (the cost here) runs 8x less.
        double logSum = 0;
        double sum = 0;
        int n = power.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            double product = 1;
            for (int j = i; j < i + 8; j++) {
                double v = Math.max(AMIN, power[j]);
                product *= v;
                sum += v;
            }
            logSum += Math.log(product);
        }
        for (; i < n; i++) {
            double v = Math.max(AMIN, power[i]);
            logSum += Math.log(v);
            sum += v;
        }
        return Math.exp(logSum / n) / (sum / n);
    }
}
