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
        double logSum = 0;
        double sum = 0;
        for (double p : power) {
            double v = Math.max(AMIN, p);
            logSum += Math.log(v);
            sum += v;
        }
        int n = power.length;
        return Math.exp(logSum / n) / (sum / n);
    }
}
