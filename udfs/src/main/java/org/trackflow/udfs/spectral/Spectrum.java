package org.trackflow.udfs.spectral;

import org.jtransforms.fft.DoubleFFT_1D;
import org.trackflow.udfs.frame.FrameGrid;

/**
 * One frame's samples, periodic-Hann windowed real FFT, magnitude and power spectra: computed once per
 * frame and shared by every spectral feature. Reused frame after frame (no allocation per frame); one
 * instance per thread.
 *
 * <p>Scaling matches {@code librosa.stft(window='hann', center=False)}: no normalisation of the window or
 * of the transform, so {@code magnitude[k] = |sum_n w[n] x[n] e^{-2 pi i k n / N}|}.
 */
public final class Spectrum {
    public static final int N = FrameGrid.FRAME_LENGTH;
    public static final int BINS = N / 2 + 1;

    static {
        // Flink slots own the parallelism: keep JTransforms from starting threads of its own.
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final int sampleRate;
    private final DoubleFFT_1D fft = new DoubleFFT_1D(N);
    private final double[] window = hann(N);
    private final double[] fftBuffer = new double[N];
    /** The frame's raw (unwindowed) samples, zero-padded past the end of the track. */
    public final double[] frame = new double[N];
    public final double[] magnitude = new double[BINS];
    public final double[] power = new double[BINS];
    /**
     * {@code sum_k magnitude[k]}, added in ascending k from 0: the same double that the centroid,
     * bandwidth, roll-off and flux would each add up again (a chain of 1 025 dependent additions).
     */
    public double magnitudeSum;
    /** Centre frequency of each bin, Hz. */
    public final double[] frequencies;

    public Spectrum(int sampleRate) {
        this.sampleRate = sampleRate;
        this.frequencies = binFrequencies(sampleRate);
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Periodic Hann window ({@code scipy.signal.get_window('hann', n, fftbins=True)}). */
    public static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    /** {@code sum_k x[k]} in ascending k: how {@link #magnitudeSum} is added up. */
    public static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** {@code librosa.fft_frequencies(sr, n_fft=2048)}. */
    public static double[] binFrequencies(int sampleRate) {
        double[] f = new double[BINS];
        for (int k = 0; k < BINS; k++) {
            f[k] = (double) k * sampleRate / N;
        }
        return f;
    }

    /**
     * Loads the frame starting at {@code samples[offset]} (zero where the array ends) and computes its
     * spectra.
     */
    public void compute(float[] samples, int offset) {
        int available = Math.max(0, Math.min(N, samples.length - offset));
        for (int i = 0; i < available; i++) {
            frame[i] = samples[offset + i];
        }
        for (int i = available; i < N; i++) {
            frame[i] = 0;
        }
        for (int i = 0; i < N; i++) {
            fftBuffer[i] = frame[i] * window[i];
        }
        fft.realForward(fftBuffer);
        // JTransforms packing: [Re0, Re(N/2), Re1, Im1, Re2, Im2, ...]
        power[0] = fftBuffer[0] * fftBuffer[0];
        power[N / 2] = fftBuffer[1] * fftBuffer[1];
        for (int k = 1; k < N / 2; k++) {
            double re = fftBuffer[2 * k];
            double im = fftBuffer[2 * k + 1];
            power[k] = re * re + im * im;
        }
        double sum = 0;
        for (int k = 0; k < BINS; k++) {
            double m = Math.sqrt(power[k]);
            magnitude[k] = m;
            sum += m;
        }
        magnitudeSum = sum;
    }
}
