package org.trackflow.pipeline.neighbours;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.trackflow.pipeline.playlists.PlaylistOrder;
import org.trackflow.schemas.TrackRecord;

/**
 * Instant mixes as players ask for them: from one or several seeds, without what is already queued, within
 * the caller's filters (tempo, duration, genre ...), no artist or album again within a gap, ordered for
 * listening. With one seed, no filter and no gap it is {@link Neighbours#similar}: the same tracks in the same
 * order.
 * <p>
 * A candidate's distance to the seeds is its mean {@link org.trackflow.pipeline.similarity.Similarity}
 * distance to each (a track between two seeds beats one next to only one of them); its similarity is 1 minus
 * that, in 0..1 (1: a seed itself). On an index, each seed brings its nearest tracks by the graph; when the
 * filters leave too few of them, the search widens (up to {@value #MAX_PER_SEED} per seed).
 */
public final class Mixer {
    static final int MAX_PER_SEED = 2000;
    /** Exclusions that widen the first search: a long queue excluded must not make every request a large one. */
    static final int MAX_EXCLUDED_WIDENING = 200;

    /**
     * What a mix is asked for: {@code count} tracks besides the seeds; {@code accept} the caller's filters;
     * {@code exclude} track ids never to take (what is queued); {@code before} the tracks just played or queued,
     * latest last, which the gaps count from; no artist again within {@code artistGap} tracks, no album within
     * {@code albumGap} (an album by its album artist, else its artist; 0: no rule beyond the play order's own);
     * the seeds in the mix or not (the play order starts from the first seed); a seed given twice counts once.
     */
    public record Request(List<TrackRecord> seeds, int count, Predicate<TrackRecord> accept, Set<String> exclude,
                          List<TrackRecord> before, int artistGap, int albumGap, boolean includeSeeds) {
        public Request {
            // a seed given twice counts once: it must not pull the mix towards itself twice as hard
            java.util.Map<String, TrackRecord> distinct = new java.util.LinkedHashMap<>();
            seeds.forEach(t -> distinct.putIfAbsent(t.getTrackId(), t));
            seeds = List.copyOf(distinct.values());
            exclude = Set.copyOf(exclude);
            before = List.copyOf(before);
        }

        /** One seed, {@code count} tracks, nothing else asked: what {@code trackflow similar} gives. */
        public static Request of(TrackRecord seed, int count) {
            return new Request(List.of(seed), count, t -> true, Set.of(), List.of(), 0, 0, true);
        }
    }

    /** One track of a mix: the row, its mean distance to the seeds, and whether it is a seed. */
    public record Item(TrackRecord track, double distance, boolean seed) {
        public double similarity() {
            return Math.max(0, Math.min(1, 1 - distance));
        }
    }

    private Mixer() {}

    /** The mix {@code r} asks for from {@code neighbours}: seeds (if asked) then the tracks, in play order. */
    public static List<Item> mix(Neighbours neighbours, Request r) throws IOException {
        if (r.seeds().isEmpty()) {
            throw new IllegalArgumentException("a mix needs at least one seed");
        }
        int perSeed = Math.max(NeighbourIndex.CANDIDATES, 2 * r.count()) + 1 + Math.min(r.exclude().size(), MAX_EXCLUDED_WIDENING);
        while (true) {
            Neighbours.Part p = neighbours.forSimilar(r.seeds(), perSeed);
            List<Item> mix = mix(p, r);
            boolean widen = neighbours.indexed() && mix.size() < r.count() + (r.includeSeeds() ? r.seeds().size() : 0)
                    && perSeed < MAX_PER_SEED;
            if (!widen) {
                return mix;
            }
            perSeed = Math.min(MAX_PER_SEED, perSeed * 4);
        }
    }

