package org.trackflow.udfs.spectral;

/**
 * Slaney-style mel filterbank with Slaney area normalisation, as {@code librosa.filters.mel(sr, n_fft=2048,
 * n_mels, fmin=0, fmax=sr/2, htk=False, norm='slaney')}: triangles on the Slaney mel scale (linear below
 * 1 kHz, logarithmic above), each scaled by {@code 2 / (f_{i+2} - f_i)}.
 *
 * <p>Stored sparsely (each triangle's non-zero bin range), so applying it costs one multiply-add per
 * non-zero weight rather than {@code n_mels * 1025}.
 */
public final class MelFilterbank {
    private final int bands;
    private final int[] start;
    private final double[][] weights;

    public MelFilterbank(int sampleRate, int bands) {
        this.bands = bands;
        double[] fftFreqs = Spectrum.binFrequencies(sampleRate);
        double[] melF = melFrequencies(bands + 2, 0, sampleRate / 2.0);
        this.start = new int[bands];
        this.weights = new double[bands][];
        double[] row = new double[Spectrum.BINS];
        for (int i = 0; i < bands; i++) {
            double lowerWidth = melF[i + 1] - melF[i];
            double upperWidth = melF[i + 2] - melF[i + 1];
            double enorm = 2.0 / (melF[i + 2] - melF[i]);
            int first = -1;
            int last = -1;
            for (int k = 0; k < Spectrum.BINS; k++) {
                double lower = (fftFreqs[k] - melF[i]) / lowerWidth;
                double upper = (melF[i + 2] - fftFreqs[k]) / upperWidth;
                double w = Math.max(0, Math.min(lower, upper)) * enorm;
                row[k] = w;
                if (w > 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                // A band narrower than one bin has no weight at all (librosa warns "empty filters").
                start[i] = 0;
                weights[i] = new double[0];
            } else {
                start[i] = first;
                weights[i] = java.util.Arrays.copyOfRange(row, first, last + 1);
            }
        }
    }

    public int bands() {
        return bands;
    }

    /** {@code out[i] = sum_k W[i][k] * spectrum[k]}. */
    public void apply(double[] spectrum, double[] out) {
        for (int i = 0; i < bands; i++) {
            double[] w = weights[i];
            int s = start[i];
            double acc = 0;
            for (int j = 0; j < w.length; j++) {
                acc += w[j] * spectrum[s + j];
            }
            out[i] = acc;
        }
    }

    /** Dense weight of band {@code band} at FFT bin {@code bin}. */
    public double weight(int band, int bin) {
        int j = bin - start[band];
        return j >= 0 && j < weights[band].length ? weights[band][j] : 0;
    }

    /** Slaney mel scale: {@code librosa.hz_to_mel(f, htk=False)}. */
    public static double hzToMel(double hz) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000.0;
        double minLogMel = minLogHz / fSp;
        double logStep = Math.log(6.4) / 27.0;
        return hz >= minLogHz ? minLogMel + Math.log(hz / minLogHz) / logStep : hz / fSp;
    }

    /** Inverse of {@link #hzToMel}. */
    public static double melToHz(double mel) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000.0;
        double minLogMel = minLogHz / fSp;
        double logStep = Math.log(6.4) / 27.0;
        return mel >= minLogMel ? minLogHz * Math.exp(logStep * (mel - minLogMel)) : fSp * mel;
    }

    /** {@code librosa.mel_frequencies(n, fmin, fmax, htk=False)}. */
    public static double[] melFrequencies(int n, double fmin, double fmax) {
        double lo = hzToMel(fmin);
        double hi = hzToMel(fmax);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = melToHz(lo + (hi - lo) * i / (n - 1));
        }
        return f;
    }
}
