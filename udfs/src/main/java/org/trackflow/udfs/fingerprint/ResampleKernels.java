package org.trackflow.udfs.fingerprint;

/**
 * The inner loops of {@link ChromaprintResampler}, in the arithmetic of libswresample's x86-64 kernels
 * ({@code libswresample/x86/resample.asm} of FFmpeg 5.1): float dot products as eight FMA lanes (YMM
 * {@code vfmadd231ps} over taps {@code i mod 8}, then {@code ((l0 + l4) + (l2 + l6)) + ((l1 + l5) +
 * (l3 + l7))}), int16 ones in wrapping 32-bit integers with the rounding constant {@code 0x4000}. The
 * window at {@code x[o]} is read up to the bank's padded length (the padding taps are zero).
 */
final class ResampleKernels {
    private ResampleKernels() {}

    /** Dot product of phase {@code phase} with the window at {@code x[o..]}. */
    static float commonFloat(float[] x, int o, ResampleFilterBank bank, int phase) {
        float[] h = bank.floatTaps;
        int f = bank.alloc * phase;
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        for (int t = 0; t < bank.alloc; t += 8) {
            int i = o + t;
            int j = f + t;
            a0 = Math.fma(x[i], h[j], a0);
            a1 = Math.fma(x[i + 1], h[j + 1], a1);
            a2 = Math.fma(x[i + 2], h[j + 2], a2);
            a3 = Math.fma(x[i + 3], h[j + 3], a3);
            a4 = Math.fma(x[i + 4], h[j + 4], a4);
            a5 = Math.fma(x[i + 5], h[j + 5], a5);
            a6 = Math.fma(x[i + 6], h[j + 6], a6);
            a7 = Math.fma(x[i + 7], h[j + 7], a7);
        }
        // vextractf128 + addps, movhlps + addps, shufps + addss.
        return ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7));
    }

    /**
     * {@link #commonFloat} of phase 0 for the windows at {@code o} and {@code o + d}, sharing the tap loads
     * (single-phase banks), into {@code out[at]} and {@code out[at + 1]}.
     */
    static void commonFloatPair(float[] x, int o, int d, ResampleFilterBank bank, float[] out, int at) {
        float[] h = bank.floatTaps;
        int p = o + d;
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        float b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
        for (int t = 0; t < bank.alloc; t += 8) {
            float h0 = h[t], h1 = h[t + 1], h2 = h[t + 2], h3 = h[t + 3];
            a0 = Math.fma(x[o + t], h0, a0);
            b0 = Math.fma(x[p + t], h0, b0);
            a1 = Math.fma(x[o + t + 1], h1, a1);
            b1 = Math.fma(x[p + t + 1], h1, b1);
            a2 = Math.fma(x[o + t + 2], h2, a2);
            b2 = Math.fma(x[p + t + 2], h2, b2);
            a3 = Math.fma(x[o + t + 3], h3, a3);
            b3 = Math.fma(x[p + t + 3], h3, b3);
            float h4 = h[t + 4], h5 = h[t + 5], h6 = h[t + 6], h7 = h[t + 7];
            a4 = Math.fma(x[o + t + 4], h4, a4);
            b4 = Math.fma(x[p + t + 4], h4, b4);
            a5 = Math.fma(x[o + t + 5], h5, a5);
            b5 = Math.fma(x[p + t + 5], h5, b5);
            a6 = Math.fma(x[o + t + 6], h6, a6);
            b6 = Math.fma(x[p + t + 6], h6, b6);
            a7 = Math.fma(x[o + t + 7], h7, a7);
            b7 = Math.fma(x[p + t + 7], h7, b7);
        }
        out[at] = ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7));
        out[at + 1] = ((b0 + b4) + (b2 + b6)) + ((b1 + b5) + (b3 + b7));
    }

    /** Phases {@code phase} and {@code phase + 1} interpolated with weight {@code w} (= frac / srcIncr). */
    static float linearFloat(float[] x, int o, ResampleFilterBank bank, int phase, float w) {
        float[] h = bank.floatTaps;
        int f = bank.alloc * phase;
        int g = f + bank.alloc;
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        float b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
        for (int t = 0; t < bank.alloc; t += 8) {
            int i = o + t;
            b0 = Math.fma(x[i], h[g + t], b0);
            a0 = Math.fma(x[i], h[f + t], a0);
            b1 = Math.fma(x[i + 1], h[g + t + 1], b1);
            a1 = Math.fma(x[i + 1], h[f + t + 1], a1);
            b2 = Math.fma(x[i + 2], h[g + t + 2], b2);
            a2 = Math.fma(x[i + 2], h[f + t + 2], a2);
            b3 = Math.fma(x[i + 3], h[g + t + 3], b3);
            a3 = Math.fma(x[i + 3], h[f + t + 3], a3);
            b4 = Math.fma(x[i + 4], h[g + t + 4], b4);
            a4 = Math.fma(x[i + 4], h[f + t + 4], a4);
            b5 = Math.fma(x[i + 5], h[g + t + 5], b5);
            a5 = Math.fma(x[i + 5], h[f + t + 5], a5);
            b6 = Math.fma(x[i + 6], h[g + t + 6], b6);
            a6 = Math.fma(x[i + 6], h[f + t + 6], a6);
            b7 = Math.fma(x[i + 7], h[g + t + 7], b7);
            a7 = Math.fma(x[i + 7], h[f + t + 7], a7);
        }
        // Interpolate each 4-lane half sum (subps, mulps, fmaddps), then the same addition tree.
        float v0 = a0 + a4, v1 = a1 + a5, v2 = a2 + a6, v3 = a3 + a7;
        float r0 = Math.fma((b0 + b4) - v0, w, v0);
        float r1 = Math.fma((b1 + b5) - v1, w, v1);
        float r2 = Math.fma((b2 + b6) - v2, w, v2);
        float r3 = Math.fma((b3 + b7) - v3, w, v3);
        return (r0 + r2) + (r1 + r3);
    }

    /** Integer sums wrap like the SSE2 kernel's 32-bit lanes (any order gives the same result). */
    static short commonInt16(int[] x, int o, ResampleFilterBank bank, int phase) {
        int[] h = bank.int16Taps;
        int f = bank.alloc * phase;
        int v = 0x4000;
        for (int t = 0; t < bank.length; t++) {
            v += x[o + t] * h[f + t];
        }
        return (short) ResampleFilterBank.clip16(v >> 15);
    }

    static short linearInt16(int[] x, int o, ResampleFilterBank bank, int phase, int frac) {
        int[] h = bank.int16Taps;
        int f = bank.alloc * phase;
        int g = f + bank.alloc;
        int v = 0x4000;
        int v2 = 0x4000;
        for (int t = 0; t < bank.length; t++) {
            v += x[o + t] * h[f + t];
            v2 += x[o + t] * h[g + t];
        }
        v += (int) ((long) (v2 - v) * frac / bank.srcIncr); // imul, idiv: truncated towards zero
        return (short) ResampleFilterBank.clip16(v >> 15);
    }

}
