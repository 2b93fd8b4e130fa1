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
import org.trackflow.pipeline.playlists.PlaylistOrder;
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

    /** On an index: candidates near each of the five points along a path, and the corridor a path is sought in. */
    static final int PATH_CANDIDATES = 40;
    static final int PATH_CORRIDOR = 80;

    /** The tracks a query compares and where its own tracks are among them. */
    public record Part(List<TrackRecord> rows, Similarity similarity, int[] at) {}

    private Neighbours(List<TrackRecord> rows, NeighbourIndex index, boolean keepDuplicates) {
        this.rows = rows;
        this.similarity = rows == null ? null : Similarity.fit(rows);
        this.index = index;
        this.keepDuplicates = keepDuplicates;
    }

    /** The output's neighbours: its index when current, else every usable row. Null when no track is usable. */
    public static Neighbours open(CurrentView view, boolean keepDuplicates) throws IOException {
        NeighbourIndex index = NeighbourIndex.open(view);
        if (index != null) {
            return new Neighbours(null, index, keepDuplicates);
        }
        List<TrackRecord> all = view.rows();
        List<TrackRecord> rows = (keepDuplicates ? all : Duplicates.unique(all)).stream().filter(FeatureSpace::usable)
                .sorted(Comparator.comparing(TrackRecord::getTrackId)).toList();
        return rows.isEmpty() ? null : new Neighbours(rows, null, keepDuplicates);
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

    /** The tracks to rank for an instant mix from {@code seed}. */
    public Part forSimilar(TrackRecord seed) throws IOException {
        return forSimilar(seed, 0);
    }

    /**
     * As above, for a mix of {@code count} tracks: on an index, the {@value NeighbourIndex#CANDIDATES} (or
     * twice {@code count}, if more) tracks the graph finds nearest the seed.
     */
    public Part forSimilar(TrackRecord seed, int count) throws IOException {
        if (index == null) {
            return new Part(rows, similarity, new int[] {indexOf(seed)});
        }
        Map<String, TrackRecord> part = new LinkedHashMap<>();
        part.put(seed.getTrackId(), seed);
        add(part, index.vector(seed), Math.max(NeighbourIndex.CANDIDATES, 2 * count) + 1);
        return part(part, 1);
    }

    /**
     * The tracks a path from {@code from} to {@code to} may use: on an index, the {@value #PATH_CANDIDATES}
     * neighbours of both ends and of the points a quarter, half and three quarters of the way between them
     * (the path is then sought among the {@value #PATH_CORRIDOR} of them whose way from one end to the other
     * through them is shortest in the embedding, as {@link SongPath} picks its corridor).
     */
    public Part forPath(TrackRecord from, TrackRecord to) throws IOException {
        if (index == null) {
            return new Part(rows, similarity, new int[] {indexOf(from), indexOf(to)});
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

    /** An instant mix or a path: its tracks in play order, each with its distance (to the seed, or the goal). */
    public record Mix(List<TrackRecord> tracks, List<Double> distances, double biggestStep) {}

    /** The {@code count} tracks nearest {@code seed}, with it, ordered for listening ({@link PlaylistOrder}). */
    public Mix similar(TrackRecord seed, int count) throws IOException {
        Part p = forSimilar(seed, count);
        List<TrackRecord> part = p.rows();
        int s = p.at()[0];
        double[] distance = new double[part.size()];
        for (int i = 0; i < distance.length; i++) {
            distance[i] = p.similarity().distance(s, i);
        }
        List<Integer> mix = new ArrayList<>();
        mix.add(s);
        IntStream.range(0, part.size()).filter(i -> i != s).boxed()
                .sorted(Comparator.comparingDouble(i -> distance[i])).limit(count).forEach(mix::add);
        double[][] x = mix.stream().map(p.similarity()::vector).toArray(double[][]::new);
        List<TrackRecord> tracks = mix.stream().map(part::get).toList();
        List<Integer> order = PlaylistOrder.order(IntStream.range(0, mix.size()).boxed().toList(), x, tracks, x[0]);
        return new Mix(order.stream().map(tracks::get).toList(), order.stream().map(i -> distance[mix.get(i)]).toList(), Double.NaN);
    }

    /** A path of about {@code count} tracks from {@code from} to {@code to} ({@link SongPath}). */
    public Mix path(TrackRecord from, TrackRecord to, int count) throws IOException {
        Part p = forPath(from, to);
        int b = p.at()[1];
        SongPath.Path path = SongPath.find(p.similarity(), p.at()[0], b, count);
        return new Mix(path.tracks().stream().map(p.rows()::get).toList(),
                path.tracks().stream().map(i -> p.similarity().distance(i, b)).toList(), path.biggestStep());
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
