package org.trackflow.udfs.spectral;

/**
 * Spectral roll-off, Hz: the lowest bin frequency at which the cumulative magnitude reaches
 * {@code 0.85} of the frame's total (0 Hz for a silent frame). As {@code librosa.feature.spectral_rolloff}.
 */
public final class SpectralRolloff {
    public static final double ROLL_PERCENT = 0.85;

    private SpectralRolloff() {}

    public static double of(double[] magnitude, double[] frequencies) {
        return of(magnitude, frequencies, Spectrum.sum(magnitude));
    }

    /** The same, given {@code total = sum_k magnitude[k]} ({@link Spectrum#magnitudeSum}). */
    public static double of(double[] magnitude, double[] frequencies, double total) {
        double threshold = ROLL_PERCENT * total;
        double cumulative = 0;
        for (int k = 0; k < magnitude.length; k++) {
            cumulative += magnitude[k];
            if (cumulative >= threshold) {
                return frequencies[k];
            }
        }
        return frequencies[frequencies.length - 1];
    }
}
