package org.trackflow.pipeline.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.trackflow.pipeline.neighbours.Mixer;
import org.trackflow.schemas.TrackRecord;

/**
 * bliss-mixer's {@code POST /api/mix} (its API.md), so that Lyrion's "Don't Stop The Music" through the Bliss
 * Mixer plugin can be pointed at trackflow: a JSON request of seed {@code tracks} and the {@code previous}
 * queue (paths relative to the music folder), answered with new-line separated paths of {@code count} (1-50)
 * tracks to queue next. Its options map onto {@link Mixer}: {@code min} / {@code max} duration (0: off),
 * {@code maxbpmdiff} (also spelled {@code maxbmpdiff}, as in its table; 0: off) against every seed with a
 * tempo, {@code norepart} / {@code norepalb} as the artist and album gaps counted from the end of
 * {@code previous}, {@code filterxmas} (no genre "Christmas" but in December), {@code filtergenre} with
 * {@code genregroups} (a seed's genre in a group: only that group's genres; in none: only genres in no group),
 * {@code shuffle} (twice the tracks found, shuffled, the first count kept). {@code forest} (an isolation
 * forest over the seeds) is accepted and ignored: trackflow ranks by the mean distance to the seeds.
 * Seeds and previous tracks that trackflow does not know (by their whole path) are skipped; none known is a 404.
 */
final class BlissMix {
    record Request(int count, List<String> tracks, List<String> previous, boolean filterGenre, boolean filterXmas, int min, int max,
                   int maxBpmDiff, boolean shuffle, int noRepeatArtist, int noRepeatAlbum, List<Set<String>> genreGroups) {}

    private BlissMix() {}

    static Request parse(ObjectMapper json, String body) {
        JsonNode r = Bodies.object(json, body);
        List<String> tracks = strings(r, "tracks", Api.MAX_SEEDS);
        if (tracks.isEmpty()) {
            throw ApiError.badRequest("tracks is required: the seed tracks, as paths relative to the music folder");
        }
        List<Set<String>> groups = new ArrayList<>();
        JsonNode g = r.get("genregroups");
        if (g != null && !g.isNull()) {
            if (!g.isArray()) {
                throw ApiError.badRequest("genregroups must be a list of lists of genres");
            }
            for (JsonNode group : g) {
                if (!group.isArray()) {
                    throw ApiError.badRequest("genregroups must be a list of lists of genres");
                }
                Set<String> names = new HashSet<>();
                group.forEach(x -> names.add(x.asText().strip().toLowerCase(Locale.ROOT)));
                groups.add(names);
            }
        }
        int bpm = integer(r, "maxbpmdiff", 0, 0, 1000);
        return new Request(integer(r, "count", 5, 1, 50), tracks, strings(r, "previous", 1000), flag(r, "filtergenre"),
                flag(r, "filterxmas"), integer(r, "min", 0, 0, 1_000_000), integer(r, "max", 0, 0, 1_000_000),
                bpm > 0 ? bpm : integer(r, "maxbmpdiff", 0, 0, 1000), flag(r, "shuffle"), integer(r, "norepart", 0, 0, 1000),
                integer(r, "norepalb", 0, 0, 1000), groups);
    }

    /** The paths to queue. */
    static List<String> paths(Library l, Request r) throws IOException {
        List<TrackRecord> seeds = known(l, r.tracks());
        if (seeds.isEmpty()) {
            throw ApiError.notFound("none of the seed tracks is in trackflow's library");
        }
        List<TrackRecord> previous = known(l, r.previous());
        Set<String> exclude = new HashSet<>();
        previous.forEach(t -> exclude.add(t.getTrackId()));
        int count = r.shuffle() ? 2 * r.count() : r.count();
        List<Mixer.Item> mix = Mixer.mix(l.neighbours(), new Mixer.Request(seeds, count, accept(r, seeds), exclude, previous,
                r.noRepeatArtist(), r.noRepeatAlbum(), false));
        List<String> out = new ArrayList<>(mix.stream().map(i -> i.track().getPath()).toList());
        if (r.shuffle()) {
            Collections.shuffle(out, ThreadLocalRandom.current());
        }
        return out.subList(0, Math.min(r.count(), out.size()));
    }

    private static List<TrackRecord> known(Library l, List<String> paths) throws IOException {
        List<TrackRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String p : paths) {
            try {
                TrackRecord t = Api.track(l, p, true);
                if (seen.add(t.getTrackId())) {
                    out.add(t);
                }
            } catch (ApiError unknown) {
                // a track of the player's that trackflow has not analysed: not a reason to refuse the mix
            }
        }
        return out;
    }

    private static Predicate<TrackRecord> accept(Request r, List<TrackRecord> seeds) {
        List<Double> tempos = seeds.stream().map(TrackRecord::getBpm).filter(b -> b != null).toList();
        boolean december = LocalDate.now().getMonth() == Month.DECEMBER;
        Set<String> allowed = new HashSet<>();
        boolean ungrouped = false;
        for (TrackRecord s : seeds) {
            Set<String> group = group(r.genreGroups(), s.getGenre());
            if (group == null) {
                ungrouped = true;
            } else {
                allowed.addAll(group);
            }
        }
        boolean anyUngrouped = ungrouped;
        return t -> {
            double d = t.getDurationS() == null ? 0 : t.getDurationS();
            if (r.min() > 0 && d < r.min() || r.max() > 0 && d > r.max()) {
                return false;
            }
            if (r.maxBpmDiff() > 0 && !tempos.isEmpty()
                    && (t.getBpm() == null || tempos.stream().noneMatch(b -> Math.abs(b - t.getBpm()) <= r.maxBpmDiff()))) {
                return false;
            }
            String genre = t.getGenre() == null ? "" : t.getGenre().toLowerCase(Locale.ROOT);
            if (r.filterXmas() && !december && genre.contains("christmas")) {
                return false;
            }
            if (r.filterGenre() && !r.genreGroups().isEmpty()) {
                Set<String> group = group(r.genreGroups(), t.getGenre());
                return group == null ? anyUngrouped : group.stream().anyMatch(allowed::contains);
            }
            return true;
        };
    }

    private static Set<String> group(List<Set<String>> groups, String genre) {
        if (genre == null) {
            return null;
        }
        String g = genre.strip().toLowerCase(Locale.ROOT);
        return groups.stream().filter(s -> s.contains(g)).findFirst().orElse(null);
    }

    private static List<String> strings(JsonNode r, String field, int max) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiError.badRequest(field + " must be a list of paths");
        }
        if (v.size() > max) {
            throw ApiError.badRequest("at most " + max + " entries in " + field);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isTextual()) {
                throw ApiError.badRequest(field + " must be a list of paths, as text");
            }
            out.add(x.asText());
        }
        return out;
    }

    /** bliss-mixer's numbers; its booleans come as 1 / 0 (true / false taken too). */
    private static int integer(JsonNode r, String field, int fallback, int min, int max) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !v.canConvertToInt()) {
            throw ApiError.badRequest(field + " must be a whole number");
        }
        int n = v.asInt();
        if (n < min || n > max) {
            throw ApiError.badRequest(field + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }

    private static boolean flag(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return integer(r, field, 0, 0, 1) == 1;
    }
}
