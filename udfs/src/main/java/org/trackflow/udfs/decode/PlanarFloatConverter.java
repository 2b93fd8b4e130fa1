package org.trackflow.udfs.decode;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Brings a decoded frame into planar float (one Java array per channel), whatever the decoder's sample
 * format: a plain copy for FFmpeg's planar float, swresample's format conversion (same rate and layout)
 * otherwise. The arrays are reused from frame to frame.
 */
final class PlanarFloatConverter implements AutoCloseable {
    private SwrContext swr;
    private int fromFormat = -1;
    private int fromRate = -1;
    private int fromChannels = -1;
    private FloatPointer out;
    private PointerPointer<FloatPointer> outPlanes;
    private int outCapacityPerChannel;
    private float[][] channels = new float[0][0];

    /** The frame's first {@code n} samples of each of its {@code ch} channels, as planar float. */
    float[][] convert(AVFrame frame, int ch, int n) {
        ensureBuffers(ch, n);
        if (frame.format() == AV_SAMPLE_FMT_FLTP) {
            for (int c = 0; c < ch; c++) {
                new FloatPointer(frame.extended_data(c)).capacity(n).get(channels[c], 0, n);
            }
        } else {
            swrConvert(frame, ch, n);
        }
        return channels;
    }

    private void ensureBuffers(int ch, int n) {
        if (channels.length != ch || channels[0].length < n) {
            channels = new float[ch][Math.max(n, channels.length > 0 ? channels[0].length : 0)];
        }
    }

    private void swrConvert(AVFrame frame, int ch, int n) {
        if (swr == null || fromFormat != frame.format() || fromChannels != ch || fromRate != frame.sample_rate()) {
            if (swr != null) {
                swr_free(swr);
            }
            swr = new SwrContext(null);
            AVChannelLayout layout = frame.ch_layout();
            int ret = swr_alloc_set_opts2(swr, layout, AV_SAMPLE_FMT_FLTP, frame.sample_rate(),
                    layout, frame.format(), frame.sample_rate(), 0, null);
            if (ret < 0 || (ret = swr_init(swr)) < 0) {
                throw new IllegalStateException("swresample: " + Ffmpeg.error(ret));
            }
            fromFormat = frame.format();
            fromChannels = ch;
            fromRate = frame.sample_rate();
            freeOut();
        }
        if (out == null || out.capacity() < (long) ch * n) {
            freeOut();
            out = new FloatPointer((long) ch * n);
            outPlanes = new PointerPointer<>(ch);
            for (int c = 0; c < ch; c++) {
                outPlanes.put(c, out.getPointer((long) c * n));
            }
            outCapacityPerChannel = n;
        }
        int got = swr_convert(swr, outPlanes, outCapacityPerChannel, frame.extended_data(), n);
        if (got < 0) {
            throw new IllegalStateException("swresample: " + Ffmpeg.error(got));
        }
        for (int c = 0; c < ch; c++) {
            out.position((long) c * outCapacityPerChannel).get(channels[c], 0, got);
        }
        out.position(0);
    }

    private void freeOut() {
        if (out != null) {
            out.close();
            outPlanes.close();
            out = null;
            outPlanes = null;
        }
    }

    @Override
    public void close() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        freeOut();
    }
}
