package org.trackflow.udfs.fingerprint;

import java.util.Arrays;

/**
 * Streaming single-channel resampler to 11025 Hz, bit-exact with the resampling in front of Chromaprint in
 * {@code fpcalc} 1.5.1: a port of libswresample's polyphase resampler ({@code libswresample/resample.c},
 * {@code resample_template.c} and {@code x86/resample.asm} of FFmpeg 5.1, LGPL 2.1+, by Michael Niedermayer;
 * it descends from the {@code resample2.c} that Chromaprint bundles) in the configuration of Chromaprint's
 * {@code FFmpegAudioProcessor::SetCompatibleMode()}; {@link ResampleFilterBank} builds the taps.
 *
 * <p>Output {@code k} is {@code y[k] = sum_i h_p[i] x[s + i]} over the {@code L} taps of phase {@code p},
 * where window start {@code s} and phase advance by {@code inRate / 11025} input samples per output (kept
 * as integer {@code index}/{@code frac} counters, so nothing drifts). When the position falls between two
 * phases (ratios that need more than 256 phases, such as 32 kHz) the results of phases {@code p} and
 * {@code p + 1} are interpolated linearly.
 *
 * <p>Two arithmetic paths, as libswresample picks them by the source's sample format: 16-bit sources (WAV,
 * 16-bit FLAC) run in Q15 integers ({@code (16384 + sum x h) >> 15}, saturated); float sources (MP3, AAC,
 * Vorbis, Opus, 24-bit FLAC) in float (converted with {@link #toInt16} after the downmix, which
 * libswresample applies after resampling each channel). The float dot product follows libswresample's
 * x86-64 AVX2/FMA3 kernel ({@code ff_resample_common_float_fma3}): eight fused multiply-add lanes over taps
 * {@code i mod 8}, then a fixed tree of additions. SSE-only or ARM builds of FFmpeg round differently in
 * the last bit, which moves a few int16 samples by one and, in practice, no fingerprint bit.
 *
 * <p>Edges as libswresample: the first output is centred on the first input sample, with the input
 * mirrored before it ({@code x[-n] = x[n]}); {@link #flush()} reflects about half a filter after the end
 * ({@code x[N + j] = x[N - 1 - j]}). Nothing comes out for fewer than {@code L + 1} input samples. Input at
 * 11025 Hz passes through. Outputs accumulate in {@link #floatOutput()} or {@link #int16Output()} until
 * {@link #clearOutput()}.
 *
 * <p>Why not Chromaprint's own {@code AudioProcessor} resampler ({@code resample2.c}: int16 only, no
 * interpolation, downmix {@code (L + R) / 2} first): it runs only when a caller of the C library feeds
 * audio at another rate, which {@code fpcalc} never does. Fed that way, libchromaprint 1.5.1 agrees with
 * {@code fpcalc} on 99.99 % of the bits of real tracks (a few items differ), not on all of them.
 */
public final class ChromaprintResampler {
    public static final int OUTPUT_RATE = 11025;

    private final boolean int16;
    private final ResampleFilterBank bank;
    /** {@code 1 / srcIncr} in float (the asm's {@code divss}), times {@code frac} gives the interpolation weight. */
    private final float inverseSrcIncr;
    /** Extended input {@code e[m]} (mirror included) for {@code m >= base}; int16 values held as int. */
    private float[] floats;
    private int[] ints;
    private long base;
    private int size;
    private long received;
    private boolean primed;
    private boolean flushed;
    /** Window start of the next output (in {@code e} coordinates), its phase and sub-phase. */
    private long start;
    private int index;
    private int frac;
    private float[] floatOut = new float[4096];
    private short[] int16Out = new short[4096];
    private int outLength;

    /**
     * @param inputRate source sample rate
     * @param int16 libswresample's path for 16-bit sources (integer arithmetic), else the float path
     */
    public ChromaprintResampler(int inputRate, boolean int16) {
        if (inputRate <= 0) {
            throw new IllegalArgumentException("sample rate " + inputRate);
        }
        this.int16 = int16;
        this.bank = inputRate == OUTPUT_RATE ? null : new ResampleFilterBank(OUTPUT_RATE, inputRate, int16);
        this.inverseSrcIncr = bank == null ? 0 : 1.0f / bank.srcIncr;
        if (bank != null) {
            int capacity = 4 * bank.alloc + 8192;
            if (int16) {
                ints = new int[capacity];
            } else {
                floats = new float[capacity];
            }
            base = -bank.length; // room for the mirror of x[1..L]
            size = bank.length;
        }
    }

    /** Float path: samples nominally in [-1, 1]. */
    public void push(float[] samples, int length) {
        if (int16) {
            throw new IllegalStateException("int16 resampler");
        }
        if (bank == null) {
            ensureOutput(length);
            System.arraycopy(samples, 0, floatOut, outLength, length);
            outLength += length;
            return;
        }
        ensureRoom(length);
        System.arraycopy(samples, 0, floats, size, length);
        appended(length);
    }

