package org.trackflow.udfs.spectral;

/**
 * The MFCCs of musly's timbre model (Schnitzer et al., "Using mutual proximity to improve content-based
 * audio similarity", ISMIR 2011; musly's {@code methods/timbre.cpp}), whose per-track Gaussian (mean and
 * full covariance of these frames) is the strongest non-learned similarity measure in MIREX's audio
 * music similarity runs:
 *
 * <ul>
 *   <li>36 triangular mel bands from 20 Hz to sr/2 on {@code mel(f) = 1127.01048 ln(1 + f / 700)}, equally
 *       spaced on that scale, each of area 1 ({@code height = 2 / (right - left)}), over the power
 *       spectrum;</li>
 *   <li>the power spectrum scaled so that full scale is 96 dB (16-bit range): musly scales each track to
 *       its own peak, which no chunk knows, so full scale stands in for the peak (equal on mastered
 *       music; a quieter track shifts only the 0th coefficient's mean);</li>
 *   <li>{@code log(1 + S)} per band, then DCT-II (orthonormal), 25 coefficients, the 0th included.</li>
 * </ul>
 * Frames are trackflow's (2048 samples, hop 512, Hann) where musly's are 1024 / 512: twice the frequency
 * resolution, the same hop; a longer window adds a constant to the log-band powers, which moves only the
 * 0th coefficient's mean. musly reads the central 60 s of a track; trackflow reads all of it.
 */
public final class TimbreMfcc {
    public static final int BANDS = 36;
    public static final int COEFFICIENTS = 25;
    static final double MIN_HZ = 20;
    /** Power of full scale at 96 dB: (10^(96/20))^2. */
    static final double SCALE = Math.pow(10, 96 / 10.0);

    private final int[] first;
    private final double[][] weights;
    private final double[][] dct = Mfcc.dctOrtho(COEFFICIENTS, BANDS);
    private final double[] bands = new double[BANDS];

    public TimbreMfcc(int sampleRate) {
        double[] freqs = Spectrum.binFrequencies(sampleRate);
        double nyquist = sampleRate / 2.0;
        double melMax = mel(nyquist);
        double melMin = mel(MIN_HZ);
        double[] edges = new double[BANDS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(melMin + (melMax - melMin) * i / (BANDS + 1));
        }
        first = new int[BANDS];
        weights = new double[BANDS][];
        for (int b = 0; b < BANDS; b++) {
            double left = edges[b];
            double centre = edges[b + 1];
            double right = edges[b + 2];
            double height = 2 / (right - left);
            int lo = -1;
            int hi = -1;
            for (int k = 0; k < freqs.length; k++) {
                if (freqs[k] > left && freqs[k] < right) {
                    lo = lo < 0 ? k : lo;
                    hi = k;
                }
            }
            first[b] = Math.max(lo, 0);
            weights[b] = new double[lo < 0 ? 0 : hi - lo + 1];
            for (int k = lo; lo >= 0 && k <= hi; k++) {
                double f = freqs[k];
                weights[b][k - lo] = f <= centre ? height * (f - left) / (centre - left) : height * (right - f) / (right - centre);
            }
        }
    }

    static double mel(double hz) {
        return 1127.01048 * Math.log(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.exp(mel / 1127.01048) - 1);
    }

    /** Writes the frame's 25 coefficients to {@code out[offset ..]}. */
    public void compute(double[] power, double[] out, int offset) {
        for (int b = 0; b < BANDS; b++) {
            double[] w = weights[b];
            int from = first[b];
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += w[i] * power[from + i];
            }
            bands[b] = Math.log(1 + SCALE * s);
        }
        for (int c = 0; c < COEFFICIENTS; c++) {
            double[] basis = dct[c];
            double acc = 0;
            for (int i = 0; i < BANDS; i++) {
                acc += basis[i] * bands[i];
            }
            out[offset + c] = acc;
        }
    }
}
