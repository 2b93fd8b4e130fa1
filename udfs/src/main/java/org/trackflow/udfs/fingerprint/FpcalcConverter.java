package org.trackflow.udfs.fingerprint;

/**
 * Turns decoded source audio (planar float at the source rate, as {@code AudioListener.sourceAudio}
 * delivers it) into the stream {@code fpcalc} hands Chromaprint: mono int16 at 11025 Hz. Chromaprint 1.5.1's
 * {@code fpcalc} asks its {@code FFmpegAudioReader} for Chromaprint's own rate and channel count, so
 * libswresample does the whole conversion (Chromaprint's internal resampler then has nothing to do).
 *
 * <p>libswresample works in int16 for 16-bit sources and in float otherwise, and the two round differently.
 * The project's decoder hands every source over as float, but a 16-bit source arrives as exact multiples of
 * 2^-15, which a float decoder practically never produces; {@link Fingerprinter.SourceFormat#AUTO} holds
 * audio back until the first sample that is not such a multiple (float) or until enough non-zero samples
 * all were (int16), then replays it through the chosen path. (A float file that holds exact int16 values,
 * a 16-bit master stored as float, is then taken for 16-bit: a few samples differ from fpcalc's by one step.)
 *
 * <p>libswresample resamples each channel and then downmixes (it does so whenever it reduces the channel
 * count), with its default stereo-to-mono matrix at int16 output (both gains {@code sqrt(1/2)}, normalised to
 * sum 1): float {@code 0.5 L + 0.5 R} then {@link ChromaprintResampler#toInt16}; int16
 * {@code (16384 (L + R) + 16384) >> 15}. With {@code downmixFirst} the same downmix comes before one
 * resampler instead of one per channel: half the work, and the int16 stream differs from fpcalc's by one
 * step in a few samples. More than two channels: the plain mean (libswresample's matrix depends on the
 * channel layout, which the listener does not carry), so multichannel files only approximate fpcalc.
 */
final class FpcalcConverter {
    /** AUTO decides int16 after this many non-zero samples that were all exact int16 values ... */
    private static final int INT16_EVIDENCE = 4096;
    /** ... or after this much audio (seconds), e.g. a long digital silence. */
    private static final int MAX_PENDING_SECONDS = 30;

    /** Receives the 11025 Hz mono int16 stream; the buffer is reused. */
    interface Sink {
        void accept(short[] samples, int length);
    }

    private final Sink sink;
    private final boolean downmixFirst;
    private Fingerprinter.SourceFormat format;
    private ChromaprintResampler[] resamplers;
    private int sampleRate;
    private int channels;
    private float[][] pending = new float[0][0];
    private int pendingLength;
    private int nonZeroSeen;
    private float[] floatMix = new float[0];
    private short[] int16 = new short[0];
    private short[] mono = new short[0];
    /** The resamplers' output arrays (they may grow, so fetched per block). */
    private float[][] floats = new float[0][];
    private short[][] shorts = new short[0][];

    FpcalcConverter(Fingerprinter.SourceFormat format, boolean downmixFirst, Sink sink) {
        this.format = format;
        this.downmixFirst = downmixFirst;
        this.sink = sink;
    }

    void consume(float[][] data, int frames, int rate) {
        if (frames <= 0) {
            return;
        }
        if (sampleRate == 0) {
            sampleRate = rate;
            channels = data.length;
        } else if (rate != sampleRate || data.length != channels) {
            throw new IllegalArgumentException("audio format changed mid-stream: " + channels + " ch at "
                    + sampleRate + " Hz, then " + data.length + " ch at " + rate + " Hz");
        }
        if (format == Fingerprinter.SourceFormat.AUTO) {
            append(data, frames);
            decideIfPossible(data, frames);
        } else {
            convert(data, frames);
        }
    }

    /**
     * End of the stream: converts what AUTO still holds back, then drains the resamplers if
     * {@code flushResampler}.
     */
    void finish(boolean flushResampler) {
        if (sampleRate == 0) {
            return;
        }
        if (format == Fingerprinter.SourceFormat.AUTO) {
            decide(Fingerprinter.SourceFormat.INT16); // nothing but exact int16 values (or silence) came
        }
        if (flushResampler) {
            for (ChromaprintResampler r : resamplers()) {
                r.flush();
            }
            emit();
        }
    }

    private void decideIfPossible(float[][] data, int frames) {
        for (float[] ch : data) {
            for (int i = 0; i < frames; i++) {
                float v = ch[i];
                if (v != 0) {
                    float s = v * 32768f;
                    if (s != Math.rint(s) || s < -32768f || s > 32767f) {
                        decide(Fingerprinter.SourceFormat.FLOAT);
                        return;
                    }
                    nonZeroSeen++;
                }
            }
        }
        if (nonZeroSeen >= INT16_EVIDENCE || pendingLength >= MAX_PENDING_SECONDS * sampleRate) {
            decide(Fingerprinter.SourceFormat.INT16);
        }
    }

