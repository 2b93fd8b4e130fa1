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
public final class PlaylistNames {
    private PlaylistNames() {}

    /** The library's terciles of brightness and loudness, found once for all its playlists. */
    public record Terciles(double[] centroid, double[] lufs) {
        public static Terciles of(List<TrackRecord> library) {
            return new Terciles(cuts(library, r -> value(r.getSpectralCentroidMean())), cuts(library, r -> value(r.getLoudnessLufs())));
        }

        private static double[] cuts(List<TrackRecord> library, java.util.function.ToDoubleFunction<TrackRecord> f) {
            double[] all = library.stream().mapToDouble(f).sorted().toArray();
            return new double[] {all[(all.length - 1) / 3], all[2 * (all.length - 1) / 3]};
        }

        String brightness(List<TrackRecord> tracks) {
            return word(tracks, r -> value(r.getSpectralCentroidMean()), centroid, "dark", "warm", "bright");
        }

        String energy(List<TrackRecord> tracks) {
            return word(tracks, r -> value(r.getLoudnessLufs()), lufs, "low energy", "mid energy", "high energy");
        }

        private static String word(List<TrackRecord> tracks, java.util.function.ToDoubleFunction<TrackRecord> f, double[] cuts,
                                   String low, String mid, String high) {
            double v = median(tracks.stream().mapToDouble(f).toArray());
            return v <= cuts[0] ? low : v <= cuts[1] ? mid : high;
        }
    }

    /**
     * A station's name: its brightness, the tempo range of its middle 80 % (5 BPM steps) and its energy,
     * e.g. "Bright · 120-140 BPM · high energy"; " #2" ... when taken.
     */
    public static String station(List<TrackRecord> tracks, Terciles library, java.util.Set<String> taken) {
        double[] tempi = tracks.stream().filter(t -> t.getBpm() != null).mapToDouble(TrackRecord::getBpm).sorted().toArray();
        String tempo = tempi.length < tracks.size() / 2 ? "no beat" : String.format(Locale.ROOT, "%d-%d BPM",
                5 * Math.round(tempi[(int) (0.1 * (tempi.length - 1))] / 5), 5 * Math.round(tempi[(int) (0.9 * (tempi.length - 1))] / 5));
        String bright = library.brightness(tracks);
        String base = String.format(Locale.ROOT, "%s · %s · %s", Character.toUpperCase(bright.charAt(0)) + bright.substring(1), tempo,
                library.energy(tracks));
        return unique(base, taken);
    }

    private static String unique(String base, java.util.Set<String> taken) {
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + " #" + i;
        }
        taken.add(name);
        return name;
    }

    /** The playlist's name against the library's terciles; adds it to {@code taken}. */
    public static String name(List<TrackRecord> tracks, Terciles library, java.util.Set<String> taken) {
        double[] tempi = tracks.stream().filter(t -> t.getBpm() != null).mapToDouble(TrackRecord::getBpm).toArray();
        Map<String, Integer> keys = new HashMap<>();
        for (TrackRecord t : tracks) {
            if (t.getKey() != null) {
                keys.merge(t.getKey() + " " + t.getScale(), 1, Integer::sum);
            }
        }
        String key = keys.entrySet().stream().sorted((a, b) -> b.getValue() != a.getValue().intValue()
                ? b.getValue() - a.getValue() : a.getKey().compareTo(b.getKey())).map(Map.Entry::getKey).findFirst().orElse("no key");
        String bright = library.brightness(tracks);
        String energy = library.energy(tracks);
        // a playlist of tracks without a pulse (drones, ambient) says so rather than inventing a tempo
        String tempo = tempi.length == 0 ? "no beat" : String.format(Locale.ROOT, "%.0f BPM", median(tempi));
        String base = String.format(Locale.ROOT, "%s · %s · %s · %s", tempo, key, bright, energy);
        return unique(base, taken);
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
