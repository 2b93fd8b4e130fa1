package org.trackflow.pipeline.tags;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.trackflow.schemas.TrackRecord;

/**
 * What {@code --write-tags} writes for an analysed track, as text in each field's conventional form: the
 * tempo as a whole number of BPM (ID3's TBPM and MP4's tmpo hold integers), the key in the notation players
 * show and DJ software reads ({@code Am}, {@code F#}, {@code Bbm}), and ReplayGain 2.0: track gain from the
 * EBU R128 integrated loudness against the ReplayGain 2.0 reference of -18 LUFS ({@code "-6.20 dB"}), track
 * peak as a linear sample peak ({@code "0.988553"}). A value the analysis has not got is not written.
 */
public record TagValues(String bpm, String key, String gain, String peak) {
    static final double REPLAYGAIN_REFERENCE_LUFS = -18.0;

    public static TagValues of(TrackRecord r) {
        String bpm = r.getBpm() == null || !(r.getBpm() > 0) ? null : Long.toString(Math.round(r.getBpm()));
        String key = r.getKey() == null ? null : r.getKey() + ("minor".equals(r.getScale()) ? "m" : "");
        Double lufs = r.getLoudnessLufs();
        String gain = lufs == null || !Double.isFinite(lufs) ? null : String.format(Locale.ROOT, "%.2f dB", REPLAYGAIN_REFERENCE_LUFS - lufs);
        Double peakDb = r.getPeakDbfs();
        String peak = peakDb == null || !Double.isFinite(peakDb) ? null : String.format(Locale.ROOT, "%.6f", Math.pow(10, peakDb / 20));
        return new TagValues(bpm, key, gain, peak);
    }

    /** The values by the name the dry run and the report use. */
    public Map<String, String> named() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("BPM", bpm);
        m.put("KEY", key);
        m.put("REPLAYGAIN_TRACK_GAIN", gain);
        m.put("REPLAYGAIN_TRACK_PEAK", peak);
        m.values().removeIf(v -> v == null);
        return m;
    }
}
