package org.trackflow.pipeline.serve;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.trackflow.schemas.TrackRecord;

/** How the API shows a track: a summary in lists and mixes, every analysed column on its own page. */
final class TrackJson {
    /** Columns never shown: the fingerprint is a blob for matching, not something to read. */
    private static final Set<String> HIDDEN = Set.of("fingerprint");

    private TrackJson() {}

    /** What a list, a mix or a path shows of a track. */
    static Map<String, Object> summary(TrackRecord t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("track_id", t.getTrackId());
        m.put("path", t.getPath());
        m.put("artist", t.getArtist());
        m.put("title", t.getTitle());
        m.put("album", t.getAlbum());
        m.put("genre", t.getGenre());
        m.put("duration_s", t.getDurationS());
        m.put("bpm", t.getBpm());
        m.put("key", t.getKey() == null ? null : t.getKey() + (t.getScale() == null ? "" : " " + t.getScale()));
        m.put("camelot", t.getCamelot());
        m.put("loudness_lufs", t.getLoudnessLufs());
        return m;
    }

    /** Every column of the track's row but {@link #HIDDEN}, by the schema's names. */
    static Map<String, Object> full(TrackRecord t) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Schema.Field f : TrackRecord.getClassSchema().getFields()) {
            if (!HIDDEN.contains(f.name())) {
                m.put(f.name(), plain(t.get(f.pos())));
            }
        }
        return m;
    }

    /** Avro's values as JSON takes them: text as strings, lists element by element, bytes left out. */
    private static Object plain(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(plain(o));
            }
            return out;
        }
        if (v instanceof ByteBuffer) {
            return null;
        }
        if (v instanceof java.time.temporal.TemporalAccessor time) {
            return time.toString(); // analyzed_at: ISO-8601
        }
        return v;
    }
}
