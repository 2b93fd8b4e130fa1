package org.trackflow.udfs.fingerprint;

import java.util.function.Consumer;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The front end of Chromaprint's default algorithm on 11025 Hz mono int16 audio ({@code fft.cpp},
 * {@code fft_lib_avfft.cpp}, {@code chroma.cpp}, {@code chroma_filter.cpp}, {@code chroma_normalizer.h}):
 *
 * <ol>
 *   <li>frames of 4096 samples every 1365 (overlap {@code 4096 - 4096 / 3}), each sample times a Hamming
 *       window {@code (0.54 - 0.46 cos(2 pi i / 4095)) / 32767} held in float, as Chromaprint does;
 *   <li>power spectrum {@code |X[k]|^2} by JTransforms' float real FFT (Chromaprint's FFmpeg RDFT is float
 *       too; the two differ by rounding noise of about 1e-7 of the frame's energy, which moves a quantizer
 *       level only when a filter response lies that close to a threshold: no bit in the test files);
 *   <li>12 pitch-class bands: bins of 28..3520 Hz (bins 10 to 1307) summed into the note
 *       {@code floor(12 frac(log2(f / 27.5)))}, no interpolation (the default configuration's
 *       {@code set_interpolate} is commented out in {@code fingerprinter.cpp});
 *   <li>a 5-frame smoothing filter {@code 0.25, 0.75, 1, 0.75, 0.25} (not normalised; it drops the first
 *       four frames);
 *   <li>each row divided by its Euclidean norm, or zeroed when the norm is below 0.01 (near silence).
 * </ol>
 */
final class ChromaExtractor {
    static final int FRAME_SIZE = 4096;
    static final int HOP = FRAME_SIZE - (FRAME_SIZE - FRAME_SIZE / 3);
    static final int SAMPLE_RATE = 11025;
    static final int MIN_FREQ = 28;
    static final int MAX_FREQ = 3520;
    private static final double[] FILTER = {0.25, 0.75, 1.0, 0.75, 0.25};

    static {
        // The caller owns the parallelism: keep JTransforms from starting threads of its own.
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    private static final float[] WINDOW = hamming();
    private static final int MIN_INDEX = Math.max(1, freqToIndex(MIN_FREQ));
    private static final int MAX_INDEX = Math.min(FRAME_SIZE / 2, freqToIndex(MAX_FREQ));
    private static final int[] NOTES = notes();

    private final Consumer<double[]> sink;
    private final FloatFFT_1D fft = new FloatFFT_1D(FRAME_SIZE);
    private final short[] frame = new short[FRAME_SIZE];
    private int filled;
    private final float[] buffer = new float[FRAME_SIZE];
    private final double[][] history = new double[8][12];
    private int historyOffset;
    private int historySize = 1;
    private final double[] smoothed = new double[12];

    ChromaExtractor(Consumer<double[]> sink) {
        this.sink = sink;
    }

    void consume(short[] samples, int length) {
        int i = 0;
        while (i < length) {
            int n = Math.min(length - i, FRAME_SIZE - filled);
            System.arraycopy(samples, i, frame, filled, n);
            filled += n;
            i += n;
            if (filled == FRAME_SIZE) {
                processFrame();
                System.arraycopy(frame, HOP, frame, 0, FRAME_SIZE - HOP);
                filled = FRAME_SIZE - HOP;
            }
        }
    }

    private void processFrame() {
        for (int i = 0; i < FRAME_SIZE; i++) {
            buffer[i] = frame[i] * WINDOW[i]; // int16 times the float window, in float as Chromaprint
        }
        fft.realForward(buffer); // packing: [Re0, Re(N/2), Re1, Im1, Re2, Im2, ...]
        double[] chroma = history[historyOffset];
        java.util.Arrays.fill(chroma, 0.0);
        for (int k = MIN_INDEX; k < MAX_INDEX; k++) {
            float re = buffer[2 * k];
            float im = buffer[2 * k + 1];
            chroma[NOTES[k]] += re * re + im * im; // float products, as Chromaprint's FFTFrame values
        }
        filterAndNormalize();
    }

    private void filterAndNormalize() {
        historyOffset = (historyOffset + 1) % 8;
        if (historySize < FILTER.length) {
            historySize++;
            return;
        }
        int offset = (historyOffset + 8 - FILTER.length) % 8;
        for (int i = 0; i < 12; i++) {
            double v = 0.0;
            for (int j = 0; j < FILTER.length; j++) {
                v += history[(offset + j) % 8][i] * FILTER[j];
            }
            smoothed[i] = v;
        }
        double squares = 0;
        for (double v : smoothed) {
            squares += v * v;
        }
        double norm = squares > 0 ? Math.sqrt(squares) : 0;
        for (int i = 0; i < 12; i++) {
            smoothed[i] = norm < 0.01 ? 0.0 : smoothed[i] / norm;
        }
        sink.accept(smoothed);
    }

    private static float[] hamming() {
        float[] w = new float[FRAME_SIZE];
        double scale = 1.0 / Short.MAX_VALUE;
        for (int i = 0; i < FRAME_SIZE; i++) {
            w[i] = (float) (scale * (0.54 - 0.46 * StrictMath.cos(i * 2.0 * Math.PI / (FRAME_SIZE - 1))));
        }
        return w;
    }

    static int freqToIndex(double freq) {
        return (int) Math.round(FRAME_SIZE * freq / SAMPLE_RATE);
    }

    /** Pitch class of each bin: 12 times the fractional octave above A0 (27.5 Hz), truncated. */
    private static int[] notes() {
        int[] notes = new int[FRAME_SIZE];
        for (int i = MIN_INDEX; i < MAX_INDEX; i++) {
            double freq = (double) i * SAMPLE_RATE / FRAME_SIZE;
            double octave = StrictMath.log(freq / (440.0 / 16.0)) / StrictMath.log(2.0);
            notes[i] = (int) (12 * (octave - Math.floor(octave)));
        }
        return notes;
    }
}
