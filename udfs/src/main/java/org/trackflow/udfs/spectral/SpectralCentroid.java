package org.trackflow.udfs.spectral;

/**
 * Spectral centroid, Hz: {@code sum_k f_k |X_k| / sum_k |X_k|}; 0 for a silent frame.
 * As {@code librosa.feature.spectral_centroid} (magnitude spectrum).
 */
public final class SpectralCentroid {
    private SpectralCentroid() {}

    public static double of(double[] magnitude, double[] frequencies) {
        double num = 0;
        double den = 0;
        for (int k = 0; k < magnitude.length; k++) {
            num += frequencies[k] * magnitude[k];
            den += magnitude[k];
        }
        return den > 0 ? num / den : 0;
    }
}