    /** Int16 path. */
    public void push(short[] samples, int length) {
        if (!int16) {
            throw new IllegalStateException("float resampler");
        }
        if (bank == null) {
            ensureOutput(length);
            System.arraycopy(samples, 0, int16Out, outLength, length);
            outLength += length;
            return;
        }
        ensureRoom(length);
        for (int i = 0; i < length; i++) {
            ints[size + i] = samples[i];
        }
        appended(length);
    }

    /** End of input: reflects the tail and emits the last outputs ({@code swr_convert(ctx, out, n, NULL, 0)}). */
    public void flush() {
        if (flushed || bank == null || !primed) {
            flushed = true;
            return; // before L + 1 samples libswresample outputs nothing, even when flushed
        }
        flushed = true;
        int reflection = (Math.min((int) (received - start), bank.length) + 1) / 2;
        ensureRoom(reflection);
        for (int j = 0; j < reflection; j++) {
            if (int16) {
                ints[size + j] = ints[size - 1 - j];
            } else {
                floats[size + j] = floats[size - 1 - j];
            }
        }
        size += reflection;
        run(received + reflection);
    }

    /** Outputs since the last {@link #clearOutput()}. */
    public int outputLength() {
        return outLength;
    }

    /** Float path outputs; the first {@link #outputLength()} are valid. */
    public float[] floatOutput() {
        return floatOut;
    }

    /** Int16 path outputs; the first {@link #outputLength()} are valid. */
    public short[] int16Output() {
        return int16Out;
    }

    public void clearOutput() {
        outLength = 0;
    }

    /**
     * {@code lrintf(y * 32768)} saturated to int16, as libswresample's SIMD float to s16 conversion
     * ({@code cvtps2dq}, whose out-of-range result is the most negative int, then {@code packssdw}).
     */
    public static short toInt16(float y) {
        float s = y * 32768f;
        long q = s >= -2147483648f && s < 2147483648f ? (long) Math.rint(s) : Integer.MIN_VALUE;
        return (short) ResampleFilterBank.clip16(q);
    }

    private void appended(int length) {
        size += length;
        received += length;
        if (!primed) {
            int len = bank.length;
            if (received < len + 1) {
                return;
            }
            for (int n = 1; n <= len; n++) { // e[-n] = x[n]
                if (int16) {
                    ints[len - n] = ints[len + n];
                } else {
                    floats[len - n] = floats[len + n];
                }
            }
            primed = true;
            start = -((len - 1) / 2);
        }
        run(received);
    }

    /** Emits every output whose window lies inside {@code e[..available)}. */
    private void run(long available) {
        int len = bank.length;
        boolean linear = bank.dstIncrMod != 0;
        // One phase (44.1, 22.05, 88.2 kHz): consecutive windows share the taps, two outputs per pass.
        boolean paired = !int16 && bank.phaseCount == 1;
        ensureOutput((int) Math.max(0, (available - start) * bank.phaseCount / Math.max(1, bank.dstIncrDiv)) + 2);
        while (start + len <= available) {
            int o = (int) (start - base);
            if (paired && start + bank.dstIncrDiv + len <= available) {
                ResampleKernels.commonFloatPair(floats, o, bank.dstIncrDiv, bank, floatOut, outLength);
                outLength += 2;
                start += 2L * bank.dstIncrDiv;
                continue;
            }
            if (int16) {
                int16Out[outLength++] = linear ? ResampleKernels.linearInt16(ints, o, bank, index, frac)
                        : ResampleKernels.commonInt16(ints, o, bank, index);
            } else {
                floatOut[outLength++] = linear ? ResampleKernels.linearFloat(floats, o, bank, index, frac * inverseSrcIncr)
                        : ResampleKernels.commonFloat(floats, o, bank, index);
            }
            frac += bank.dstIncrMod;
            index += bank.dstIncrDiv;
            if (frac >= bank.srcIncr) {
                frac -= bank.srcIncr;
                index++;
            }
            start += index / bank.phaseCount;
            index %= bank.phaseCount;
        }
    }

    /** Room for {@code n} more samples and a vector of over-read; drops what no window needs any more. */
    private void ensureRoom(int n) {
        int capacity = int16 ? ints.length : floats.length;
        if (size + n + bank.alloc + 8 <= capacity) {
            return;
        }
        int drop = primed ? (int) Math.max(0, start - base) : 0;
        int keep = size - drop;
        int needed = keep + n + bank.alloc + 8;
        int grown = needed <= capacity ? capacity : Math.max(2 * capacity, needed);
        if (int16) {
            int[] s = grown == capacity ? ints : new int[grown];
            System.arraycopy(ints, drop, s, 0, keep);
            ints = s;
        } else {
            float[] s = grown == capacity ? floats : new float[grown];
            System.arraycopy(floats, drop, s, 0, keep);
            floats = s;
        }
        base += drop;
        size = keep;
    }

    private void ensureOutput(int n) {
        int capacity = int16 ? int16Out.length : floatOut.length;
        if (outLength + n > capacity) {
            int grown = Math.max(2 * capacity, outLength + n);
            if (int16) {
                int16Out = Arrays.copyOf(int16Out, grown);
            } else {
                floatOut = Arrays.copyOf(floatOut, grown);
            }
        }
    }
}
