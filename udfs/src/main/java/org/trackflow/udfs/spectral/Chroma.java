package org.trackflow.udfs.spectral;

/**
 * STFT chroma of one frame: the power spectrum projected on 12 pitch-class filters and max-normalised
 * (a silent frame stays all zero). As {@code librosa.feature.chroma_stft(n_fft=2048, tuning=0)}: the
 * filters are {@code librosa.filters.chroma(sr, 2048, n_chroma=12, tuning=0, ctroct=5, octwidth=2,
 * norm=2, base_c=True)} (Gaussian bumps around each pitch class in every octave, weighted by a Gaussian
 * over octaves centred on C5), so index 0 is C, 9 is A (A4 = 440 Hz). Not thread-safe (a reused
 * buffer): one instance per thread.
 */
public final class Chroma {
    public static final int CLASSES = 12;
    /** librosa's {@code tiny(float64)} guard for the per-frame max normalisation. */
    private static final double TINY = Double.MIN_NORMAL;

    /**
     * The filter weights bin-major ({@code [k * 12 + c]}): each bin updates 12 independent sums, where one
     * class's sum over 1 025 bins would be a chain of dependent additions. Each class still sums its bins
     * in ascending order: the same result.
     */
    private final double[] byBin;
    private final double[] acc = new double[CLASSES];

    public Chroma(int sampleRate) {
        double[][] filters = filters(sampleRate, Spectrum.N);
        int bins = filters[0].length;
        this.byBin = new double[bins * CLASSES];
        for (int k = 0; k < bins; k++) {
            for (int c = 0; c < CLASSES; c++) {
                byBin[k * CLASSES + c] = filters[c][k];
            }
        }
    }

    /** Writes the 12 normalised chroma values of a frame's power spectrum to {@code out[offset..]}. */
    public void compute(double[] power, double[] out, int offset) {
        // Twelve sums in locals (registers), not in an array that each bin would load and store again.
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0;
        double[] w = byBin;
        int bins = w.length / CLASSES;
        for (int k = 0, b = 0; k < bins; k++, b += CLASSES) {
            double p = power[k];
            a0 += w[b] * p;
            a1 += w[b + 1] * p;
            a2 += w[b + 2] * p;
            a3 += w[b + 3] * p;
            a4 += w[b + 4] * p;
            a5 += w[b + 5] * p;
            a6 += w[b + 6] * p;
            a7 += w[b + 7] * p;
            a8 += w[b + 8] * p;
            a9 += w[b + 9] * p;
            a10 += w[b + 10] * p;
            a11 += w[b + 11] * p;
        }
        double[] a = acc;
        a[0] = a0; a[1] = a1; a[2] = a2; a[3] = a3; a[4] = a4; a[5] = a5;
        a[6] = a6; a[7] = a7; a[8] = a8; a[9] = a9; a[10] = a10; a[11] = a11;
        double max = 0;
        for (int c = 0; c < CLASSES; c++) {
            out[offset + c] = a[c];
            max = Math.max(max, Math.abs(a[c]));
        }
        if (max >= TINY) {
            for (int c = 0; c < CLASSES; c++) {
                out[offset + c] /= max;
            }
        }
    }

    static double[][] filters(int sampleRate, int nFft) {
        final int n = CLASSES;
        double a440 = 440.0;
        double[] frqbins = new double[nFft];
        for (int j = 1; j < nFft; j++) {
            double f = (double) j * sampleRate / nFft;
            frqbins[j] = n * log2(f / (a440 / 16));
        }
        frqbins[0] = frqbins[1] - 1.5 * n;
        double[] binwidth = new double[nFft];
        for (int j = 0; j < nFft - 1; j++) {
            binwidth[j] = Math.max(frqbins[j + 1] - frqbins[j], 1.0);
        }
        binwidth[nFft - 1] = 1;
        double half = Math.round(n / 2.0);
        double[][] wts = new double[n][nFft];
        for (int j = 0; j < nFft; j++) {
            double norm = 0;
            for (int c = 0; c < n; c++) {
                double d = frqbins[j] - c;
                d = floorMod(d + half + 10 * n, n) - half;
                double w = Math.exp(-0.5 * Math.pow(2 * d / binwidth[j], 2));
                wts[c][j] = w;
                norm += w * w;
            }
            norm = Math.sqrt(norm);
            double octWeight = Math.exp(-0.5 * Math.pow((frqbins[j] / n - 5.0) / 2.0, 2));
            for (int c = 0; c < n; c++) {
                wts[c][j] = (norm > 0 ? wts[c][j] / norm : wts[c][j]) * octWeight;
            }
        }
        // base_c: roll so that row 0 is C rather than A; keep the non-aliased half of the spectrum.
        int bins = nFft / 2 + 1;
        double[][] out = new double[n][bins];
        for (int c = 0; c < n; c++) {
            System.arraycopy(wts[(c + 3) % n], 0, out[c], 0, bins);
        }
        return out;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double floorMod(double a, double b) {
        return a - b * Math.floor(a / b);
    }
}
