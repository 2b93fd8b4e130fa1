package org.trackflow.udfs.tonal;

import java.util.Arrays;

/**
 * Harmonic pitch class profile of one frame (Gómez, "Tonal description of music audio signals", PhD thesis,
 * UPF 2006), as Essentia's {@code KeyExtractor} computes it (SpectralPeaks, SpectralWhitening, HPCP with
 * {@code harmonics=4, weightType=cosine, windowSize=1, normalized=none, 25-3500 Hz}), at a resolution of
 * {@value #PER_SEMITONE} bins per semitone so that the track's tuning can be found afterwards
 * ({@link KeyEstimator}). Bin 0 is A4 = 440 Hz.
 * <ol>
 *   <li>Spectral peaks: local maxima of the magnitude spectrum between 25 and 3500 Hz above -80 dB re a
 *       full-scale sine, frequency and level by parabolic interpolation of the dB spectrum; the 60 largest.</li>
 *   <li>Whitening (Essentia's SpectralWhitening, after Röbel and Rodet 2005): a spectral envelope every 100 Hz
 *       (energy-weighted mean energy in {@code [f - max(50, 0.34 f), f + max(50, 0.58 f)]}); a peak above it
 *       counts 0 dB, one within 30 dB below it its distance, one further below nothing; minus {@code 20 f /
 *       4000} dB.</li>
 *   <li>Each whitened peak (magnitude m, frequency f) adds {@code cos(pi d) m^2 w^2} to the bins within half a
 *       semitone (d in semitones) of the pitch of each fundamental it may be a harmonic of (the cosine window is
 *       applied once to the sum, {@link #window}): f itself (harmonics
 *       1, 2, 4: w = 3), a twelfth below (harmonic 3: w = 0.5) and two octaves and a major third below (harmonic
 *       5: w = 0.5 / 1.16); Essentia weighs these two 1 and 1 / 1.16 ({@link #WEIGHT}).</li>
 * </ol>
 * <p>Band preset (Essentia's HPCP defaults {@code bandPreset=true, bandSplitFrequency=500,
 * normalized=unitMax}; Gómez 2006, section 3.2.2): each frame's peaks below {@value #SPLIT_HZ} Hz (bass) and
 * from it up (treble) make two separate profiles, each scaled to a maximum of 1 after the cosine window, and
 * the frame adds their sum; a track's profile is the sum over its frames, which merges across chunks by
 * addition. So bass and treble weigh alike in every frame, and loud and quiet frames alike across the track
 * (KeyExtractor itself turns the preset off and sums unnormalised frames: there the bass line and the loudest
 * passages dominate). Measured on the accuracy corpus (bench/results/accuracy.md) with the bgate profile
 * ({@link KeyEstimator#PROFILE}): agreement with the QM/Essentia consensus 15 of 19 tracks summing
 * unnormalised frames, 15 with each whole frame scaled to 1, 17 with the band preset; the split is Essentia's
 * default, not fitted, and the result depends on it (250 Hz: 16, 350: 15, 700: 14, 1000: 15). Costs about
 * 2 µs per profiled frame (of about 270 µs of features per 4 frames). Not thread-safe.
 */
public final class Hpcp {
    public static final int PER_SEMITONE = 10;
    public static final int SIZE = 12 * PER_SEMITONE;
    private static final double MIN_HZ = 25;
    private static final double MAX_HZ = 3500;
    private static final int MAX_PEAKS = 60;
    /** Bass and treble bands meet here (Essentia's HPCP {@code bandSplitFrequency}). */
    static final double SPLIT_HZ = 500;
    /**
     * Harmonic candidates: semitones below the peak and weight w, after Essentia's initHarmonicContributionTable
     * with 4 harmonics (w = 3, 1, 1 / 1.16), the two sub-harmonic candidates at half Essentia's weight (0.5,
     * 0.43): with Essentia's, pure-tone scales lean to their subdominant (2 of the 48 test scales and cadences
     * fail with the edma profile); on the accuracy corpus (band preset, bgate) both agree with the QM/Essentia
     * consensus on the same 17 of 19 tracks, MIREX score against Essentia 0.82 with these weights, 0.77 with
     * Essentia's.
     */
    private static final double[] SHIFT = {0, 12 * Math.log(3) / Math.log(2) - 12, 12 * Math.log(5) / Math.log(2) - 24};
    static final double[] WEIGHT = {3, 0.5, 0.5 / (12 * Math.log(5) / Math.log(2) / 12 * 0.5)};

    private final double binHz;
    private final int lo;
    private final int hi;
    /** Magnitude of a full-scale sine's peak: the window's sum over 2. */
    private final double fullScale;
    private final double[] peakHz = new double[1024];
    private final double[] peakDb = new double[1024];
    private final int[] order = new int[1024];
    /** The current frame's peaks below and above {@link #SPLIT_HZ}, before the window. */
    private final double[] low = new double[SIZE];
    private final double[] high = new double[SIZE];
    private final double[] windowed = new double[SIZE];
    private final double[] envelope;
    /** Per envelope point: its first bin and the window weights {@code (1 - |i - c| / h)^4} of its bins. */
    private final int[] envelopeStart;
    private final double[][] envelopeWeight;
    /** The cosine window's weights {@code cos(pi d / 10)}, d = 0..5 bins from its centre. */
    private static final double[] WINDOW = new double[PER_SEMITONE / 2 + 1];