    private void decide(Fingerprinter.SourceFormat chosen) {
        format = chosen;
        float[][] held = pending;
        int length = pendingLength;
        pending = new float[0][0];
        pendingLength = 0;
        convert(held, length);
    }

    private void append(float[][] data, int frames) {
        if (pending.length == 0 || pendingLength + frames > pending[0].length) {
            float[][] grown = new float[channels][Math.max(2 * (pendingLength + frames), 8192)];
            for (int c = 0; c < pending.length; c++) {
                System.arraycopy(pending[c], 0, grown[c], 0, pendingLength);
            }
            pending = grown;
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(data[c], 0, pending[c], pendingLength, frames);
        }
        pendingLength += frames;
    }

    private ChromaprintResampler[] resamplers() {
        if (resamplers == null) {
            resamplers = new ChromaprintResampler[downmixFirst ? 1 : channels];
            for (int c = 0; c < resamplers.length; c++) {
                resamplers[c] = new ChromaprintResampler(sampleRate, format == Fingerprinter.SourceFormat.INT16);
            }
        }
        return resamplers;
    }

    private void convert(float[][] data, int frames) {
        if (frames == 0) {
            return;
        }
        ChromaprintResampler[] rs = resamplers();
        boolean isInt16 = format == Fingerprinter.SourceFormat.INT16;
        if (int16.length < frames) {
            int16 = new short[frames];
            floatMix = new float[frames];
        }
        if (downmixFirst && channels > 1) {
            if (isInt16) {
                for (int i = 0; i < frames; i++) {
                    int16[i] = mixInt16(data, i);
                }
                rs[0].push(int16, frames);
            } else {
                for (int i = 0; i < frames; i++) {
                    floatMix[i] = mixFloat(data, i);
                }
                rs[0].push(floatMix, frames);
            }
        } else {
            for (int c = 0; c < channels; c++) {
                if (isInt16) {
                    for (int i = 0; i < frames; i++) {
                        int16[i] = ChromaprintResampler.toInt16(data[c][i]); // exact: the source was int16
                    }
                    rs[c].push(int16, frames);
                } else {
                    rs[c].push(data[c], frames);
                }
            }
        }
        emit();
    }

    /** Downmixes what the resamplers produced (the same count on every channel) and passes it on. */
    private void emit() {
        ChromaprintResampler[] rs = resamplers;
        int n = rs[0].outputLength();
        if (n == 0) {
            return;
        }
        if (mono.length < n) {
            mono = new short[Math.max(n, 4096)];
        }
        if (floats.length != rs.length) {
            floats = new float[rs.length][];
            shorts = new short[rs.length][];
        }
        for (int c = 0; c < rs.length; c++) {
            floats[c] = rs[c].floatOutput();
            shorts[c] = rs[c].int16Output();
        }
        if (format == Fingerprinter.SourceFormat.INT16) {
            if (rs.length == 1) {
                System.arraycopy(shorts[0], 0, mono, 0, n);
            } else {
                for (int i = 0; i < n; i++) {
                    mono[i] = mixInt16(shorts, i);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                mono[i] = ChromaprintResampler.toInt16(rs.length == 1 ? floats[0][i] : mixFloat(floats, i));
            }
        }
        for (ChromaprintResampler r : rs) {
            r.clearOutput();
        }
        sink.accept(mono, n);
    }

    private static float mixFloat(float[][] x, int i) {
        if (x.length == 2) {
            return x[0][i] * 0.5f + x[1][i] * 0.5f; // both products exact: one rounding, as SIMD sum2_float
        }
        float scale = 1f / x.length;
        float sum = 0;
        for (float[] ch : x) {
            sum += ch[i] * scale;
        }
        return sum;
    }

    /** Int16 downmix of float channels that hold exact int16 values. */
    private static short mixInt16(float[][] x, int i) {
        int sum = 0;
        for (float[] ch : x) {
            sum += ChromaprintResampler.toInt16(ch[i]);
        }
        return mixInt16Sum(sum, x.length);
    }

    private static short mixInt16(short[][] x, int i) {
        int sum = 0;
        for (short[] ch : x) {
            sum += ch[i];
        }
        return mixInt16Sum(sum, x.length);
    }

    private static short mixInt16Sum(int sum, int channels) {
        if (channels == 2) {
            return (short) ((16384 * sum + 16384) >> 15); // Q15 gains 16384 each, rounding constant 16384
        }
        return (short) Math.floorDiv(2 * sum + channels, 2 * channels);
    }
}
