package org.trackflow.udfs.fingerprint;

/**
 * The polyphase low-pass filter bank of {@link ChromaprintResampler}: a port of {@code build_filter} and
 * {@code resample_init} of FFmpeg's libswresample ({@code libswresample/resample.c}, LGPL 2.1+, itself the
 * successor of {@code resample2.c}, which Chromaprint bundles as {@code src/avresample/resample2.c}), in the
 * configuration {@code fpcalc} selects ({@code FFmpegAudioProcessor::SetCompatibleMode()}: filter size 16,
 * phase shift 8, linear interpolation, cutoff 0.8) with libswresample's defaults for the rest (Kaiser
 * window, beta 9, exact rational phase count).
 *
 * <p>Phase {@code p} of {@code P} holds the taps {@code h_p[i] = sinc(x) * I0(beta sqrt(1 - w^2)) / norm}
 * with {@code x = pi ((i - c) - p / P) * factor}, {@code c = (L - 1) / 2}, {@code w = 2 x / (factor L pi)},
 * {@code factor = min(1, 0.8 * outRate / inRate)} (the cut-off relative to the input Nyquist) and
 * {@code L = ceil(16 / factor)} rounded up to even. {@code norm} is the sum of phase 0's taps, for every
 * phase, so DC keeps its level. When the rate ratio reduces to {@code out/in} with {@code out <= 256}, the
 * bank has exactly {@code out} phases (libswresample's {@code exact_rational}, on by default), so 44.1 kHz
 * to 11025 Hz is a single-phase decimating FIR.
 */
final class ResampleFilterBank {
    static final int FILTER_SIZE = 16;
    static final int PHASE_SHIFT = 8;
    static final double CUTOFF = 0.8;
    static final double KAISER_BETA = 9;

    final int phaseCount;
    /** Taps per phase ({@code L}). */
    final int length;
    /** Stride between phases: {@code L} rounded up to 8, zero-padded (the SIMD kernels read whole vectors). */
    final int alloc;
    /** {@code (phaseCount + 1) * alloc} taps: float for the float path, Q15 (int16 range) for the int16 path. */
    final float[] floatTaps;
    final int[] int16Taps;
    /** Input step per output, in units of {@code 1 / (phaseCount * srcIncr)} input samples. */
    final int srcIncr;
    final int dstIncrDiv;
    final int dstIncrMod;

    ResampleFilterBank(int outRate, int inRate, boolean int16) {
        double factor = Math.min(outRate * CUTOFF / inRate, 1.0);
        int phases = 1 << PHASE_SHIFT;
        int len = Math.max((int) Math.ceil(FILTER_SIZE / factor), 1);
        if (len > 1) {
            len = (len + 1) & ~1;
        }
        long g = gcd(outRate, inRate);
        if (outRate / g <= phases) {
            phases = (int) (outRate / g);
        }
        this.phaseCount = phases;
        this.length = len;
        this.alloc = (len + 7) & ~7;
        int scale = int16 ? 1 << 15 : 1;
        double[][] taps = taps(factor, len, phases);
        int size = (phases + 1) * alloc;
        if (int16) {
            int16Taps = new int[size];
            floatTaps = null;
        } else {
            floatTaps = new float[size];
            int16Taps = null;
        }
        int computed = taps.length - 1;
        double norm = taps[computed][0];
        for (int ph = 0; ph < computed; ph++) {
            for (int i = 0; i < len; i++) {
                double v = taps[ph][i] * scale / norm;
                if (int16) {
                    // lrintf(): the double goes through float, then rounds half to even.
                    int16Taps[ph * alloc + i] = clip16((long) Math.rint((float) v));
                } else {
                    floatTaps[ph * alloc + i] = (float) v;
                }
            }
            if (phases % 2 == 0) {
                // Phases above P/2 are the mirror images of those below (in place, as libswresample does).
                for (int i = 0; i < len; i++) {
                    int to = (phases - ph) * alloc + len - 1 - i;
                    int from = ph * alloc + i;
                    if (int16) {
                        int16Taps[to] = int16Taps[from];
                    } else {
                        floatTaps[to] = floatTaps[from];
                    }
                }
            }
        }
        // The extra phase P is phase 0 delayed by one tap: linear interpolation past the last phase.
        if (int16) {
            System.arraycopy(int16Taps, 0, int16Taps, alloc * phases + 1, alloc - 1);
            int16Taps[alloc * phases] = int16Taps[alloc - 1];
        } else {
            System.arraycopy(floatTaps, 0, floatTaps, alloc * phases + 1, alloc - 1);
            floatTaps[alloc * phases] = floatTaps[alloc - 1];
        }
        // av_reduce(out / (in * P)), then both scaled up by 2 until one reaches 2^20.
        long num = outRate;
        long den = (long) inRate * phases;
        long r = gcd(num, den);
        num /= r;
        den /= r;
        while (den < (1 << 20) && num < (1 << 20)) {
            num *= 2;
            den *= 2;
        }
        this.srcIncr = (int) num;
        this.dstIncrDiv = (int) (den / num);
        this.dstIncrMod = (int) (den % num);
    }

