package org.trackflow.testkit;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes audio files with FFmpeg's own encoders, in-process (no {@code ffmpeg} binary): used to make the
 * demo library and test fixtures in real formats, so decoding is tested on what encoders really produce.
 */
public final class AudioEncoder {

    /** Output formats: container by file extension, codec, sample format, bit rate. */
    public enum Format {
        WAV("wav", "pcm_s16le", AV_SAMPLE_FMT_S16, 0),
        WAV24("wav", "pcm_s24le", AV_SAMPLE_FMT_S32, 0),
        FLAC("flac", "flac", AV_SAMPLE_FMT_S16, 0),
        MP3("mp3", "libmp3lame", AV_SAMPLE_FMT_FLTP, 192_000),
        OPUS("opus", "libopus", AV_SAMPLE_FMT_FLT, 128_000),
        M4A("m4a", "aac", AV_SAMPLE_FMT_FLTP, 160_000);

        public final String extension;
        final String encoder;
        final int sampleFormat;
        final long bitrate;

        Format(String extension, String encoder, int sampleFormat, long bitrate) {
            this.extension = extension;
            this.encoder = encoder;
            this.sampleFormat = sampleFormat;
            this.bitrate = bitrate;
        }
    }

    private AudioEncoder() {}

    /**
     * Encodes planar float audio ({@code channels[c][i]}, nominally in [-1, 1]) at {@code sampleRate} to
     * {@code out}, with the given tags (title, artist, ...). Opus accepts only 8/12/16/24/48 kHz.
     */
    public static void encode(float[][] channels, int sampleRate, Format format, Path out, Map<String, String> tags)
            throws IOException {
        encode(channels, sampleRate, format, out, tags, format.bitrate);
    }

    /** As above, at {@code bitrate} bit/s (lossy formats; 0 for the encoder's default). */
    public static void encode(float[][] channels, int sampleRate, Format format, Path out, Map<String, String> tags,
                              long bitrate) throws IOException {
        av_log_set_level(AV_LOG_QUIET);
        int nch = channels.length;
        int total = channels[0].length;
        AVFormatContext oc = new AVFormatContext(null);
        AVCodecContext cc = null;
        SwrContext swr = null;
        AVFrame frame = null;
        AVPacket pkt = null;
        boolean ioOpen = false;
        try {
            check(avformat_alloc_output_context2(oc, null, null, out.toString()), "output context");
            AVCodec codec = avcodec_find_encoder_by_name(format.encoder);
            if (codec == null || codec.isNull()) {
                throw new IOException("encoder not available: " + format.encoder);
            }
            AVStream st = avformat_new_stream(oc, null);
            cc = avcodec_alloc_context3(codec);
            cc.sample_fmt(format.sampleFormat);
            cc.sample_rate(sampleRate);
            av_channel_layout_default(cc.ch_layout(), nch);
            if (bitrate > 0) {
                cc.bit_rate(bitrate);
            }
            cc.time_base(new AVRational().num(1).den(sampleRate));
            if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
                cc.flags(cc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            check(avcodec_open2(cc, codec, (PointerPointer<?>) null), "open encoder " + format.encoder);
            check(avcodec_parameters_from_context(st.codecpar(), cc), "codec parameters");
            st.time_base(cc.time_base());
            if (tags != null && !tags.isEmpty()) {
                AVDictionary dict = new AVDictionary(null);
                try (PointerPointer<AVDictionary> pm = new PointerPointer<>(1)) {
                    pm.put(0, dict);
                    for (Map.Entry<String, String> e : tags.entrySet()) {
                        av_dict_set(pm, new org.bytedeco.javacpp.BytePointer(e.getKey(), "UTF-8"),
                                new org.bytedeco.javacpp.BytePointer(e.getValue(), "UTF-8"), 0);
                    }
                    oc.metadata(new AVDictionary(pm.get(0)));
                }
            }
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), "open " + out);
            oc.pb(pb);
            ioOpen = true;
            check(avformat_write_header(oc, (PointerPointer<?>) null), "write header");

            swr = new SwrContext(null);
            check(swr_alloc_set_opts2(swr, cc.ch_layout(), format.sampleFormat, sampleRate,
                    cc.ch_layout(), AV_SAMPLE_FMT_FLTP, sampleRate, 0, null), "swresample");
            check(swr_init(swr), "swresample init");

            int frameSize = cc.frame_size() > 0 ? cc.frame_size() : 1024;
            frame = av_frame_alloc();
            pkt = av_packet_alloc();
            try (FloatPointer in = new FloatPointer((long) nch * frameSize);
                 PointerPointer<Pointer> inPlanes = new PointerPointer<>(nch)) {
                for (int c = 0; c < nch; c++) {
                    inPlanes.put(c, in.getPointer((long) c * frameSize));
                }
                for (int pos = 0; pos < total; pos += frameSize) {
                    int n = Math.min(frameSize, total - pos);
                    for (int c = 0; c < nch; c++) {
                        in.position((long) c * frameSize).put(channels[c], pos, n);
                    }
                    in.position(0);
                    av_frame_unref(frame);
                    frame.nb_samples(n);
                    frame.format(format.sampleFormat);
                    frame.sample_rate(sampleRate);
                    check(av_channel_layout_copy(frame.ch_layout(), cc.ch_layout()), "layout");
                    check(av_frame_get_buffer(frame, 0), "frame buffer");
                    check(swr_convert(swr, frame.extended_data(), n, inPlanes, n), "convert");
                    frame.pts(pos);
                    writePackets(oc, cc, st, frame, pkt);
                }
            }
            writePackets(oc, cc, st, null, pkt);
            check(av_write_trailer(oc), "write trailer");
        } finally {
            if (pkt != null) {
                av_packet_free(pkt);
            }
            if (frame != null) {
                av_frame_free(frame);
            }
            if (swr != null) {
                swr_free(swr);
            }
            if (cc != null) {
                avcodec_free_context(cc);
            }
            if (ioOpen) {
                avio_closep(oc.pb());
            }
            if (!oc.isNull()) {
                avformat_free_context(oc);
            }
        }
    }

    private static void writePackets(AVFormatContext oc, AVCodecContext cc, AVStream st, AVFrame frame, AVPacket pkt)
            throws IOException {
        check(avcodec_send_frame(cc, frame), "encode");
        while (true) {
            int ret = avcodec_receive_packet(cc, pkt);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            check(ret, "encode");
            av_packet_rescale_ts(pkt, cc.time_base(), st.time_base());
            pkt.stream_index(st.index());
            check(av_interleaved_write_frame(oc, pkt), "write packet");
        }
    }

    private static int check(int ret, String what) throws IOException {
        if (ret < 0) {
            throw new IOException(String.format(Locale.ROOT, "%s failed: %s", what, error(ret)));
        }
        return ret;
    }

    private static String error(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }
}