    private static List<Item> mix(Neighbours.Part p, Request r) {
        List<TrackRecord> rows = p.rows();
        int[] seeds = p.at();
        double[] distance = new double[rows.size()];
        for (int i = 0; i < distance.length; i++) {
            double sum = 0;
            for (int s : seeds) {
                sum += p.similarity().distance(s, i);
            }
            distance[i] = sum / seeds.length;
        }
        Set<Integer> seedSet = new HashSet<>();
        for (int s : seeds) {
            seedSet.add(s);
        }
        List<Integer> ranked = IntStream.range(0, rows.size())
                .filter(i -> !seedSet.contains(i) && !r.exclude().contains(rows.get(i).getTrackId()) && r.accept().test(rows.get(i)))
                .boxed().sorted(Comparator.<Integer>comparingDouble(i -> distance[i]).thenComparing(i -> rows.get(i).getTrackId()))
                .toList();
        List<Integer> chosen = new ArrayList<>();
        if (r.includeSeeds()) {
            for (int s : seeds) {
                chosen.add(s);
            }
        }
        int first = chosen.size();
        chosen.addAll(ranked.subList(0, Math.min(r.count(), ranked.size())));
        double[][] x = chosen.stream().map(p.similarity()::vector).toArray(double[][]::new);
        List<TrackRecord> tracks = chosen.stream().map(rows::get).toList();
        List<Integer> order = PlaylistOrder.order(IntStream.range(0, chosen.size()).boxed().toList(), x, tracks,
                p.similarity().vector(seeds[0]));
        List<Integer> played = order.stream().map(chosen::get).toList();
        if (r.artistGap() > 0 || r.albumGap() > 0) {
            played = spaced(played, ranked.subList(Math.min(r.count(), ranked.size()), ranked.size()), rows, r, seedSet);
        }
        List<Item> out = new ArrayList<>(played.size());
        for (int i : played) {
            out.add(new Item(rows.get(i), seedSet.contains(i) ? 0 : distance[i], seedSet.contains(i)));
        }
        return out.size() > first + r.count() ? out.subList(0, first + r.count()) : out;
    }

    /**
     * The play order with the gaps kept: at each place the first track of the order (else of the
     * {@code reserve}, the next candidates by distance) whose artist and album were not among the last gap
     * tracks (counting the tracks {@code before}); a place no track can take ends the mix early. A seed asked
     * for in the mix is never left out for a gap.
     */
    static List<Integer> spaced(List<Integer> order, List<Integer> reserve, List<TrackRecord> rows, Request r, Set<Integer> seeds) {
        Deque<TrackRecord> recent = new ArrayDeque<>(r.before());
        List<Integer> pending = new ArrayList<>(order);
        List<Integer> spare = new ArrayList<>(reserve);
        List<Integer> out = new ArrayList<>();
        int target = order.size();
        while (out.size() < target) {
            Integer next = firstFitting(pending, rows, recent, r, seeds);
            if (next != null) {
                pending.remove(next);
            } else {
                next = firstFitting(spare, rows, recent, r, seeds);
                if (next == null) {
                    break;
                }
                spare.remove(next);
            }
            out.add(next);
            recent.addLast(rows.get(next));
        }
        return out;
    }

    private static Integer firstFitting(List<Integer> candidates, List<TrackRecord> rows, Deque<TrackRecord> recent, Request r,
                                        Set<Integer> seeds) {
        for (Integer i : candidates) {
            if (seeds.contains(i) || fits(rows.get(i), recent, r)) {
                return i;
            }
        }
        return null;
    }

    private static boolean fits(TrackRecord t, Deque<TrackRecord> recent, Request r) {
        var it = recent.descendingIterator();
        for (int back = 1; it.hasNext() && back <= Math.max(r.artistGap(), r.albumGap()); back++) {
            TrackRecord q = it.next();
            if (back <= r.artistGap() && same(t.getArtist(), q.getArtist())) {
                return false;
            }
            if (back <= r.albumGap() && same(t.getAlbum(), q.getAlbum()) && same(albumArtist(t), albumArtist(q))) {
                return false;
            }
        }
        return true;
    }

    /** Whose album it is: its album artist (a compilation's "Various Artists"), else its artist. */
    private static String albumArtist(TrackRecord t) {
        return t.getAlbumArtist() != null && !t.getAlbumArtist().isBlank() ? t.getAlbumArtist() : t.getArtist();
    }

    /** Same tag, ignoring case and surrounding blanks; an absent tag is nobody's. */
    private static boolean same(CharSequence a, CharSequence b) {
        return a != null && b != null && !a.toString().isBlank()
                && Objects.equals(a.toString().strip().toLowerCase(java.util.Locale.ROOT), b.toString().strip().toLowerCase(java.util.Locale.ROOT));
    }
}
