package org.trackflow.pipeline.neighbours;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.duplicates.Duplicates;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.similarity.Similarity;
import org.trackflow.schemas.TrackRecord;

/**
 * What {@code similar} and {@code path} compare a track with. On a small library: every usable track,
 * with {@link Similarity} fitted on them all (exact). On a library with a current {@link NeighbourIndex}:
 * only the tracks the index finds near the query, ranked by {@link Similarity} in the library's space
 * (approximate: a track the graph does not return is missed; the rest is ranked as exactly).
 */
public final class Neighbours implements AutoCloseable {
    private final List<TrackRecord> rows;
    private final Similarity similarity;
    private final NeighbourIndex index;
    private final boolean keepDuplicates;
    /** Whether queries may come from many threads at once (a server): the statistics are all fitted up front. */
    private final boolean concurrent;

    /** On an index: candidates near each of the five points along a path, and the corridor a path is sought in. */
    static final int PATH_CANDIDATES = 40;
    static final int PATH_CORRIDOR = 80;

    /** The tracks a query compares and where its own tracks are among them. */
    public record Part(List<TrackRecord> rows, Similarity similarity, int[] at) {}

    private Neighbours(List<TrackRecord> rows, NeighbourIndex index, boolean keepDuplicates, boolean concurrent) {
        this.rows = rows;
        this.similarity = rows == null ? null : concurrent ? Similarity.fit(rows).fitAll() : Similarity.fit(rows);
        this.index = index;
        this.keepDuplicates = keepDuplicates;
        this.concurrent = concurrent;
    }

    /** The output's neighbours: its index when current, else every usable row. Null when no track is usable. */
    public static Neighbours open(CurrentView view, boolean keepDuplicates) throws IOException {
        NeighbourIndex index = NeighbourIndex.open(view);
        return index != null ? new Neighbours(null, index, keepDuplicates, false) : of(view.rows(), keepDuplicates, false);
    }

    /**
     * The neighbours of a small library's {@code all} rows (every usable one compared), or null when none is
     * usable; {@code concurrent}: for queries from many threads (fits every statistic now).
     */
    public static Neighbours of(List<TrackRecord> all, boolean keepDuplicates, boolean concurrent) {
        List<TrackRecord> rows = (keepDuplicates ? all : Duplicates.unique(all)).stream().filter(FeatureSpace::usable)
                .sorted(Comparator.comparing(TrackRecord::getTrackId)).toList();
        return rows.isEmpty() ? null : new Neighbours(rows, null, keepDuplicates, concurrent);
    }

    /** The neighbours of a large library's current {@code index} (thread-safe: each query fits its own part). */
    public static Neighbours of(NeighbourIndex index, boolean keepDuplicates) {
        return new Neighbours(null, index, keepDuplicates, true);
    }

    /** Whether queries go through the index. */
    public boolean indexed() {
        return index != null;
    }

    /** Tracks compared. */
    public int size() {
        return index != null ? index.size() : rows.size();
    }

    /** The track a user means: its id, its path, the end of its path, or (the first by path) a part of it; or null. */
    public TrackRecord find(String seed) throws IOException {
        if (index != null) {
            NeighbourIndex.Hit h = index.find(seed);
            return h == null ? null : h.row();
        }
        return rows.stream().filter(r -> r.getTrackId().equals(seed) || r.getPath().equals(seed)).findFirst()
                .orElseGet(() -> rows.stream().filter(r -> r.getPath().endsWith(seed)).findFirst()
                        .orElseGet(() -> rows.stream().filter(r -> r.getPath().contains(seed))
                                .min(Comparator.comparing(TrackRecord::getPath)).orElse(null)));
    }

    /** The track whose id or whole path is {@code seed}, or null (a player's paths: never another track's end). */
    public TrackRecord findExact(String seed) throws IOException {
        if (index != null) {
            NeighbourIndex.Hit h = index.findExact(seed);
            return h == null ? null : h.row();
        }
        return rows.stream().filter(r -> r.getTrackId().equals(seed) || r.getPath().equals(seed)).findFirst().orElse(null);
    }

