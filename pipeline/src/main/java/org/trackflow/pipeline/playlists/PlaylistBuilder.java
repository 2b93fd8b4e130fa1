package org.trackflow.pipeline.playlists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.trackflow.schemas.TrackRecord;

/**
 * Cuts the current library into playlists: k-means++ (Apache Commons Math), best of 30 restarts, in the
 * {@link FeatureSpace}; the number of playlists is the one with the best silhouette among those whose
 * mean size falls in the target range (default 20-60 tracks; libraries under 40 tracks allow playlists
 * of 6), or {@code --playlists K}. Identities are stable across rescans: with the previous playlists
 * known, clustering starts from their centres (Lloyd iterations) when their number still fits, and
 * new clusters take the id and name of the previous playlist they share most tracks with.
 */
public final class PlaylistBuilder {

    /** Options. */
    public record Options(int playlists, int minSize, int maxSize, long seed) implements java.io.Serializable {
        public static Options defaults() {
            return new Options(0, 20, 60, 42);
        }
    }

    /** A previous playlist: id, name, centre (raw feature units), members. */
    public record Previous(String id, String name, double[] rawCentre, Set<String> trackIds) {}

    /**
     * A playlist: ordered tracks with their distance to the centre, and the station (a named group of
     * playlists, on large libraries) it belongs to, or null.
     */
    public record Playlist(String id, String name, String station, List<TrackRecord> tracks, List<Double> distances,
                           double[] rawCentre) {
        /** A playlist outside any station (small libraries, instant mixes, paths). */
        public Playlist(String id, String name, List<TrackRecord> tracks, List<Double> distances, double[] rawCentre) {
            this(id, name, null, tracks, distances, rawCentre);
        }
    }

    private PlaylistBuilder() {}

    public static List<Playlist> build(List<TrackRecord> library, List<Previous> previous, Options options) {
        // A fixed order (by track id): the result must not depend on the order files were read in.
        List<TrackRecord> rows = library.stream().filter(FeatureSpace::usable)
                .sorted(java.util.Comparator.comparing(TrackRecord::getTrackId)).toList();
        if (rows.isEmpty()) {
            return List.of();
        }
        FeatureSpace space = FeatureSpace.fit(rows);
        double[][] x = rows.stream().map(space::vector).toArray(double[][]::new);
        int n = x.length;

        int[] assignment;
        double[][] centres;
        boolean warm = false;
        if (options.playlists() > 0) {
            int k = Math.min(options.playlists(), KMeans.distinct(x));
            if (previous.size() == k) {
                centres = scaled(space, previous);
                assignment = KMeans.lloyd(x, centres);
                warm = true;
            } else {
                assignment = KMeans.kMeansPlusPlus(x, k, options.seed());
            }
        } else if (!previous.isEmpty() && fits(n, previous.size(), options)) {
            centres = scaled(space, previous);
            assignment = KMeans.lloyd(x, centres);
            warm = true;
        } else {
            assignment = KMeans.chooseK(x, options);
        }
        int k = Arrays.stream(assignment).max().orElse(0) + 1;
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(assignment[i]).add(i);
        }
        members.removeIf(List::isEmpty);
        int min = n < 2 * options.minSize() ? Math.min(6, options.minSize()) : options.minSize();
        boolean resized = options.playlists() == 0 && PlaylistSizes.enforce(members, x, min, options.maxSize());

        // Identities: warm start keeps them by construction; otherwise match by shared tracks.
        String[] ids = new String[members.size()];
        String[] names = new String[members.size()];
        if (warm && !resized) {
            for (int c = 0; c < members.size(); c++) {
                Previous p = previous.get(assignment[members.get(c).get(0)]);
                ids[c] = p.id();
                names[c] = p.name();
            }
        } else {
            match(members, rows, previous, ids, names);
        }
        List<Playlist> out = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            List<Integer> m = members.get(c);
            double[] centre = KMeans.mean(x, m);
            List<Integer> order = PlaylistOrder.order(m, x, rows, centre);
            List<TrackRecord> tracks = order.stream().map(rows::get).toList();
            List<Double> dist = order.stream().map(i -> FeatureSpace.distance(x[i], centre)).toList();
            String name = names[c] != null ? names[c] : PlaylistNames.name(tracks, rows, taken);
            taken.add(name);
            out.add(new Playlist(ids[c], name, tracks, dist, rawMean(m, rows)));
        }
        return out;
    }

    static boolean fits(int n, int k, Options o) {
        double mean = (double) n / k;
        int min = n < 2 * o.minSize() ? 6 : o.minSize();
        return mean >= min && mean <= o.maxSize();
    }

    private static double[][] scaled(FeatureSpace space, List<Previous> previous) {
        return previous.stream().map(p -> space.scaleRaw(p.rawCentre())).toArray(double[][]::new);
    }

    private static void match(List<List<Integer>> members, List<TrackRecord> rows, List<Previous> previous, String[] ids, String[] names) {
        Set<Integer> used = new HashSet<>();
        int next = previous.stream().mapToInt(p -> Integer.parseInt(p.id().substring(3))).max().orElse(0) + 1;
        // greedy: the largest overlaps first
        List<int[]> pairs = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            for (int p = 0; p < previous.size(); p++) {
                int shared = 0;
                for (int i : members.get(c)) {
                    if (previous.get(p).trackIds().contains(rows.get(i).getTrackId())) {
                        shared++;
                    }
                }
                if (shared > 0) {
                    pairs.add(new int[] {shared, c, p});
                }
            }
        }
        pairs.sort((a, b) -> Integer.compare(b[0], a[0]));
        for (int[] pair : pairs) {
            // the same playlist if they share at least half of the smaller of the two
            int smaller = Math.min(members.get(pair[1]).size(), previous.get(pair[2]).trackIds().size());
            if (ids[pair[1]] == null && !used.contains(pair[2]) && 2 * pair[0] >= smaller) {
                ids[pair[1]] = previous.get(pair[2]).id();
                names[pair[1]] = previous.get(pair[2]).name();
                used.add(pair[2]);
            }
        }
        for (int c = 0; c < ids.length; c++) {
            if (ids[c] == null) {
                ids[c] = String.format("pl-%03d", next++);
            }
        }
    }

    private static double[] rawMean(List<Integer> m, List<TrackRecord> rows) {
        double[][] raw = m.stream().map(i -> FeatureSpace.raw(rows.get(i))).toArray(double[][]::new);
        double[] c = new double[raw[0].length];
        for (double[] r : raw) {
            for (int j = 0; j < c.length; j++) {
                c[j] += r[j] / raw.length;
            }
        }
        return c;
    }
}
