package org.trackflow.udfs.model;

import java.util.function.Consumer;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The mel-spectrogram front ends of the Essentia models (Essentia's {@code TensorflowInputMusiCNN} and
 * {@code TensorflowInputVGGish}, as essentia.js's {@code EssentiaTFInputExtractor} computes them), streaming:
 * mono audio at 16 kHz in, one frame of mel bands out per hop, from frames on one grid from the track's first
 * sample (the first frame centred on it, zeros before, as Essentia's FrameCutter with startFromZero=false).
 * <ul>
 *   <li>{@link #MUSICNN}: frames of 512 every 256, symmetric Hann window (not normalised), |FFT 512|, 96
 *       triangular bands from 0 to 8 kHz on Slaney's mel scale, each of unit area, on the power spectrum;
 *       log10(1 + 10 000 x);</li>
 *   <li>{@link #VGGISH}: frames of 400 every 160, the window over the 400 samples, zeros to 512, |FFT|, 64 bands
 *       from 125 to 7500 Hz on the HTK mel scale, built and weighted in mel (unit maximum), on the magnitude
 *       spectrum; ln(x + 0.01).</li>
 * </ul>
 * Band edges are spaced in single precision as Essentia's are. Checked against essentia.js 0.1.3
 * ({@code MelFrontEndTest}, the reference from {@code bench/models/essentia-frontends.mjs}). Unlike essentia.js's
 * frame-wise helper, silent frames are kept: a model's patches follow the track's time.
 */
public final class MelFrontEnd {
    /** A preset: its frame, hop, FFT size, bands and compression. */
    public record Kind(String name, int frame, int hop, int fft, int bands, double low, double high, boolean slaney, boolean power) {}

    public static final Kind MUSICNN = new Kind("musicnn", 512, 256, 512, 96, 0, 8000, true, true);
    public static final Kind VGGISH = new Kind("vggish", 400, 160, 512, 64, 125, 7500, false, false);
    public static final int RATE = 16_000;

    private final Kind kind;
    private final double[] window;
    private final double[][] filters;
    private final int[] first;
    private final DoubleFFT_1D fft;
    private final double[] buffer;
    private final Consumer<float[]> out;
    /** Samples of the track from {@link #start} on. */
    private float[] pending = new float[4096];
    private int held;
    /** The track's sample index of pending[0]: negative at first (the zeros before the first frame's centre). */
    private long start;

    public MelFrontEnd(Kind kind, Consumer<float[]> out) {
        this.kind = kind;
        this.out = out;
        this.window = new double[kind.frame];
        for (int i = 0; i < kind.frame; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (kind.frame - 1));
        }
        this.fft = new DoubleFFT_1D(kind.fft);
        this.buffer = new double[kind.fft];
        int bins = kind.fft / 2 + 1;
        this.filters = new double[kind.bands][];
        this.first = new int[kind.bands];
        filters(bins);
        // the first frame is centred on sample 0: its first half is zeros
        int lead = (kind.frame + 1) / 2;
        this.start = -lead;
        this.held = lead;
    }

    public static Kind of(String input) {
        return switch (input) {
            case "musicnn" -> MUSICNN;
            case "vggish" -> VGGISH;
            default -> throw new IllegalArgumentException("no front end " + input + " (musicnn, vggish)");
        };
    }

    private static double slaney(double hz) {
        return hz < 1000 ? hz * 3 / 200 : 15 + Math.log(hz / 1000) / (Math.log(6.4) / 27);
    }

    private static double slaneyHz(double mel) {
        return mel < 15 ? mel / (3.0 / 200) : 1000 * Math.exp((mel - 15) * (Math.log(6.4) / 27));
    }

    private static double htk(double hz) {
        return 2595 * Math.log10(hz / 700 + 1);
    }

    private static double htkHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Essentia's TriangularBands as its MelBands configures them for the preset. */
    private void filters(int bins) {
        boolean sl = kind.slaney;
        float lo = (float) (sl ? slaney(kind.low) : htk(kind.low));
        float hi = (float) (sl ? slaney(kind.high) : htk(kind.high));
        float step = (hi - lo) / (kind.bands + 1);
        double[] edges = new double[kind.bands + 2];
        float m = lo;
        for (int i = 0; i < edges.length; i++) {
            edges[i] = (float) (sl ? slaneyHz(m) : htkHz(m));
            m += step;
        }
        double scale = (RATE / 2.0) / (bins - 1);
        for (int b = 0; b < kind.bands; b++) {
            double e0 = edges[b];
            double e1 = edges[b + 1];
            double e2 = edges[b + 2];
            // MusiCNN's bands are triangles in Hz; VGGish's are weighted in mel ("warping")
            double s1 = weight(e1) - weight(e0);
            double s2 = weight(e2) - weight(e1);
            int from = (int) Math.ceil(e0 / scale);
            int to = Math.min(bins - 1, (int) Math.floor(e2 / scale));
            double[] w = new double[Math.max(0, to - from + 1)];
            for (int j = from; j <= to; j++) {
                double f = j * scale;
                w[j - from] = f < e1 ? (weight(f) - weight(e0)) / s1 : (weight(e2) - weight(f)) / s2;
            }
            if (kind.slaney) {
                double area = (s1 + s2) / 2; // unit area ("unit_tri")
                for (int j = 0; j < w.length; j++) {
                    w[j] /= area;
                }
            }
            filters[b] = w;
            first[b] = from;
        }
    }

    private double weight(double hz) {
        return kind.slaney ? hz : htk(hz);
    }

    /** The next {@code n} samples of the track (16 kHz mono). */
    public void accept(float[] s, int n) {
        if (held + n > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, held + n));
        }
        System.arraycopy(s, 0, pending, held, n);
        held += n;
        while (held >= kind.frame) {
            frame(pending, 0, kind.frame);
            drop(kind.hop);
        }
    }

    /**
     * The frames that reach past the track's end (zeros after it), as Essentia's FrameCutter ends: every frame
     * that starts before the end, the last one the first to pass it by more than half its length.
     */
    public void finish() {
        long end = start + held;
        while (start < end) {
            frame(pending, 0, Math.min(held, kind.frame));
            if (start + kind.frame > end && start + kind.frame / 2 >= end) {
                break;
            }
            drop(kind.hop);
        }
    }

    /** The next frame starts {@code n} samples later. */
    private void drop(int n) {
        int k = Math.min(n, held);
        System.arraycopy(pending, k, pending, 0, held - k);
        held -= k;
        start += n;
    }

    private void frame(float[] s, int from, int length) {
        java.util.Arrays.fill(buffer, 0);
        for (int i = 0; i < length; i++) {
            buffer[i] = s[from + i] * window[i];
        }
        fft.realForward(buffer);
        int bins = kind.fft / 2 + 1;
        double[] mag = new double[bins];
        mag[0] = Math.abs(buffer[0]);
        mag[bins - 1] = Math.abs(buffer[1]);
        for (int k = 1; k < bins - 1; k++) {
            mag[k] = Math.hypot(buffer[2 * k], buffer[2 * k + 1]);
        }
        float[] bands = new float[kind.bands];
        for (int b = 0; b < kind.bands; b++) {
            double sum = 0;
            double[] w = filters[b];
            for (int j = 0; j < w.length; j++) {
                double v = mag[first[b] + j];
                sum += (kind.power ? v * v : v) * w[j];
            }
            bands[b] = (float) (kind.power ? Math.log10(Math.max(1e-30, sum * 10000 + 1)) : Math.log(Math.max(1e-30, sum + 0.01)));
        }
        out.accept(bands);
    }
}
