package org.trackflow.udfs.decode;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One decode of one file, its native resources freed together: opens the container and the best audio
 * stream, runs the packet loop over the whole stream or over each excerpt (seeking), trims frames to the
 * excerpt, and hands each frame on as source audio and to the {@link MonoResampler}.
 */
final class DecodeSession implements AutoCloseable {
    private final Path file;
    private final AudioListener listener;
    private final Excerpts excerpts;
    private final int analysisRate;
    private final DecodeWarnings warnings = new DecodeWarnings();
    private final PlanarFloatConverter planar = new PlanarFloatConverter();
    private MonoResampler mono;
    private AVFormatContext format;
    private AVCodecContext codec;
    private AVPacket packet;
    /** The audio packets' hash while a whole file is read, else null. */
    private java.security.MessageDigest packets;
    private AVFrame frame;
    private int streamIndex;
    private double timeBase;
    private int sampleRate;
    private long sourceSamples;
    /** Excerpt mode: first sample (source rate) wanted, how many are still wanted, whether it began. */
    private boolean excerptMode;
    private long excerptStart;
    private long excerptRemaining = Long.MAX_VALUE;
    private boolean excerptStarted;

    DecodeSession(Path file, AudioListener listener, Excerpts excerpts, int analysisRate) {
        this.file = file;
        this.listener = listener;
        this.excerpts = excerpts;
        this.analysisRate = analysisRate;
    }

    AudioInfo run() throws AudioDecodeException {
        AVFormatContext opening = new AVFormatContext(null);
        int stream = Ffmpeg.openAudio(opening, file);
        format = opening;
        AVStream st = format.streams(stream);
        AVCodecParameters par = st.codecpar();
        String codecName = avcodec_get_name(par.codec_id()).getString();
        openCodec(par, codecName);
        sampleRate = codec.sample_rate();
        int channels = codec.ch_layout().nb_channels();
        if (sampleRate <= 0 || channels <= 0) {
            throw new AudioDecodeException("invalid audio stream: " + sampleRate + " Hz, " + channels + " channels");
        }
        Map<String, String> tags = Ffmpeg.newTagMap();
        Ffmpeg.readDictionary(format.metadata(), tags);
        Ffmpeg.readDictionary(st.metadata(), tags);
        double announced = announcedDuration(st);
        long bitrate = format.bit_rate() > 0 ? format.bit_rate() : par.bit_rate();

        packet = av_packet_alloc();
        frame = av_frame_alloc();
        mono = new MonoResampler(sampleRate, analysisRate, listener);
        streamIndex = stream;
        timeBase = st.time_base().den() > 0 ? (double) st.time_base().num() / st.time_base().den() : 0;
        String readError = null;
        double[] starts = timeBase > 0 ? excerpts.starts(announced) : null;
        int segments = 1;
        if (starts == null) {
            packets = AudioProbe.start(par); // every packet passes: hashed on the way (AudioProbe's hash, no second pass)
            listener.segmentStart(0, 0);
            readError = readPackets();
            sendAndReceive(null); // drain the decoder
            mono.flush();
            listener.segmentEnd(0);
        } else {
            segments = starts.length;
            for (int k = 0; k < starts.length && readError == null; k++) {
                readError = decodeExcerpt(k, starts[k]);
            }
        }

        if (sourceSamples == 0) {
            String why = warnings.firstBadPacket() != null ? warnings.firstBadPacket()
                    : readError != null ? readError : "the stream holds no samples";
            throw new AudioDecodeException("no audio decoded: " + why);
        }
        String warning = warnings.text(readError, (double) sourceSamples / sampleRate, segments > 1 ? 0 : announced);
        String container = format.iformat().name().getString();
        return new AudioInfo(container, codecName, sampleRate, channels, Math.max(0, bitrate), announced,
                sourceSamples, mono.emitted(), analysisRate, tags, warning, segments, packets == null ? null : AudioProbe.hex(packets.digest()));
    }

    private void openCodec(AVCodecParameters par, String codecName) throws AudioDecodeException {
        AVCodec decoder = avcodec_find_decoder(par.codec_id());
        if (decoder == null || decoder.isNull()) {
            throw new AudioDecodeException("no decoder for codec " + codecName);
        }
        codec = avcodec_alloc_context3(decoder);
        avcodec_parameters_to_context(codec, par);
        codec.thread_count(1); // Flink slots own the parallelism
        int ret = avcodec_open2(codec, decoder, (PointerPointer<?>) null);
        if (ret < 0) {
            throw new AudioDecodeException("cannot open " + codecName + " decoder: " + Ffmpeg.error(ret));
        }
    }

