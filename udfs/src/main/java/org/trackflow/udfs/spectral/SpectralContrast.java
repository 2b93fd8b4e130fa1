package org.trackflow.udfs.spectral;

/**
 * Spectral contrast of one frame in 7 bands (6 octaves from 200 Hz, plus everything above the last):
 * for each band the mean of the top and of the bottom 2 % of its magnitudes (at least one bin each),
 * and {@code 10 log10(peak) - 10 log10(valley)} (amin 1e-10). As
 * {@code librosa.feature.spectral_contrast(fmin=200, n_bands=6, quantile=0.02)}, band edges and the
 * bins taken from each side included; without {@code power_to_db}'s track-relative {@code top_db}
 * clip (chunk independence).
 */
public final class SpectralContrast {
    public static final int BANDS = 7;
    private static final double AMIN = 1e-10;

    private final int[] from = new int[BANDS];
    private final int[] to = new int[BANDS];
    private final int[] take = new int[BANDS];
    private final double[] low;
    private final double[] high;

    public SpectralContrast(int sampleRate) {
        double[] freqs = Spectrum.binFrequencies(sampleRate);
        double[] octa = new double[BANDS + 1];
        for (int i = 1; i <= BANDS; i++) {
            octa[i] = 200 * Math.pow(2, i - 1);
        }
        int maxTake = 1;
        for (int k = 0; k < BANDS; k++) {
            int first = -1;
            int last = -1;
            for (int j = 0; j < freqs.length; j++) {
                if (freqs[j] >= octa[k] && freqs[j] <= octa[k + 1]) {
                    if (first < 0) {
                        first = j;
                    }
                    last = j;
                }
            }
            int bandFrom = k > 0 ? first - 1 : first;          // one bin below the band
            int bandTo = k == BANDS - 1 ? freqs.length - 1 : last; // the last band runs to Nyquist
            int bins = bandTo - bandFrom + 1;                  // librosa counts these for the quantile...
            take[k] = Math.max(1, (int) Math.rint(0.02 * bins));
            from[k] = bandFrom;
            to[k] = k < BANDS - 1 ? bandTo - 1 : bandTo;        // ...but drops the top bin of all but the last
            maxTake = Math.max(maxTake, take[k]);
        }
        low = new double[maxTake];
        high = new double[maxTake];
    }

    /** Writes the 7 contrast values (dB) of a frame's magnitude spectrum to {@code out[offset..]}. */
    public void compute(double[] magnitude, double[] out, int offset) {
        for (int k = 0; k < BANDS; k++) {
            int n = take[k];
            // The n smallest and n largest magnitudes of the band, by insertion (n is 1..9). Spectra mostly
            // fall with frequency: the smallest are sought from the top of the band down and the largest
            // from the bottom up, so that few values displace earlier ones (the sets, sorted, are the same).
            // Once a set is full, each further value is compared with its bound, a local rather than an
            // array element, so that the scan is one compare per bin.
            int lo = from[k];
            int hi = to[k];
            int filled = 0;
            int j = hi;
            for (; j >= lo && filled < n; j--) {
                insertAscending(low, filled++, magnitude[j]);
            }
            double bound = low[filled - 1]; // the largest of the set, kept in a register
            for (; j >= lo; j--) {
                double v = magnitude[j];
                if (v < bound) {
                    insertAscending(low, n - 1, v);
                    bound = low[n - 1];
                }
            }
            filled = 0;
            j = lo;
            for (; j <= hi && filled < n; j++) {
                insertDescending(high, filled++, magnitude[j]);
            }
            bound = high[filled - 1];
            for (; j <= hi; j++) {
                double v = magnitude[j];
                if (v > bound) {
                    insertDescending(high, n - 1, v);
                    bound = high[n - 1];
                }
            }
            double valley = 0;
            double peak = 0;
            for (int i = 0; i < filled; i++) {
                valley += low[i];
                peak += high[i];
            }
            valley /= filled;
            peak /= filled;
            out[offset + k] = 10 * Math.log10(Math.max(AMIN, peak)) - 10 * Math.log10(Math.max(AMIN, valley));
        }
    }

    /** Inserts v into the ascending a[0..size) (size < a.length), dropping nothing. */
    private static void insertAscending(double[] a, int size, double v) {
        int i = size;
        while (i > 0 && a[i - 1] > v) {
            a[i] = a[i - 1];
            i--;
        }
        a[i] = v;
    }

    private static void insertDescending(double[] a, int size, double v) {
        int i = size;
        while (i > 0 && a[i - 1] < v) {
            a[i] = a[i - 1];
            i--;
        }
        a[i] = v;
    }
}
