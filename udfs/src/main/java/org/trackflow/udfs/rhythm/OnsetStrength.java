package org.trackflow.udfs.rhythm;

/**
 * Onset strength of a frame: the mean over mel bands of the increase of the log-mel spectrum (dB) since
 * the previous frame, {@code mean_b max(0, S_b(t) - S_b(t-1))}. As
 * {@code librosa.onset.onset_strength(lag=1, max_size=1, aggregate=np.mean)} on the shared
 * {@link org.trackflow.udfs.spectral.MelSpectrum} (no centring shift: frame t's value is at frame t).
 * 0 for a track's first frame.
 */
public final class OnsetStrength {
    private OnsetStrength() {}

    public static double of(double[] melDb, double[] previousMelDb) {
        double acc = 0;
        for (int b = 0; b < melDb.length; b++) {
            double d = melDb[b] - previousMelDb[b];
            if (d > 0) {
                acc += d;
            }
        }
        return acc / melDb.length;
    }
}
