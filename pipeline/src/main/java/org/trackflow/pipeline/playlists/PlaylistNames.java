package org.trackflow.pipeline.playlists;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trackflow.schemas.TrackRecord;

/**
 * Names a playlist from its character: median tempo, most common key, brightness (median spectral
 * centroid against the library's terciles: dark, warm, bright) and energy (median loudness against the
 * library's terciles: low, mid, high energy), e.g. "124 BPM · A minor · bright · high energy". A name
 * already taken gets " #2", " #3" ...
 */
final class PlaylistNames {
    private PlaylistNames() {}

    static String name(List<TrackRecord> tracks, List<TrackRecord> library, List<String> taken) {
        double[] tempi = tracks.stream().filter(t -> t.getBpm() != null).mapToDouble(TrackRecord::getBpm).toArray();
        Map<String, Integer> keys = new HashMap<>();
        for (TrackRecord t : tracks) {
            if (t.getKey() != null) {
                keys.merge(t.getKey() + " " + t.getScale(), 1, Integer::sum);
            }
        }
        String key = keys.entrySet().stream().sorted((a, b) -> b.getValue() != a.getValue().intValue()
                ? b.getValue() - a.getValue() : a.getKey().compareTo(b.getKey())).map(Map.Entry::getKey).findFirst().orElse("no key");
        String bright = tercile(tracks, library, r -> value(r.getSpectralCentroidMean()), "dark", "warm", "bright");
        String energy = tercile(tracks, library, r -> value(r.getLoudnessLufs()), "low energy", "mid energy", "high energy");
        // a playlist of tracks without a pulse (drones, ambient) says so rather than inventing a tempo
        String tempo = tempi.length == 0 ? "no beat" : String.format(Locale.ROOT, "%.0f BPM", median(tempi));
        String base = String.format(Locale.ROOT, "%s · %s · %s · %s", tempo, key, bright, energy);
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + " #" + i;
        }
        return name;
    }

    private static String tercile(List<TrackRecord> tracks, List<TrackRecord> library,
                                  java.util.function.ToDoubleFunction<TrackRecord> f, String low, String mid, String high) {
        double[] all = library.stream().mapToDouble(f).sorted().toArray();
        double v = median(tracks.stream().mapToDouble(f).toArray());
        double t1 = all[(all.length - 1) / 3];
        double t2 = all[2 * (all.length - 1) / 3];
        return v <= t1 ? low : v <= t2 ? mid : high;
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
