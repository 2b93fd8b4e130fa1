package org.trackflow.udfs.spectral;

/**
 * Mel-frequency cepstral coefficients of one frame: DCT-II (orthonormal) of the log-mel spectrum
 * ({@link MelSpectrum}: 128 Slaney bands, dB), first 13 coefficients. As
 * {@code librosa.feature.mfcc(n_mfcc=13, n_mels=128, dct_type=2, norm='ortho')}, except for the dB
 * floor, which is absolute rather than relative to the track's loudest frame (see {@link MelSpectrum}).
 */
public final class Mfcc {
    public static final int COEFFICIENTS = 13;

    private final double[][] dct = dctOrtho(COEFFICIENTS, MelSpectrum.BANDS);

    /** Writes the 13 coefficients of a frame's log-mel spectrum to {@code out[offset..]}. */
    public void compute(double[] melDb, double[] out, int offset) {
        for (int c = 0; c < COEFFICIENTS; c++) {
            double[] basis = dct[c];
            double acc = 0;
            for (int i = 0; i < basis.length; i++) {
                acc += basis[i] * melDb[i];
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
