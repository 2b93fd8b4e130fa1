package org.trackflow.udfs.decode;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * A file's audio as stored, without decoding it: the MD5 of its audio stream's codec configuration (extradata)
 * and packets in order (the bytes FFmpeg's demuxer hands the decoder: tags, cover art, padding and the
 * container's own layout are not in it), and the container's tags and facts.
 * Rewritten tags or added cover art keep the hash; a changed sample changes it. One pass of the demuxer over
 * the file: a fraction of a decode ({@code bench/run-rescan.sh} measures it).
 */
public record AudioProbe(String hash, String container, String codec, int sampleRate, int channels, long bitrate,
                         double durationSeconds, Map<String, String> tags) {

    /** Reads {@code file}'s audio packets and tags; no audio packet at all is an error. */
    public static AudioProbe of(Path file) throws AudioDecodeException {
        Ffmpeg.init();
        AVFormatContext format = new AVFormatContext(null);
        int stream = Ffmpeg.openAudio(format, file);
        AVPacket packet = null;
        int ret;
        try {
            AVStream st = format.streams(stream);
            AVCodecParameters par = st.codecpar();
            Map<String, String> tags = Ffmpeg.newTagMap();
            Ffmpeg.readDictionary(format.metadata(), tags);
            Ffmpeg.readDictionary(st.metadata(), tags);
            MessageDigest md5 = start(par);
            packet = av_packet_alloc();
            long packets = 0;
            while ((ret = av_read_frame(format, packet)) >= 0) {
                if (packet.stream_index() == stream) {
                    update(md5, packet);
                    packets++;
                }
                av_packet_unref(packet);
            }
            if (ret != AVERROR_EOF) {
                throw new AudioDecodeException("cannot read the audio packets: " + Ffmpeg.error(ret));
            }
            if (packets == 0) {
                throw new AudioDecodeException("no audio packets");
            }
            double seconds = st.duration() > 0 && st.time_base().den() > 0 ? st.duration() * (double) st.time_base().num() / st.time_base().den()
                    : format.duration() > 0 ? format.duration() / (double) AV_TIME_BASE : 0;
            long bitrate = format.bit_rate() > 0 ? format.bit_rate() : par.bit_rate();
            return new AudioProbe(hex(md5.digest()), format.iformat().name().getString(), avcodec_get_name(par.codec_id()).getString(),
                    par.sample_rate(), par.ch_layout().nb_channels(), Math.max(0, bitrate), seconds, tags);
        } finally {
            if (packet != null) {
                av_packet_free(packet);
            }
            avformat_close_input(format);
        }
    }

    /**
     * A file's tags alone, from its container's headers (no packet is read): what a touched file's row records,
     * since a tag edit that keeps the size may lie outside the content key's sampled blocks.
     */
    public static Map<String, String> tags(Path file) throws AudioDecodeException {
        Ffmpeg.init();
        AVFormatContext format = new AVFormatContext(null);
        int stream = Ffmpeg.openAudio(format, file);
        try {
            Map<String, String> tags = Ffmpeg.newTagMap();
            Ffmpeg.readDictionary(format.metadata(), tags);
            Ffmpeg.readDictionary(format.streams(stream).metadata(), tags);
            return tags;
        } finally {
            avformat_close_input(format);
        }
    }

    /**
     * An MD5 that has read the codec's configuration (its extradata: FLAC's STREAMINFO, Vorbis's setup header,
     * Opus's head with its output gain, AAC's AudioSpecificConfig), which the packets' decoding depends on.
     */
    static MessageDigest start(org.bytedeco.ffmpeg.avcodec.AVCodecParameters par) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            if (par.extradata() != null && !par.extradata().isNull() && par.extradata_size() > 0) {
                md5.update(par.extradata().capacity(par.extradata_size()).asByteBuffer());
            }
            return md5;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds one packet's payload. */
    static void update(MessageDigest md5, AVPacket packet) {
        if (packet.size() > 0) {
            md5.update(packet.data().capacity(packet.size()).asByteBuffer());
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