    /** The tracks to rank for an instant mix from {@code seed}. */
    public Part forSimilar(TrackRecord seed) throws IOException {
        return forSimilar(seed, 0);
    }

    /**
     * As above, for a mix of {@code count} tracks: on an index, the {@value NeighbourIndex#CANDIDATES} (or
     * twice {@code count}, if more) tracks the graph finds nearest the seed.
     */
    public Part forSimilar(TrackRecord seed, int count) throws IOException {
        return forSimilar(List.of(seed), Math.max(NeighbourIndex.CANDIDATES, 2 * count) + 1);
    }

    /**
     * The tracks to rank for a mix from several {@code seeds} (distinct tracks): every usable track on a small
     * library; on an index, the seeds followed by the {@code perSeed} tracks the graph finds nearest each.
     */
    public Part forSimilar(List<TrackRecord> seeds, int perSeed) throws IOException {
        if (index == null) {
            return new Part(rows, measure(), seeds.stream().mapToInt(this::indexOf).toArray());
        }
        Map<String, TrackRecord> part = new LinkedHashMap<>();
        for (TrackRecord seed : seeds) {
            part.put(seed.getTrackId(), seed);
        }
        for (TrackRecord seed : seeds) {
            add(part, index.vector(seed), perSeed);
        }
        return part(part, seeds.size());
    }

    /** The small library's measure, as one query may use it. */
    private Similarity measure() {
        return concurrent ? similarity.forThread() : similarity;
    }

    /**
     * The tracks a path from {@code from} to {@code to} may use: on an index, the {@value #PATH_CANDIDATES}
     * neighbours of both ends and of the points a quarter, half and three quarters of the way between them
     * (the path is then sought among the {@value #PATH_CORRIDOR} of them whose way from one end to the other
     * through them is shortest in the embedding, as {@link SongPath} picks its corridor).
     */
    public Part forPath(TrackRecord from, TrackRecord to) throws IOException {
        if (index == null) {
            return new Part(rows, measure(), new int[] {indexOf(from), indexOf(to)});
        }
        float[] a = index.vector(from);
        float[] b = index.vector(to);
        Map<String, NeighbourIndex.Hit> found = new LinkedHashMap<>();
        for (double t : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            float[] v = new float[a.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (a[j] + t * (b[j] - a[j]));
            }
            for (NeighbourIndex.Hit h : index.nearest(v, PATH_CANDIDATES)) {
                if (keepDuplicates || h.row().getDuplicateOf() == null) {
                    found.putIfAbsent(h.row().getTrackId(), h);
                }
            }
        }
        found.remove(from.getTrackId());
        found.remove(to.getTrackId());
        // the corridor: the candidates whose way through costs least in the embedding (as SongPath picks it)
        Map<String, TrackRecord> part = new LinkedHashMap<>();
        part.put(from.getTrackId(), from);
        part.put(to.getTrackId(), to);
        found.values().stream().sorted(Comparator.comparingDouble((NeighbourIndex.Hit h) -> dist(h.vector(), a) + dist(h.vector(), b))
                .thenComparing(h -> h.row().getTrackId())).limit(PATH_CORRIDOR).forEach(h -> part.put(h.row().getTrackId(), h.row()));
        return part(part, 2);
    }

    private static double dist(float[] u, float[] v) {
        double s = 0;
        for (int j = 0; j < u.length; j++) {
            s += (u[j] - v[j]) * (u[j] - v[j]);
        }
        return Math.sqrt(s);
    }

    /**
     * An instant mix or a path: its tracks in play order, each with its distance (to the seed, or the goal);
     * a path's biggest step and each track's step from the one before (empty for a mix).
     */
    public record Mix(List<TrackRecord> tracks, List<Double> distances, double biggestStep, List<Double> steps) {
        public Mix(List<TrackRecord> tracks, List<Double> distances, double biggestStep) {
            this(tracks, distances, biggestStep, List.of());
        }
    }

