package org.trackflow.pipeline.neighbours;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.trackflow.schemas.TrackRecord;

/**
 * Finding tracks by what people type: a track's text is its path and its title, artist, album, album artist
 * and genre tags, cut into words (letters and digits, lower case, accents dropped: "Beyoncé" is found by
 * "beyonce"); a query matches a track when each of its words starts a word of the track's. The same rule on
 * a small library's rows in memory ({@link #search}) and in a large library's index
 * ({@link NeighbourIndex#search}), both results by path.
 */
public final class TrackText {
    /** The index field of a track's words. */
    static final String FIELD = "word";

    /** A page of results and how many tracks match in all. */
    public record Found(List<TrackRecord> tracks, int total) {}

    private TrackText() {}

    /** A track's searchable text. */
    public static String of(TrackRecord r) {
        StringBuilder s = new StringBuilder(r.getPath());
        for (CharSequence tag : new CharSequence[] {r.getTitle(), r.getArtist(), r.getAlbum(), r.getAlbumArtist(), r.getGenre()}) {
            if (tag != null) {
                s.append(' ').append(tag);
            }
        }
        return s.toString();
    }

    /** The distinct words of {@code text}, in order: runs of letters and digits, lower case, without accents. */
    public static List<String> words(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (String w : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return new ArrayList<>(out);
    }

    /** Whether every word of the query starts a word of the track's. */
    public static boolean matches(List<String> query, List<String> track) {
        for (String q : query) {
            if (track.stream().noneMatch(w -> w.startsWith(q))) {
                return false;
            }
        }
        return true;
    }

    /** The words of each row, in order: what {@link #search} matches, found once for many searches. */
    public static List<List<String>> wordsOf(List<TrackRecord> rows) {
        return rows.stream().map(r -> words(of(r))).toList();
    }

    /** {@link NeighbourIndex#search} on rows in memory, in path order, and their {@link #wordsOf}. */
    public static Found search(List<TrackRecord> byPath, List<List<String>> words, String query, int offset, int limit) {
        List<String> q = words(query);
        List<TrackRecord> all = new ArrayList<>();
        for (int i = 0; i < byPath.size(); i++) {
            if (matches(q, words.get(i))) {
                all.add(byPath.get(i));
            }
        }
        return new Found(all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())), all.size());
    }
}
