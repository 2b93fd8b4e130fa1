package org.trackflow.udfs.decode;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The analysis signal: the mean of the channels (as {@code librosa.to_mono}; FFmpeg's own {@code -ac 1}
 * downmix is {@code 0.7071 (L + R)}, +3 dB against it), resampled by swresample to the analysis rate after
 * the downmix (mixing and resampling are both linear, so their order changes nothing but the cost).
 * Each segment gets a fresh filter state ({@link #reset}), since excerpts are not contiguous.
 */
public final class MonoResampler implements AutoCloseable {
    private final int sourceRate;
    private final int analysisRate;
    private final AudioListener listener;
    private SwrContext swr;
    private FloatPointer in;
    private FloatPointer out;
    private int inCapacity;
    private int outCapacity;
    /** swr_convert's plane arrays, made once per decode rather than per frame. */
    private final PointerPointer<Pointer> inPlanes = new PointerPointer<>(1);
    private final PointerPointer<Pointer> outPlanes = new PointerPointer<>(1);
    private float[] mono = new float[0];
    private float[] resampled = new float[0];
    private long emitted;

    public MonoResampler(int sourceRate, int analysisRate, AudioListener listener) {
        this.sourceRate = sourceRate;
        this.analysisRate = analysisRate;
        this.listener = listener;
    }

    /** Analysis-rate samples emitted so far. */
    long emitted() {
        return emitted;
    }

    /** Downmixes the first {@code n} samples of {@code channels}, resamples them and emits what is ready. */
    public void accept(float[][] channels, int ch, int n) {
        if (mono.length < n) {
            mono = new float[n];
        }
        if (ch == 1) {
            System.arraycopy(channels[0], 0, mono, 0, n);
        } else {
            float scale = 1f / ch;
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int c = 0; c < ch; c++) {
                    sum += channels[c][i];
                }
                mono[i] = sum * scale;
            }
        }
        if (sourceRate == analysisRate) {
            emit(mono, n);
            return;
        }
        ensure(n);
        in.position(0).put(mono, 0, n);
        in.position(0);
        resample(in, n);
    }

    /** Drains swresample's filter delay so that the tail of the segment is not lost. */
    public void flush() {
        if (swr == null) {
            return;
        }
        long before;
        do {
            before = emitted;
            resample(null, 0);
        } while (emitted > before);
    }

    /** Forgets the filter state: the next audio is not contiguous with the last. */
    public void reset() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
    }

    private void ensure(int n) {
        if (swr == null) {
            swr = new SwrContext(null);
            AVChannelLayout monoLayout = new AVChannelLayout();
            av_channel_layout_default(monoLayout, 1);
            int ret = swr_alloc_set_opts2(swr, monoLayout, AV_SAMPLE_FMT_FLT, analysisRate,
                    monoLayout, AV_SAMPLE_FMT_FLT, sourceRate, 0, null);
            if (ret < 0 || (ret = swr_init(swr)) < 0) {
                throw new IllegalStateException("swresample: " + Ffmpeg.error(ret));
            }
            monoLayout.close();
        }
        if (inCapacity < n) {
            if (in != null) {
                in.close();
            }
            in = new FloatPointer(n);
            inCapacity = n;
        }
        int outNeeded = (int) ((long) n * analysisRate / sourceRate) + 256;
        if (outCapacity < outNeeded) {
            if (out != null) {
                out.close();
            }
            out = new FloatPointer(outNeeded);
            outCapacity = outNeeded;
        }
    }

    private void resample(FloatPointer samples, int n) {
        outPlanes.put(0, out);
        if (samples != null) {
            inPlanes.put(0, samples);
        }
        int got = swr_convert(swr, outPlanes, outCapacity, samples != null ? inPlanes : null, n);
        if (got < 0) {
            throw new IllegalStateException("swresample: " + Ffmpeg.error(got));
        }
        if (got > 0) {
            if (resampled.length < got) {
                resampled = new float[Math.max(got, outCapacity)];
            }
            out.position(0).get(resampled, 0, got);
            out.position(0);
            emit(resampled, got);
        }
    }

    private void emit(float[] samples, int n) {
        emitted += n;
        listener.analysisAudio(samples, n);
    }

    @Override
    public void close() {
        reset();
        if (in != null) {
            in.close();
        }
        if (out != null) {
            out.close();
        }
        inPlanes.close();
        outPlanes.close();
    }
}