    /** The {@code count} tracks nearest {@code seed}, with it, ordered for listening ({@link Mixer}, nothing else asked). */
    public Mix similar(TrackRecord seed, int count) throws IOException {
        List<Mixer.Item> mix = Mixer.mix(this, Mixer.Request.of(seed, count));
        return new Mix(mix.stream().map(Mixer.Item::track).toList(), mix.stream().map(Mixer.Item::distance).toList(), Double.NaN);
    }

    /** A path of about {@code count} tracks from {@code from} to {@code to} ({@link SongPath}). */
    public Mix path(TrackRecord from, TrackRecord to, int count) throws IOException {
        Part p = forPath(from, to);
        int b = p.at()[1];
        SongPath.Path path = SongPath.find(p.similarity(), p.at()[0], b, count);
        List<Double> steps = new ArrayList<>();
        for (int i = 0; i < path.tracks().size(); i++) {
            steps.add(i == 0 ? 0.0 : p.similarity().distance(path.tracks().get(i - 1), path.tracks().get(i)));
        }
        return new Mix(path.tracks().stream().map(p.rows()::get).toList(),
                path.tracks().stream().map(i -> p.similarity().distance(i, b)).toList(), path.biggestStep(), steps);
    }

    /**
     * A path through {@code stops} in order (the first and last are its ends, those between its waypoints) of
     * about {@code count} tracks, stops included: one {@link #path} per leg, the tracks between the stops
     * shared out evenly over the legs (the earlier legs take the remainder), a track already on the way not
     * taken twice. The distances are to the end of each track's leg; the steps from the track before it on its leg.
     */
    public Mix path(List<TrackRecord> stops, int count) throws IOException {
        if (stops.size() == 2) {
            return path(stops.get(0), stops.get(1), count);
        }
        int legs = stops.size() - 1;
        int between = Math.max(0, count - stops.size());
        List<TrackRecord> tracks = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        double biggest = 0;
        for (int leg = 0; leg < legs; leg++) {
            int inner = between / legs + (leg < between % legs ? 1 : 0);
            Mix m = path(stops.get(leg), stops.get(leg + 1), inner + 2);
            biggest = Math.max(biggest, m.biggestStep());
            java.util.Set<String> later = new java.util.HashSet<>();
            for (TrackRecord s : stops.subList(leg + 1, stops.size())) {
                later.add(s.getTrackId());
            }
            for (int i = leg == 0 ? 0 : 1; i < m.tracks().size(); i++) {
                TrackRecord t = m.tracks().get(i);
                boolean stop = i == m.tracks().size() - 1;
                if (!stop && later.contains(t.getTrackId())) {
                    continue; // a waypoint still to come: it has its own place
                }
                if (taken.add(t.getTrackId()) || stop) {
                    tracks.add(t);
                    distances.add(m.distances().get(i));
                    steps.add(m.steps().get(i));
                }
            }
        }
        return new Mix(tracks, distances, biggest, steps);
    }

    private void add(Map<String, TrackRecord> part, float[] v, int k) throws IOException {
        for (NeighbourIndex.Hit h : index.nearest(v, k)) {
            if (keepDuplicates || h.row().getDuplicateOf() == null) {
                part.putIfAbsent(h.row().getTrackId(), h.row());
            }
        }
    }

    private Part part(Map<String, TrackRecord> part, int ends) throws IOException {
        List<TrackRecord> list = new ArrayList<>(part.values());
        return new Part(list, Similarity.ofPart(list, index.sample(), index.space()), IntStream.range(0, ends).toArray());
    }

    private int indexOf(TrackRecord r) {
        return IntStream.range(0, rows.size()).filter(i -> rows.get(i).getTrackId().equals(r.getTrackId())).findFirst().orElseThrow();
    }

    @Override
    public void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }
}
