package org.trackflow.udfs.spectral;

/**
 * Mel-frequency cepstral coefficients of one frame: mel power spectrum ({@link MelFilterbank}, 128 Slaney
 * bands), {@code 10 log10(max(1e-10, S))}, DCT-II with orthonormal scaling, first 13 coefficients.
 * As {@code librosa.feature.mfcc(n_mfcc=13, n_mels=128, dct_type=2, norm='ortho')} with one deliberate
 * difference: no {@code top_db=80} clipping, since that clips against the loudest frame of the whole
 * track, which no chunk can know; it only changes frames more than 80 dB below the track's peak.
 */
public final class Mfcc {
    public static final int COEFFICIENTS = 13;
    public static final int MEL_BANDS = 128;
    private static final double AMIN = 1e-10;

    private final MelFilterbank mel;
    private final double[][] dct;
    private final double[] melPower;

    public Mfcc(int sampleRate) {
        this.mel = new MelFilterbank(sampleRate, MEL_BANDS);
        this.dct = dctOrtho(COEFFICIENTS, MEL_BANDS);
        this.melPower = new double[MEL_BANDS];
    }

    /** Writes the 13 coefficients of the frame whose power spectrum is given to {@code out[offset..]}. */
    public void compute(double[] power, double[] out, int offset) {
        mel.apply(power, melPower);
        for (int i = 0; i < MEL_BANDS; i++) {
            melPower[i] = 10 * Math.log10(Math.max(AMIN, melPower[i]));
        }
        for (int c = 0; c < COEFFICIENTS; c++) {
            double[] basis = dct[c];
            double acc = 0;
            for (int i = 0; i < MEL_BANDS; i++) {
                acc += basis[i] * melPower[i];
            }
            out[offset + c] = acc;
        }
    }

    /** DCT-II basis with {@code norm='ortho'}: {@code s_k cos(pi k (2n + 1) / (2N))}. */
    static double[][] dctOrtho(int coefficients, int n) {
        double[][] m = new double[coefficients][n];
        for (int k = 0; k < coefficients; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / n);
            for (int i = 0; i < n; i++) {
                m[k][i] = scale * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * n));
            }
        }
        return m;
    }
}