    static {
        for (int d = 0; d < WINDOW.length; d++) {
            WINDOW[d] = Math.cos(Math.PI * d / PER_SEMITONE);
        }
    }

    private static final double LN10_OVER_10 = Math.log(10) / 10;
    private static final double INV_LN2 = 1 / Math.log(2);

    public Hpcp(int sampleRate, int fftSize, double windowSum) {
        this.binHz = (double) sampleRate / fftSize;
        this.lo = Math.max(1, (int) Math.ceil(MIN_HZ / binHz));
        this.hi = Math.min(fftSize / 2 - 1, (int) Math.floor(MAX_HZ / binHz));
        this.fullScale = windowSum / 2;
        this.envelope = new double[(int) (MAX_HZ / 100) + 2];
        int bins = fftSize / 2 + 1;
        // Essentia's envelope runs to 1.2 MAX_HZ; peaks stop at MAX_HZ, so points past the one after it are never
        // read (the last point, which Essentia copies from the one before it, is one of them)
        int points = (int) (MAX_HZ / 100) + 2;
        this.envelopeStart = new int[points];
        this.envelopeWeight = new double[points][];
        for (int k = 0; k < points; k++) {
            double freq = 100.0 * k;
            double bf = freq - Math.max(50, freq * 0.34);
            double ef = freq + Math.max(50, freq * 0.58);
            int b = Math.min(bins - 1, Math.max(0, (int) (bf / binHz + 0.5)));
            int e = Math.min(bins, Math.max(b + 1, (int) (ef / binHz + 0.5)));
            double centre = b / 2.0 + e / 2.0;
            double half = e - centre;
            double[] w = new double[e - b];
            for (int i = b; i < e; i++) {
                double x = 1 - Math.abs(i - centre) / half;
                x *= x;
                w[i - b] = x * x;
            }
            envelopeStart[k] = b;
            envelopeWeight[k] = w;
        }
    }

    /**
     * Adds the peaks of a frame with magnitude spectrum {@code mag} to {@code out} (length {@link #SIZE}), bass
     * and treble each scaled so that its windowed maximum is 1; the sum over frames becomes the profile with
     * {@link #window}.
     */
    public void accumulate(double[] mag, double[] out) {
        int n = 0;
        double threshold = 1e-4 * fullScale;
        for (int k = lo; k <= hi; k++) {
            double m = mag[k];
            if (m > threshold && m > mag[k - 1] && m >= mag[k + 1]) {
                order[n++] = k;
            }
        }
        if (n == 0) {
            return;
        }
        if (n > MAX_PEAKS) {
            // the MAX_PEAKS largest first (partial selection sort on the bin magnitudes; n is a few hundred at most)
            for (int j = 0; j < MAX_PEAKS; j++) {
                int best = j;
                double bestMag = mag[order[j]];
                for (int k = j + 1; k < n; k++) {
                    if (mag[order[k]] > bestMag) {
                        best = k;
                        bestMag = mag[order[k]];
                    }
                }
                int t = order[j];
                order[j] = order[best];
                order[best] = t;
            }
        }
        int used = Math.min(n, MAX_PEAKS);
        for (int j = 0; j < used; j++) {
            int k = order[j];
            double a = db(mag[k - 1]);
            double b = db(mag[k]);
            double c = db(mag[k + 1]);
            double den = a - 2 * b + c;
            double p = den < 0 ? 0.5 * (a - c) / den : 0;
            peakHz[j] = (k + p) * binHz;
            peakDb[j] = b - 0.25 * (a - c) * p;
            order[j] = j;
        }
        whiten(mag, used);
        for (int j = 0; j < used; j++) {
            int i = order[j];
            double f = peakHz[i];
            if (f < MIN_HZ || f > MAX_HZ || Double.isNaN(peakDb[i])) {
                continue;
            }
            double energy = Math.exp(LN10_OVER_10 * peakDb[i]);
            double bin = SIZE * Math.log(f / 440.0) * INV_LN2;
            double[] band = f < SPLIT_HZ ? low : high;
            for (int h = 0; h < SHIFT.length; h++) {
                add(band, bin - SHIFT[h] * PER_SEMITONE, energy * WEIGHT[h] * WEIGHT[h]);
            }
        }
        addUnitMax(low, out);
        addUnitMax(high, out);
    }