    /**
     * Kaiser-windowed sinc taps for the phases that are computed ({@code P} when odd, else {@code P/2 + 1});
     * the last row holds {@code norm}, the sum of phase 0.
     */
    private static double[][] taps(double factor, int len, int phases) {
        int computed = phases % 2 != 0 ? phases : phases / 2 + 1;
        int center = (len - 1) / 2;
        double[][] t = new double[computed + 1][len];
        double norm = 0;
        for (int ph = 0; ph < computed; ph++) {
            // Upsampling: sin(x) of successive taps alternates sign, so one sine per phase suffices.
            double s = factor == 1.0 ? StrictMath.sin(Math.PI * ph / phases) * ((center & 1) != 0 ? 1 : -1) : 0;
            for (int i = 0; i < len; i++) {
                double x = Math.PI * ((double) (i - center) - (double) ph / phases) * factor;
                double y;
                if (x == 0) {
                    y = 1.0;
                } else if (factor == 1.0) {
                    y = s / x;
                } else {
                    y = StrictMath.sin(x) / x;
                }
                double w = 2.0 * x / (factor * len * Math.PI);
                y *= bessel(KAISER_BETA * Math.sqrt(Math.max(1 - w * w, 0)));
                t[ph][i] = y;
                s = -s;
                if (ph == 0) {
                    norm += y;
                }
            }
        }
        t[computed][0] = norm;
        return t;
    }

    // Blair and Edwards' minimax rational approximation of I0 (the one libswresample uses).
    private static final double[] P1 = {
        -2.2335582639474375249e+15, -5.5050369673018427753e+14, -3.2940087627407749166e+13,
        -8.4925101247114157499e+11, -1.1912746104985237192e+10, -1.0313066708737980747e+08,
        -5.9545626019847898221e+05, -2.4125195876041896775e+03, -7.0935347449210549190e+00,
        -1.5453977791786851041e-02, -2.5172644670688975051e-05, -3.0517226450451067446e-08,
        -2.6843448573468483278e-11, -1.5982226675653184646e-14, -5.2487866627945699800e-18,
    };
    private static final double[] Q1 = {
        -2.2335582639474375245e+15, 7.8858692566751002988e+12, -1.2207067397808979846e+10,
        1.0377081058062166144e+07, -4.8527560179962773045e+03, 1.0,
    };
    private static final double[] P2 = {
        -2.2210262233306573296e-04, 1.3067392038106924055e-02, -4.4700805721174453923e-01,
        5.5674518371240761397e+00, -2.3517945679239481621e+01, 3.1611322818701131207e+01,
        -9.6090021968656180000e+00,
    };
    private static final double[] Q2 = {
        -5.5194330231005480228e-04, 3.2547697594819615062e-02, -1.1151759188741312645e+00,
        1.3982595353892851542e+01, -6.0228002066743340583e+01, 8.5539563258012929600e+01,
        -3.1446690275135491500e+01, 1.0,
    };

    /** Modified Bessel function of the first kind, order 0. */
    static double bessel(double x) {
        if (x == 0) {
            return 1.0;
        }
        x = Math.abs(x);
        if (x <= 15) {
            double y = x * x;
            return poly(P1, y) / poly(Q1, y);
        }
        double y = 1 / x - 1.0 / 15;
        double r = poly(P2, y) / poly(Q2, y);
        return StrictMath.exp(x) / Math.sqrt(x) * r;
    }

    private static double poly(double[] c, double x) {
        double sum = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            sum *= x;
            sum += c[i];
        }
        return sum;
    }

    static int clip16(long v) {
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