    /** Reads and decodes packets until the end of the stream or of the current excerpt. */
    private String readPackets() {
        while (excerptRemaining > 0) {
            int ret = av_read_frame(format, packet);
            if (ret < 0) {
                return ret == AVERROR_EOF ? null : Ffmpeg.error(ret);
            }
            if (packet.stream_index() == streamIndex) {
                if (packets != null && !excerptMode) {
                    AudioProbe.update(packets, packet);
                }
                sendAndReceive(packet);
            }
            av_packet_unref(packet);
        }
        return null;
    }

    /** Seeks to {@code start} seconds and decodes one excerpt as segment {@code k}. */
    private String decodeExcerpt(int k, double start) {
        int ret = av_seek_frame(format, streamIndex, (long) (start / timeBase), AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            return "cannot seek to " + start + " s: " + Ffmpeg.error(ret);
        }
        avcodec_flush_buffers(codec);
        mono.reset();
        excerptMode = true;
        excerptStart = Math.round(start * sampleRate);
        excerptRemaining = Math.round(excerpts.seconds() * sampleRate);
        excerptStarted = false;
        listener.segmentStart(k, start);
        String error = readPackets();
        if (error == null && excerptRemaining > 0) {
            sendAndReceive(null);
            avcodec_flush_buffers(codec);
        }
        mono.flush();
        listener.segmentEnd(k);
        return error;
    }

    private double announcedDuration(AVStream st) {
        if (st.duration() > 0 && st.time_base().den() > 0) {
            return st.duration() * (double) st.time_base().num() / st.time_base().den();
        }
        return format.duration() > 0 ? format.duration() / (double) AV_TIME_BASE : 0;
    }

    private void sendAndReceive(AVPacket pkt) {
        int ret = avcodec_send_packet(codec, pkt);
        if (ret < 0 && ret != AVERROR_EOF) {
            badPacket(ret);
            if (pkt != null) {
                return;
            }
        }
        while (true) {
            ret = avcodec_receive_frame(codec, frame);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            if (ret < 0) {
                badPacket(ret);
                return;
            }
            consumeFrame();
            av_frame_unref(frame);
        }
    }

    private void badPacket(int ret) {
        warnings.badPacket(ret, (double) sourceSamples / Math.max(1, sampleRate));
    }

    private void consumeFrame() {
        int n = frame.nb_samples();
        int ch = frame.ch_layout().nb_channels();
        if (n <= 0 || ch <= 0) {
            return;
        }
        if (frame.sample_rate() != sampleRate) {
            // A mid-stream rate change (rare, e.g. chained Ogg): count it rather than mis-time the audio.
            badPacket(AVERROR_EINVAL());
            return;
        }
        int skip = 0;
        if (excerptMode) {
            if (excerptRemaining <= 0) {
                return;
            }
            if (!excerptStarted) {
                // The seek lands on a packet at or before the excerpt: drop what precedes it.
                long pts = frame.best_effort_timestamp();
                if (pts == AV_NOPTS_VALUE) {
                    return;
                }
                long first = Math.round(pts * timeBase * sampleRate);
                if (first + n <= excerptStart) {
                    return;
                }
                skip = (int) Math.max(0, excerptStart - first);
                excerptStarted = true;
            }
        }
        float[][] channels = planar.convert(frame, ch, n);
        int keep = (int) Math.min(n - skip, excerptRemaining);
        if (skip > 0 || keep < n) {
            for (int c = 0; c < ch; c++) {
                System.arraycopy(channels[c], skip, channels[c], 0, keep);
            }
            n = keep;
        }
        if (excerptMode) {
            excerptRemaining -= n;
        }
        listener.sourceAudio(channels, n, sampleRate);
        sourceSamples += n;
        mono.accept(channels, ch, n);
    }

    @Override
    public void close() {
        if (packet != null) {
            av_packet_free(packet);
        }
        if (frame != null) {
            av_frame_free(frame);
        }
        if (codec != null) {
            avcodec_free_context(codec);
        }
        if (format != null) {
            avformat_close_input(format);
        }
        planar.close();
        if (mono != null) {
            mono.close();
        }
    }
}
