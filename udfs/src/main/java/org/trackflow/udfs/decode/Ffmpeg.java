package org.trackflow.udfs.decode;

import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;

/** Small helpers around FFmpeg's C API: one-time set-up, error strings, metadata dictionaries. */
final class Ffmpeg {
    private static volatile boolean initialised;

    private Ffmpeg() {}

    /** Loads the native libraries and silences FFmpeg's own logging: errors reach rows, not stderr. */
    static void init() {
        if (!initialised) {
            synchronized (Ffmpeg.class) {
                if (!initialised) {
                    av_log_set_level(AV_LOG_QUIET);
                    initialised = true;
                }
            }
        }
    }

    static String error(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Copies a dictionary into a map with lower-case keys; values decoded as UTF-8 with replacement. */
    static void readDictionary(AVDictionary dict, Map<String, String> into) {
        if (dict == null || dict.isNull()) {
            return;
        }
        AVDictionaryEntry e = null;
        while ((e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX)) != null && !e.isNull()) {
            String key = e.key().getString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            String value = e.value().getString(StandardCharsets.UTF_8);
            into.putIfAbsent(key, value);
        }
    }

    /**
     * Opens {@code file} into {@code format}, reads its stream info and finds its best audio stream: the stream's
     * index. Whatever fails is an {@link AudioDecodeException} saying what, and leaves nothing open (the caller
     * closes {@code format} only after this returned).
     */
    static int openAudio(org.bytedeco.ffmpeg.avformat.AVFormatContext format, java.nio.file.Path file) throws AudioDecodeException {
        int ret = org.bytedeco.ffmpeg.global.avformat.avformat_open_input(format, file.toString(), null, null);
        if (ret < 0) {
            throw new AudioDecodeException("cannot open: " + error(ret)); // FFmpeg freed the context
        }
        ret = org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info(format, (org.bytedeco.javacpp.PointerPointer<?>) null);
        if (ret < 0) {
            org.bytedeco.ffmpeg.global.avformat.avformat_close_input(format);
            throw new AudioDecodeException("cannot read stream info: " + error(ret));
        }
        int stream = org.bytedeco.ffmpeg.global.avformat.av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1,
                (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
        if (stream < 0) {
            org.bytedeco.ffmpeg.global.avformat.avformat_close_input(format);
            throw new AudioDecodeException("no audio stream: " + error(stream));
        }
        return stream;
    }

    static Map<String, String> newTagMap() {
        return new LinkedHashMap<>();
    }
}
