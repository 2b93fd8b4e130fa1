package org.trackflow.udfs.spectral;

/**
 * Spectral flux: the L2 norm of the positive part of the difference between the L1-normalised magnitude
 * spectra of a frame and its predecessor, {@code sqrt(sum_k max(0, s_k(t) - s_k(t-1))^2)} with
 * {@code s = |X| / sum |X|} (a silent frame normalises to all zeros). As Essentia's {@code Flux}
 * (norm L2, half-rectified) on normalised spectra, so the value measures change of spectral shape, not of
 * level. 0 for a track's first frame.
 */
public final class SpectralFlux {
    private SpectralFlux() {}

    /** Normalises {@code magnitude} into {@code out} (sum 1, or all zero for silence). */
    public static void normalise(double[] magnitude, double[] out) {
        normalise(magnitude, Spectrum.sum(magnitude), out);
    }

    /** The same, given {@code sum = sum_k magnitude[k]} ({@link Spectrum#magnitudeSum}). */
    public static void normalise(double[] magnitude, double sum, double[] out) {
        double inv = sum > 0 ? 1 / sum : 0;
        for (int k = 0; k < magnitude.length; k++) {
            out[k] = magnitude[k] * inv;
        }
    }

    public static double of(double[] normalised, double[] previousNormalised) {
        double acc = 0;
        for (int k = 0; k < normalised.length; k++) {
            // max() rather than a branch: rises and falls alternate unpredictably; adding 0 changes nothing.
            double d = Math.max(0, normalised[k] - previousNormalised[k]);
            acc += d * d;
        }
        return Math.sqrt(acc);
    }
}
