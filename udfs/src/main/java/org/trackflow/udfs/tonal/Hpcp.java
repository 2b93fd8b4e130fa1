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
 *       semitone (d in semitones) of the pitch of each fundamental it may be a harmonic of: f itself (harmonics
 *       1, 2, 4: w = 3), a twelfth below (harmonic 3: w = 0.5) and two octaves and a major third below (harmonic
 *       5: w = 0.5 / 1.16); Essentia weighs these two 1 and 1 / 1.16 ({@link #WEIGHT}).</li>
 * </ol>
 * Frames are not normalised: a track's profile is the plain sum over its frames (louder frames weigh more, as
 * Essentia's mean of unnormalised frames), which merges across chunks by addition. Not thread-safe.
 */
public final class Hpcp {
    public static final int PER_SEMITONE = 10;
    public static final int SIZE = 12 * PER_SEMITONE;
    private static final double MIN_HZ = 25;
    private static final double MAX_HZ = 3500;
    private static final int MAX_PEAKS = 60;
    /**
     * Harmonic candidates: semitones below the peak and weight w, after Essentia's initHarmonicContributionTable
     * with 4 harmonics (w = 3, 1, 1 / 1.16), the two sub-harmonic candidates at half Essentia's weight (0.5,
     * 0.43): with Essentia's, pure-tone scales lean to their subdominant (2 of the 48 test scales and cadences
     * fail with the edma profile); on the accuracy corpus both agree with the QM/Essentia consensus on the same
     * 16 of 19 tracks.
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
    private final Integer[] order = new Integer[1024];
    private final double[] envelope;

    public Hpcp(int sampleRate, int fftSize, double windowSum) {
        this.binHz = (double) sampleRate / fftSize;
        this.lo = Math.max(1, (int) Math.ceil(MIN_HZ / binHz));
        this.hi = Math.min(fftSize / 2 - 1, (int) Math.floor(MAX_HZ / binHz));
        this.fullScale = windowSum / 2;
        this.envelope = new double[(int) (MAX_HZ * 1.2 / 100) + 2];
    }

    /** Adds the profile of a frame with magnitude spectrum {@code mag} to {@code out} (length {@link #SIZE}). */
    public void accumulate(double[] mag, double[] out) {
        int n = 0;
        double threshold = 1e-4 * fullScale;
        for (int k = lo; k <= hi; k++) {
            double m = mag[k];
            if (m > threshold && m > mag[k - 1] && m >= mag[k + 1]) {
                double a = db(mag[k - 1]);
                double b = db(m);
                double c = db(mag[k + 1]);
                double den = a - 2 * b + c;
                double p = den < 0 ? 0.5 * (a - c) / den : 0;
                peakHz[n] = (k + p) * binHz;
                peakDb[n] = b - 0.25 * (a - c) * p;
                order[n] = n;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        if (n > MAX_PEAKS) {
            Arrays.sort(order, 0, n, (x, y) -> Double.compare(peakDb[y], peakDb[x]));
        }
        int used = Math.min(n, MAX_PEAKS);
        whiten(mag, used);
        for (int j = 0; j < used; j++) {
            int i = order[j];
            double f = peakHz[i];
            if (f < MIN_HZ || f > MAX_HZ || Double.isNaN(peakDb[i])) {
                continue;
            }
            double energy = Math.pow(10, peakDb[i] / 10);
            double bin = SIZE * Math.log(f / 440.0) / Math.log(2);
            for (int h = 0; h < SHIFT.length; h++) {
                add(out, bin - SHIFT[h] * PER_SEMITONE, energy * WEIGHT[h] * WEIGHT[h]);
            }
        }
    }

    private static void add(double[] out, double bin, double value) {
        int from = (int) Math.ceil(bin - PER_SEMITONE / 2.0);
        int to = (int) Math.floor(bin + PER_SEMITONE / 2.0);
        for (int i = from; i <= to; i++) {
            double w = Math.cos(Math.PI * Math.abs(bin - i) / PER_SEMITONE);
            out[Math.floorMod(i, SIZE)] += w * value;
        }
    }

    /** Replaces {@code peakDb} of the used peaks by their whitened level (NaN: dropped). */
    private void whiten(double[] mag, int used) {
        double maxHz = MAX_HZ * 1.2;
        int points = 0;
        int bins = mag.length;
        for (double freq = 0; freq <= maxHz; freq += 100) {
            double bf = freq - Math.max(50, freq * 0.34);
            double ef = freq + Math.max(50, freq * 0.58);
            int b = Math.min(bins - 1, Math.max(0, (int) (bf / binHz + 0.5)));
            int e = Math.min(bins, Math.max(b + 1, (int) (ef / binHz + 0.5)));
            double centre = b / 2.0 + e / 2.0;
            double half = e - centre;
            double num = 0;
            double den = 0;
            for (int i = b; i < e; i++) {
                double w = 1 - Math.abs(i - centre) / half;
                w *= w;
                w *= w;
                double energy = mag[i] * mag[i];
                w *= energy;
                num += energy * w;
                den += w;
            }
            envelope[points++] = den > 0 ? 10 * Math.log10(Math.max(1e-30, num / den)) : -300;
        }
        envelope[points - 1] = envelope[points - 2];
        for (int j = 0; j < used; j++) {
            int i = order[j];
            double f = peakHz[i];
            double amp = peakDb[i];
            double x = f / 100;
            int k = Math.min(points - 2, (int) x);
            double env = envelope[k] + (envelope[k + 1] - envelope[k]) * (x - k);
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

    private static double db(double m) {
        return 20 * Math.log10(Math.max(m, 1e-20));
    }
}
