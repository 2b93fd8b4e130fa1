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

    static Map<String, String> newTagMap() {
        return new LinkedHashMap<>();
    }
}
