package org.trackflow.udfs.spectral;

/**
 * Spectral bandwidth (p = 2), Hz: {@code sqrt(sum_k |X_k| (f_k - centroid)^2 / sum_k |X_k|)}; 0 for a
 * silent frame. As {@code librosa.feature.spectral_bandwidth(p=2)}.
 */
public final class SpectralBandwidth {
    private SpectralBandwidth() {}

    public static double of(double[] magnitude, double[] frequencies, double centroid) {
        return of(magnitude, frequencies, centroid, Spectrum.sum(magnitude));
    }

    /** The same, given {@code sum = sum_k magnitude[k]} ({@link Spectrum#magnitudeSum}). */
    public static double of(double[] magnitude, double[] frequencies, double centroid, double sum) {
        double num = 0;
        for (int k = 0; k < magnitude.length; k++) {
            double d = frequencies[k] - centroid;
            num += magnitude[k] * d * d;
        }
        return sum > 0 ? Math.sqrt(num / sum) : 0;
    }
}
