package org.trackflow.udfs.audio;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes any audio file FFmpeg reads (mp3, flac, ogg/vorbis, opus, m4a/aac/alac, wav, aiff, wma, ...)
 * in-process through bytedeco's FFmpeg, streaming: source-rate planar float audio and mono analysis-rate
 * audio reach an {@link AudioListener} frame by frame, so a file of any length needs constant memory.
 *
 * <p>The mono signal is the mean of the channels (as {@code librosa.to_mono}; FFmpeg's own {@code -ac 1}
 * downmix is {@code 0.7071 (L + R)}, +3 dB against it), resampled by swresample after the downmix (mixing
 * and resampling are both linear, so their order changes nothing but the cost).
 *
 * <p>Errors: a file with no decodable audio throws {@link AudioDecodeException} with FFmpeg's reason. A
 * stream that breaks part way (truncated, corrupt packets) keeps what decoded and reports it in
 * {@link AudioInfo#warning()}.
 */
public final class AudioDecoder {
    private static final int MAX_REPORTED_ERRORS = 1;

    private final int analysisRate;

    /**
     * Which audio to decode: everything ({@link #WHOLE}), or {@code count} excerpts of {@code seconds} spread
     * evenly over the track (centred in equal parts of it), reached by seeking. A track not much longer than
     * the excerpts together is decoded whole.
     */
    public record Excerpts(int count, double seconds) implements java.io.Serializable {
        public static final Excerpts WHOLE = new Excerpts(0, 0);

        /** Excerpt start times for a track of {@code duration} s, or null to decode it whole. */
        double[] starts(double duration) {
            if (count <= 0 || !(duration > 1.5 * count * seconds)) {
                return null;
            }
            double[] starts = new double[count];
            for (int k = 0; k < count; k++) {
                starts[k] = Math.max(0, (k + 0.5) * duration / count - seconds / 2);
            }
            return starts;
        }
    }

    /**
     * Stops JavaCPP's deallocator thread, which otherwise lives as long as the JVM and keeps the class
     * loader that loaded FFmpeg's bindings alive. Call it when that class loader is discarded (a Flink
     * job's user-code class loader on a TaskManager that outlives the job); no decoder of that class
     * loader may be used afterwards.
     */
    public static void releaseClassLoader() {
        org.bytedeco.javacpp.Pointer.interruptDeallocatorThread();
    }

    public AudioDecoder(int analysisRate) {
        this.analysisRate = analysisRate;
        Ffmpeg.init();
    }

    public AudioInfo decode(Path file, AudioListener listener) throws AudioDecodeException {
        return decode(file, listener, Excerpts.WHOLE);
    }

    public AudioInfo decode(Path file, AudioListener listener, Excerpts excerpts) throws AudioDecodeException {
        if (!Files.exists(file)) {
            throw new AudioDecodeException("file not found: it vanished after the scan");
        }
        if (!Files.isReadable(file)) {
            throw new AudioDecodeException("file not readable: permission denied");
        }
        try (Session s = new Session(file, listener, excerpts)) {
            return s.run();
        }
    }

    /** The native resources of one decode, freed together. */
    private final class Session implements AutoCloseable {
        private final Path file;
        private final AudioListener listener;
        private final Excerpts excerpts;
        private int streamIndex;
        private double timeBase;
        /** Excerpt mode: first sample (source rate) wanted, how many are still wanted, whether it began. */
        private boolean excerptMode;
        private long excerptStart;
        private long excerptRemaining = Long.MAX_VALUE;
        private boolean excerptStarted;
        private AVFormatContext format;
        private AVCodecContext codec;
        private AVPacket packet;
        private AVFrame frame;
        private SwrContext toPlanarFloat;
        private int planarFromFormat = -1;
        private int planarFromRate = -1;
        private int planarFromChannels = -1;
        private SwrContext resampler;
        private FloatPointer planarOut;
        private PointerPointer<FloatPointer> planarOutPlanes;
        private int planarOutCapacityPerChannel;
        private FloatPointer monoIn;
        private FloatPointer monoOut;
        /** swr_convert's plane arrays, made once per decode rather than per frame. */
        private final PointerPointer<Pointer> resampleIn = new PointerPointer<>(1);
        private final PointerPointer<Pointer> resampleOut = new PointerPointer<>(1);
        private int monoInCapacity;
        private int monoOutCapacity;

        private float[][] channelBuffers = new float[0][0];
        private float[] mono = new float[0];
        private float[] resampled = new float[0];

        private int sampleRate;
        private int channels;
        private long sourceSamples;
        private long analysisSamples;
        private int badPackets;
        private String firstBadPacket;

        Session(Path file, AudioListener listener, Excerpts excerpts) {
            this.file = file;
            this.listener = listener;
            this.excerpts = excerpts;
        }

        AudioInfo run() throws AudioDecodeException {
            format = new AVFormatContext(null);
            int ret = avformat_open_input(format, file.toString(), null, null);
            if (ret < 0) {
                format = null;
                throw new AudioDecodeException("cannot open: " + Ffmpeg.error(ret));
            }
            ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (ret < 0) {
                throw new AudioDecodeException("cannot read stream info: " + Ffmpeg.error(ret));
            }
            int stream = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (stream < 0) {
                throw new AudioDecodeException("no audio stream: " + Ffmpeg.error(stream));
            }
            AVStream st = format.streams(stream);
            AVCodecParameters par = st.codecpar();
            String codecName = avcodec_get_name(par.codec_id()).getString();
            AVCodec decoder = avcodec_find_decoder(par.codec_id());
            if (decoder == null || decoder.isNull()) {
                throw new AudioDecodeException("no decoder for codec " + codecName);
            }
            codec = avcodec_alloc_context3(decoder);
            avcodec_parameters_to_context(codec, par);
            codec.thread_count(1); // Flink slots own the parallelism
            ret = avcodec_open2(codec, decoder, (PointerPointer<?>) null);
            if (ret < 0) {
                throw new AudioDecodeException("cannot open " + codecName + " decoder: " + Ffmpeg.error(ret));
            }
            sampleRate = codec.sample_rate();
            channels = codec.ch_layout().nb_channels();
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
            streamIndex = stream;
            timeBase = st.time_base().den() > 0 ? (double) st.time_base().num() / st.time_base().den() : 0;
            String readError = null;
            double[] starts = timeBase > 0 ? excerpts.starts(announced) : null;
            int segments = 1;
            if (starts == null) {
                listener.segmentStart(0, 0);
                readError = readPackets();
                sendAndReceive(null); // drain the decoder
                flushResampler();
                listener.segmentEnd(0);
            } else {
                segments = starts.length;
                for (int k = 0; k < starts.length; k++) {
                    readError = decodeExcerpt(k, starts[k]);
                    if (readError != null) {
                        break;
                    }
                }
            }

            if (sourceSamples == 0) {
                String why = firstBadPacket != null ? firstBadPacket : readError != null ? readError : "the stream holds no samples";
                throw new AudioDecodeException("no audio decoded: " + why);
            }
            String warning = warning(readError, segments > 1 ? 0 : announced);
            String container = format.iformat().name().getString();
            return new AudioInfo(container, codecName, sampleRate, channels, Math.max(0, bitrate), announced,
                    sourceSamples, analysisSamples, analysisRate, tags, warning, segments);
        }

        /** Reads and decodes packets until the end of the stream or of the current excerpt. */
        private String readPackets() {
            while (excerptRemaining > 0) {
                int ret = av_read_frame(format, packet);
                if (ret < 0) {
                    return ret == AVERROR_EOF ? null : Ffmpeg.error(ret);
                }
                if (packet.stream_index() == streamIndex) {
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
            if (resampler != null) {
                swr_free(resampler); // a fresh filter state: excerpts are not contiguous
                resampler = null;
            }
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
            flushResampler();
            listener.segmentEnd(k);
            return error;
        }

        private double announcedDuration(AVStream st) {
            if (st.duration() > 0 && st.time_base().den() > 0) {
                return st.duration() * (double) st.time_base().num() / st.time_base().den();
            }
            return format.duration() > 0 ? format.duration() / (double) AV_TIME_BASE : 0;
        }

        private String warning(String readError, double announced) {
            StringBuilder w = new StringBuilder();
            double decoded = (double) sourceSamples / sampleRate;
            if (readError != null) {
                w.append(String.format(java.util.Locale.ROOT, "stream ends in a read error after %.1f s (%s)", decoded, readError));
            }
            if (badPackets > 0) {
                if (w.length() > 0) {
                    w.append("; ");
                }
                w.append(badPackets).append(badPackets == 1 ? " packet" : " packets")
                        .append(" could not be decoded (").append(firstBadPacket).append(')');
            }
            if (announced > 0 && decoded < announced - Math.max(1.0, 0.02 * announced)) {
                if (w.length() > 0) {
                    w.append("; ");
                }
                w.append(String.format(java.util.Locale.ROOT, "decoded %.1f s of the %.1f s the container announces", decoded, announced));
            }
            return w.length() == 0 ? null : w.toString();
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
            badPackets++;
            if (firstBadPacket == null) {
                firstBadPacket = Ffmpeg.error(ret) + String.format(java.util.Locale.ROOT, " at %.1f s", (double) sourceSamples / Math.max(1, sampleRate));
            }
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
            ensureChannelBuffers(ch, n);
            if (frame.format() == AV_SAMPLE_FMT_FLTP) {
                for (int c = 0; c < ch; c++) {
                    new FloatPointer(frame.extended_data(c)).capacity(n).get(channelBuffers[c], 0, n);
                }
            } else {
                convertToPlanarFloat(ch, n);
            }
            int keep = (int) Math.min(n - skip, excerptRemaining);
            if (skip > 0 || keep < n) {
                for (int c = 0; c < ch; c++) {
                    System.arraycopy(channelBuffers[c], skip, channelBuffers[c], 0, keep);
                }
                n = keep;
            }
            if (excerptMode) {
                excerptRemaining -= n;
            }
            listener.sourceAudio(channelBuffers, n, sampleRate);
            sourceSamples += n;
            downmixAndResample(ch, n);
        }

        private void ensureChannelBuffers(int ch, int n) {
            if (channelBuffers.length != ch || channelBuffers[0].length < n) {
                channelBuffers = new float[ch][Math.max(n, channelBuffers.length > 0 ? channelBuffers[0].length : 0)];
            }
            if (mono.length < n) {
                mono = new float[n];
            }
        }

        private void convertToPlanarFloat(int ch, int n) {
            if (toPlanarFloat == null || planarFromFormat != frame.format() || planarFromChannels != ch
                    || planarFromRate != frame.sample_rate()) {
                if (toPlanarFloat != null) {
                    swr_free(toPlanarFloat);
                }
                toPlanarFloat = new SwrContext(null);
                AVChannelLayout layout = frame.ch_layout();
                int ret = swr_alloc_set_opts2(toPlanarFloat, layout, AV_SAMPLE_FMT_FLTP, frame.sample_rate(),
                        layout, frame.format(), frame.sample_rate(), 0, null);
                if (ret < 0 || (ret = swr_init(toPlanarFloat)) < 0) {
                    throw new IllegalStateException("swresample: " + Ffmpeg.error(ret));
                }
                planarFromFormat = frame.format();
                planarFromChannels = ch;
                planarFromRate = frame.sample_rate();
                freePlanarOut();
            }
            if (planarOut == null || planarOut.capacity() < (long) ch * n) {
                freePlanarOut();
                planarOut = new FloatPointer((long) ch * n);
                planarOutPlanes = new PointerPointer<>(ch);
                for (int c = 0; c < ch; c++) {
                    planarOutPlanes.put(c, planarOut.getPointer((long) c * n));
                }
                planarOutCapacityPerChannel = n;
            }
            int got = swr_convert(toPlanarFloat, planarOutPlanes, planarOutCapacityPerChannel, frame.extended_data(), n);
            if (got < 0) {
                throw new IllegalStateException("swresample: " + Ffmpeg.error(got));
            }
            for (int c = 0; c < ch; c++) {
                planarOut.position((long) c * planarOutCapacityPerChannel).get(channelBuffers[c], 0, got);
            }
            planarOut.position(0);
        }


        private void freePlanarOut() {
            if (planarOut != null) {
                planarOut.close();
                planarOutPlanes.close();
                planarOut = null;
                planarOutPlanes = null;
            }
        }

        private void downmixAndResample(int ch, int n) {
            if (ch == 1) {
                System.arraycopy(channelBuffers[0], 0, mono, 0, n);
            } else {
                float scale = 1f / ch;
                for (int i = 0; i < n; i++) {
                    float sum = 0;
                    for (int c = 0; c < ch; c++) {
                        sum += channelBuffers[c][i];
                    }
                    mono[i] = sum * scale;
                }
            }
            if (sampleRate == analysisRate) {
                emit(mono, n);
                return;
            }
            ensureResampler(n);
            monoIn.position(0).put(mono, 0, n);
            monoIn.position(0);
            resample(monoIn, n);
        }

        private void ensureResampler(int n) {
            if (resampler == null) {
                resampler = new SwrContext(null);
                AVChannelLayout monoLayout = new AVChannelLayout();
                av_channel_layout_default(monoLayout, 1);
                int ret = swr_alloc_set_opts2(resampler, monoLayout, AV_SAMPLE_FMT_FLT, analysisRate,
                        monoLayout, AV_SAMPLE_FMT_FLT, sampleRate, 0, null);
                if (ret < 0 || (ret = swr_init(resampler)) < 0) {
                    throw new IllegalStateException("swresample: " + Ffmpeg.error(ret));
                }
                monoLayout.close();
            }
            if (monoInCapacity < n) {
                if (monoIn != null) {
                    monoIn.close();
                }
                monoIn = new FloatPointer(n);
                monoInCapacity = n;
            }
            int outNeeded = (int) ((long) n * analysisRate / sampleRate) + 256;
            if (monoOutCapacity < outNeeded) {
                if (monoOut != null) {
                    monoOut.close();
                }
                monoOut = new FloatPointer(outNeeded);
                monoOutCapacity = outNeeded;
            }
        }

        private void resample(FloatPointer in, int n) {
            resampleOut.put(0, monoOut);
            if (in != null) {
                resampleIn.put(0, in);
            }
            int got = swr_convert(resampler, resampleOut, monoOutCapacity, in != null ? resampleIn : null, n);
            if (got < 0) {
                throw new IllegalStateException("swresample: " + Ffmpeg.error(got));
            }
            if (got > 0) {
                if (resampled.length < got) {
                    resampled = new float[Math.max(got, monoOutCapacity)];
                }
                monoOut.position(0).get(resampled, 0, got);
                monoOut.position(0);
                emit(resampled, got);
            }
        }

        private void flushResampler() {
            if (resampler == null) {
                return;
            }
            // Drain swresample's filter delay so the tail of the track is not lost.
            int before;
            do {
                before = (int) analysisSamples;
                resample(null, 0);
            } while (analysisSamples > before);
        }

        private void emit(float[] samples, int n) {
            analysisSamples += n;
            listener.analysisAudio(samples, n);
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
            if (toPlanarFloat != null) {
                swr_free(toPlanarFloat);
            }
            if (resampler != null) {
                swr_free(resampler);
            }
            freePlanarOut();
            if (monoIn != null) {
                monoIn.close();
            }
            if (monoOut != null) {
                monoOut.close();
            }
            resampleIn.close();
            resampleOut.close();
        }
    }
}