    /**
     * Adds {@code band} to {@code out} scaled by 1 over the maximum of its windowed profile ({@link #window}:
     * linear, so the sum of scaled frames can be windowed once), and clears it.
     */
    private void addUnitMax(double[] band, double[] out) {
        int half = PER_SEMITONE / 2;
        double[] w = windowed;
        Arrays.fill(w, 0);
        boolean any = false;
        for (int i = 0; i < SIZE; i++) {
            double v = band[i];
            if (v == 0) {
                continue;
            }
            any = true;
            for (int d = -half; d <= half; d++) {
                int j = i + d;
                w[j < 0 ? j + SIZE : j >= SIZE ? j - SIZE : j] += WINDOW[Math.abs(d)] * v;
            }
        }
        if (!any) {
            return;
        }
        double max = 0;
        for (double v : w) {
            max = Math.max(max, v);
        }
        if (max > 0) {
            double scale = 1 / max;
            for (int i = 0; i < SIZE; i++) {
                out[i] += band[i] * scale;
            }
        }
        Arrays.fill(band, 0);
    }

    /** Adds {@code value} at fractional bin {@code bin}, split linearly between its two neighbouring bins. */
    private static void add(double[] out, double bin, double value) {
        double fl = Math.floor(bin);
        double frac = bin - fl;
        int i = Math.floorMod((int) fl, SIZE);
        out[i] += (1 - frac) * value;
        out[i + 1 == SIZE ? 0 : i + 1] += frac * value;
    }

    /**
     * The profile of accumulated peaks ({@link #accumulate}) with Essentia's cosine window applied: each bin
     * spreads {@code cos(pi d / 10)} to the bins d = -5..5 away (wrapped). The window is linear, so applying it
     * once to the sum over frames equals applying it to each frame; peaks between two bins were split linearly
     * between them, which differs from evaluating the cosine at the exact distance by at most 1.2 % of a peak.
     */
    public static double[] window(double[] accumulated) {
        int half = PER_SEMITONE / 2;
        double[] w = WINDOW;
        double[] out = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double v = accumulated[i];
            if (v == 0) {
                continue;
            }
            for (int d = -half; d <= half; d++) {
                out[Math.floorMod(i + d, SIZE)] += w[Math.abs(d)] * v;
            }
        }
        return out;
    }

    /** Replaces {@code peakDb} of the used peaks by their whitened level (NaN: dropped). */
    private void whiten(double[] mag, int used) {
        int points = envelopeStart.length;
        // Two points at a time: each point's sums are two chains of dependent additions, and the FPU can
        // run a second point's chains beside them. Each point still sums its bins in ascending order.
        int k = 0;
        for (; k + 1 < points; k += 2) {
            double[] g = envelopeWeight[k];
            double[] h = envelopeWeight[k + 1];
            int b = envelopeStart[k];
            int c = envelopeStart[k + 1];
            int both = Math.min(g.length, h.length);
            double num = 0, den = 0, num2 = 0, den2 = 0;
            int i = 0;
            for (; i < both; i++) {
                double m = mag[b + i];
                double energy = m * m;
                double ge = g[i] * energy;
                num += ge * energy;
                den += ge;
                double m2 = mag[c + i];
                double energy2 = m2 * m2;
                double he = h[i] * energy2;
                num2 += he * energy2;
                den2 += he;
            }
            for (int r = i; r < g.length; r++) {
                double m = mag[b + r];
                double energy = m * m;
                double ge = g[r] * energy;
                num += ge * energy;
                den += ge;
            }
            for (int r = i; r < h.length; r++) {
                double m2 = mag[c + r];
                double energy2 = m2 * m2;
                double he = h[r] * energy2;
                num2 += he * energy2;
                den2 += he;
            }
            envelope[k] = envelopeLevel(num, den);
            envelope[k + 1] = envelopeLevel(num2, den2);
        }
        for (; k < points; k++) {
            double[] g = envelopeWeight[k];
            int b = envelopeStart[k];
            double num = 0;
            double den = 0;
            for (int i = 0; i < g.length; i++) {
                double m = mag[b + i];
                double energy = m * m;
                double ge = g[i] * energy;
                num += ge * energy;
                den += ge;
            }
            envelope[k] = envelopeLevel(num, den);
        }
        for (int j = 0; j < used; j++) {
            int i = order[j];
            double f = peakHz[i];
            double amp = peakDb[i];
            double x = f / 100;
            int e = Math.min(points - 2, (int) x);
            double env = envelope[e] + (envelope[e + 1] - envelope[e]) * (x - e);
            double white;
            if (amp > env) {
                white = 0;
            } else if (amp > env - 30) {
                white = amp - env;
            } else {
                white = Double.NaN;
            }
            peakDb[i] = white - 20 * f / 4000;
        }
    }

    /** Energy-weighted mean energy, {@code sum g E^2 / sum g E} (g the window weights), in dB. */
    private static double envelopeLevel(double num, double den) {
        return den > 0 ? 10 * Math.log10(Math.max(1e-30, num / den)) : -300;
    }

    private static double db(double m) {
        return 20 * Math.log10(Math.max(m, 1e-20));
    }
}
