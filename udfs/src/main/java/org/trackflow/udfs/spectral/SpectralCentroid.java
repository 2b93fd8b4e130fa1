package org.trackflow.udfs.spectral;

/**
 * Spectral centroid, Hz: {@code sum_k f_k |X_k| / sum_k |X_k|}; 0 for a silent frame.
 * As {@code librosa.feature.spectral_centroid} (magnitude spectrum).
 */
public final class SpectralCentroid {
    private SpectralCentroid() {}

    public static double of(double[] magnitude, double[] frequencies) {
        return of(magnitude, frequencies, Spectrum.sum(magnitude));
    }

    /** The same, given {@code sum = sum_k magnitude[k]} ({@link Spectrum#magnitudeSum}). */
    public static double of(double[] magnitude, double[] frequencies, double sum) {
        double num = 0;
        for (int k = 0; k < magnitude.length; k++) {
            num += frequencies[k] * magnitude[k];
        }
        return sum > 0 ? num / sum : 0;
    }
}
