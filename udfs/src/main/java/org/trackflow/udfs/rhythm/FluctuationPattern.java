package org.trackflow.udfs.rhythm;

/**
 * The fluctuation pattern (Pampalk, Rauber &amp; Merkl, "Content-based organization and visualization of
 * music archives", ACM MM 2002; Pampalk, "Computational models of music similarity", 2006): how strongly the
 * loudness of each frequency region fluctuates at each modulation frequency, the rhythmic texture that a
 * timbre model of single frames cannot see (a rolling bass line against a sustained one, a fast hi-hat
 * against a slow one).
 *
 * <ul>
 *   <li>Each frame's 128 log-mel bands (dB) are averaged into {@value #BANDS} regions of adjacent bands.</li>
 *   <li>Segments of {@value #SEGMENT} frames (3 s at 22 050 Hz, hop 512), back to back on the frame grid:
 *       per region, the magnitude of the DFT over time of the Hann-windowed segment at modulation bins
 *       1 .. {@value #MODULATIONS} ({@code m * frameRate / SEGMENT} Hz: 0.34 to 6.7 Hz at 22 050 Hz), each
 *       weighted by the fluctuation strength {@code 1 / (f / 4 + 4 / f)} (Fastl 1982), which peaks at 4 Hz.</li>
 *   <li>The track's pattern is the mean over its complete segments ({@code BANDS x MODULATIONS} values,
 *       region by region); Pampalk takes the median, which no chunk can merge: on the real-music evaluation
 *       the mean serves as well (bench/results/similarity.md).</li>
 * </ul>
 * Chunks see segments whole or in part: a chunk sums the segments it holds entirely ({@link #addSegment}) and
 * hands the frames of the part-segments at its ends to the merger, which joins them with its neighbours'
 * ({@link org.trackflow.udfs.analysis.TrackFeatureMerger}), so the pattern does not depend on the chunking.
 */
public final class FluctuationPattern {
    public static final int BANDS = 12;
    public static final int MODULATIONS = 20;
    public static final int SEGMENT = 128;
    public static final int SIZE = BANDS * MODULATIONS;
    private static final int MEL_BANDS = org.trackflow.udfs.spectral.MelSpectrum.BANDS;
    /** Region b holds mel bands [FIRST[b], FIRST[b + 1]): equal parts, the first ones one band wider. */
    private static final int[] FIRST = new int[BANDS + 1];
    private static final double[] COS = new double[MODULATIONS * SEGMENT];
    private static final double[] SIN = new double[MODULATIONS * SEGMENT];

    static {
        for (int b = 0; b <= BANDS; b++) {
            FIRST[b] = b * (MEL_BANDS / BANDS) + Math.min(b, MEL_BANDS % BANDS);
        }
        for (int m = 0; m < MODULATIONS; m++) {
            for (int t = 0; t < SEGMENT; t++) {
                // numpy.hanning(SEGMENT): symmetric Hann
                double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / (SEGMENT - 1));
                double phase = 2 * Math.PI * (m + 1) * t / SEGMENT;
                COS[m * SEGMENT + t] = hann * Math.cos(phase);
                SIN[m * SEGMENT + t] = hann * Math.sin(phase);
            }
        }
    }

    private final double[] strength = new double[MODULATIONS];

    /** The pattern's weights at {@code frameRate} frames per second. */
    public FluctuationPattern(double frameRate) {
        for (int m = 0; m < MODULATIONS; m++) {
            double f = (m + 1) * frameRate / SEGMENT;
            strength[m] = 1 / (f / 4 + 4 / f);
        }
    }

    /** Modulation frequency of bin m (0-based), Hz. */
    public static double modulationHz(int m, double frameRate) {
        return (m + 1) * frameRate / SEGMENT;
    }

    /** Writes a frame's {@value #BANDS} region levels (mean dB of their mel bands) to {@code out[offset ..]}. */
    public static void regions(double[] melDb, float[] out, int offset) {
        for (int b = 0; b < BANDS; b++) {
            double s = 0;
            for (int i = FIRST[b]; i < FIRST[b + 1]; i++) {
                s += melDb[i];
            }
            out[offset + b] = (float) (s / (FIRST[b + 1] - FIRST[b]));
        }
    }

    /**
     * Adds the weighted modulation magnitudes of the segment whose {@value #SEGMENT} frames of region levels
     * start at {@code frames[from]} (frame-major: {@value #BANDS} values a frame) to {@code sums}.
     */
    public void addSegment(float[] frames, int from, double[] sums) {
        for (int b = 0; b < BANDS; b++) {
            for (int m = 0; m < MODULATIONS; m++) {
                double re = 0;
                double im = 0;
                int k = m * SEGMENT;
                for (int t = 0, i = from + b; t < SEGMENT; t++, i += BANDS) {
                    re += frames[i] * COS[k + t];
                    im += frames[i] * SIN[k + t];
                }
                sums[b * MODULATIONS + m] += Math.sqrt(re * re + im * im) * strength[m];
            }
        }
    }

    /** The mean pattern of {@code count} segments, or null if there were none. */
    public static float[] mean(double[] sums, int count) {
        if (count == 0) {
            return null;
        }
        float[] out = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            out[i] = (float) (sums[i] / count);
        }
        return out;
    }
}
