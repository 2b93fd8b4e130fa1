package org.trackflow.udfs.loudness;

import java.util.Arrays;

/**
 * Dynamic complexity, dB, as Essentia's {@code DynamicComplexity} (Streich, "Music Complexity: a multi-faceted
 * description of audio content", PhD thesis, UPF 2007) with its defaults (200 ms frames), fed in stream order
 * with the mono analysis signal while it is decoded (the mean of the channels, as Essentia's MonoLoader, at the
 * analysis rate: Essentia's input is usually 44.1 kHz; the band above 11 kHz barely moves these levels):
 * <ol>
 *   <li>a one-pole DC blocker ("cheap B-curve loudness compensation"),
 *       {@code y[n] = b0 (x[n] - x[n-1]) + p y[n-1]}, Essentia's {@code p = 0.9719}, {@code b0 = 0.98595 =
 *       (1 + p) / 2} at 44.1 kHz; at another rate {@code p = 0.9719^(44100 / rate)} (the same cut-off,
 *       about 200 Hz);</li>
 *   <li>per frame of {@code floor(0.2 rate)} samples an exponentially smeared energy (35 ms time constant,
 *       {@code c = exp(-1 / (0.035 rate))}): {@code V = c^N V + (1 - c) sum_i c^(N-1-i) y_i^2}, in dB
 *       ({@code 10 log10}, -100 dB below 1e-10); a partial last frame is dropped;</li>
 *   <li>frames at -100 dB at the start and end are dropped; the global level is the mean of the frame levels
 *       weighted by {@code 0.9^(-L)} (louder frames weigh more), and the dynamic complexity is the mean
 *       absolute deviation of the frame levels from it.</li>
 * </ol>
 * Fast-mode excerpts ({@link #segmentBreak}) restart the filter and the smearing; their frames are pooled.
 * NaN (a null column) for digital silence, where Essentia gives 0, and when there is not one whole frame.
 */
public final class DynamicComplexity {
    private static final double SILENCE_DB = -100;

    private final int frameSize;
    private final double c;
    private final double cN;
    private final double pole;
    private final double gain;
    private double x1;
    private double y1;
    private double v;
    private double acc;
    private int filled;
    private double[] levels = new double[256];
    private int count;

    public DynamicComplexity(int sampleRate) {
        this.frameSize = (int) Math.floor(0.2 * sampleRate);
        this.c = Math.exp(-1.0 / (0.035 * sampleRate));
        this.cN = Math.pow(c, frameSize);
        this.pole = Math.pow(0.9719, 44_100.0 / sampleRate);
        this.gain = (1 + pole) / 2;
    }

    /** Adds {@code n} samples of the mono signal. */
    public void accept(float[] mono, int n) {
        double xPrev = x1;
        double yPrev = y1;
        double a = acc;
        int pos = 0;
        while (pos < n) {
            int end = Math.min(n, pos + frameSize - filled);
            for (int i = pos; i < end; i++) {
                double x = mono[i];
                double y = gain * (x - xPrev) + pole * yPrev;
                xPrev = x;
                yPrev = y;
                // sum_i c^(N-1-i) y_i^2 over the frame, accumulated recursively
                a = c * a + y * y;
            }
            filled += end - pos;
            pos = end;
            if (filled == frameSize) {
                v = cN * v + (1 - c) * a;
                if (count == levels.length) {
                    levels = Arrays.copyOf(levels, 2 * count);
                }
                levels[count++] = v < 1e-10 ? SILENCE_DB : 10 * Math.log10(v);
                a = 0;
                filled = 0;
            }
        }
        x1 = xPrev;
        y1 = yPrev;
        acc = a;
    }

    /** A new, non-contiguous stretch of audio: filter, smearing and the partial frame start afresh. */
    public void segmentBreak() {
        x1 = 0;
        y1 = 0;
        v = 0;
        acc = 0;
        filled = 0;
    }

    /** Dynamic complexity in dB, NaN for silence or less than one frame. */
    public double result() {
        if (count == 0) {
            return Double.NaN;
        }
        int from = 0;
        int to = count;
        while (from < to && levels[from] == SILENCE_DB) {
            from++;
        }
        while (to > from && levels[to - 1] == SILENCE_DB) {
            to--;
        }
        if (from == to) {
            return Double.NaN;
        }
        // weights 0.9^-L, scaled by 0.9^max(L) against overflow (the scale cancels in the normalisation)
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, levels[i]);
        }
        double sum = 0;
        double weighted = 0;
        for (int i = from; i < to; i++) {
            double u = Math.pow(0.9, max - levels[i]);
            sum += u;
            weighted += u * levels[i];
        }
        double global = weighted / sum;
        double dev = 0;
        for (int i = from; i < to; i++) {
            dev += Math.abs(levels[i] - global);
        }
        return dev / (to - from);
    }
}
