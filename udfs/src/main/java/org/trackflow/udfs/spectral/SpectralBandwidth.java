package org.trackflow.udfs.spectral;

/**
 * Spectral bandwidth (p = 2), Hz: {@code sqrt(sum_k |X_k| (f_k - centroid)^2 / sum_k |X_k|)}; 0 for a
 * silent frame. As {@code librosa.feature.spectral_bandwidth(p=2)}.
 */
public final class SpectralBandwidth {
    private SpectralBandwidth() {}

    public static double of(double[] magnitude, double[] frequencies, double centroid) {
        double num = 0;
        double den = 0;
        for (int k = 0; k < magnitude.length; k++) {
            double d = frequencies[k] - centroid;
            num += magnitude[k] * d * d;
            den += magnitude[k];
        }
        return den > 0 ? Math.sqrt(num / den) : 0;
    }
}
