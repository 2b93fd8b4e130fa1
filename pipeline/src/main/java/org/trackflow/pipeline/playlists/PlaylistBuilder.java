package org.trackflow.pipeline.playlists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
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

    /** A playlist: ordered tracks with their distance to the centre. */
    public record Playlist(String id, String name, List<TrackRecord> tracks, List<Double> distances, double[] rawCentre) {}

    static final int RESTARTS = 30;
    /** Lloyd iterations per restart; converged runs stop far earlier. */
    static final int MAX_ITERATIONS = 100;

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
            int k = Math.min(options.playlists(), distinct(x));
            if (previous.size() == k) {
                centres = scaled(space, previous);
                assignment = lloyd(x, centres);
                warm = true;
            } else {
                assignment = kMeansPlusPlus(x, k, options.seed());
            }
        } else if (!previous.isEmpty() && fits(n, previous.size(), options)) {
            centres = scaled(space, previous);
            assignment = lloyd(x, centres);
            warm = true;
        } else {
            assignment = chooseK(x, options);
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

        // Identities: warm start keeps them by construction; otherwise match by shared tracks.
        String[] ids = new String[members.size()];
        String[] names = new String[members.size()];
        if (warm) {
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
            double[] centre = mean(x, m);
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

    /** Most values of k scored by silhouette: on large libraries the range is sampled evenly. */
    static final int MAX_CANDIDATES = 10;

    private static int[] chooseK(double[][] x, Options o) {
        int n = x.length;
        int min = n < 2 * o.minSize() ? 6 : o.minSize();
        // No more clusters than distinct points (duplicates: the same file under many paths), else
        // k-means keeps re-seeding empty clusters until its iteration limit.
        int distinct = distinct(x);
        int kMin = Math.min(distinct, Math.max(1, (int) Math.ceil((double) n / o.maxSize())));
        int kMax = Math.min(distinct, Math.max(kMin, n / min));
        if (kMax < 2) {
            return new int[n];
        }
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k : candidates(Math.max(2, kMin), kMax)) {
            int[] a = kMeansPlusPlus(x, k, o.seed());
            double s = Silhouette.of(x, a, k, o.seed());
            if (best == null || s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        return best;
    }

    private static int distinct(double[][] x) {
        java.util.Set<java.util.List<Double>> seen = new java.util.HashSet<>();
        for (double[] v : x) {
            seen.add(Arrays.stream(v).boxed().toList());
        }
        return seen.size();
    }

    /** Every k in [from, to], or {@value #MAX_CANDIDATES} of them evenly spread, ends included. */
    static int[] candidates(int from, int to) {
        if (to - from + 1 <= MAX_CANDIDATES) {
            return java.util.stream.IntStream.rangeClosed(from, to).toArray();
        }
        return java.util.stream.IntStream.range(0, MAX_CANDIDATES)
                .map(i -> (int) Math.round(from + (double) i * (to - from) / (MAX_CANDIDATES - 1))).distinct().toArray();
    }

    /**
     * Restarts of k-means for n points and k clusters: {@value #RESTARTS} on small libraries, fewer as
     * n * k grows (each restart costs about n * k distances per Lloyd iteration), at least 3.
     */
    static int restarts(int n, int k) {
        return (int) Math.max(3, Math.min(RESTARTS, 2_000_000L / ((long) n * k)));
    }

    /**
     * k-means++ seeding and Lloyd iterations (Commons Math), the lowest inertia (sum of squared distances
     * to the centres) of {@value #RESTARTS} seeded restarts. Commons Math's own multi-start ranks restarts
     * by the unweighted sum of cluster variances, which favours tiny outlier clusters; inertia does not.
     */
    static int[] kMeansPlusPlus(double[][] x, int k, long seed) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            points.add(new Point(i, x[i]));
        }
        JDKRandomGenerator random = new JDKRandomGenerator((int) seed);
        int[] best = null;
        double bestInertia = Double.MAX_VALUE;
        for (int r = 0, restarts = restarts(x.length, k); r < restarts; r++) {
            List<CentroidCluster<Point>> clusters = new KMeansPlusPlusClusterer<Point>(k, MAX_ITERATIONS, new EuclideanDistance(), random)
                    .cluster(points);
            double inertia = 0;
            for (CentroidCluster<Point> c : clusters) {
                double[] centre = c.getCenter().getPoint();
                for (Point p : c.getPoints()) {
                    double d = FeatureSpace.distance(p.point(), centre);
                    inertia += d * d;
                }
            }
            if (inertia < bestInertia - 1e-9) {
                bestInertia = inertia;
                best = labels(clusters, x.length);
            }
        }
        return best;
    }

    /** Cluster labels numbered by each cluster's smallest member, so numbering does not depend on the start. */
    private static int[] labels(List<CentroidCluster<Point>> clusters, int n) {
        List<CentroidCluster<Point>> sorted = new ArrayList<>(clusters);
        sorted.removeIf(c -> c.getPoints().isEmpty());
        sorted.sort((a, b) -> Integer.compare(a.getPoints().stream().mapToInt(p -> p.index).min().orElse(0),
                b.getPoints().stream().mapToInt(p -> p.index).min().orElse(0)));
        int[] a = new int[n];
        for (int c = 0; c < sorted.size(); c++) {
            for (Point p : sorted.get(c).getPoints()) {
                a[p.index] = c;
            }
        }
        return a;
    }

    /** Lloyd's iterations from given centres (the warm start); centres are updated in place. */
    static int[] lloyd(double[][] x, double[][] centres) {
        int[] a = new int[x.length];
        for (int iter = 0; iter < 100; iter++) {
            boolean moved = false;
            for (int i = 0; i < x.length; i++) {
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int c = 0; c < centres.length; c++) {
                    double d = FeatureSpace.distance(x[i], centres[c]);
                    if (d < bestD) {
                        bestD = d;
                        best = c;
                    }
                }
                if (iter == 0 || a[i] != best) {
                    moved |= iter > 0;
                    a[i] = best;
                }
            }
            for (int c = 0; c < centres.length; c++) {
                List<Integer> m = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    if (a[i] == c) {
                        m.add(i);
                    }
                }
                if (!m.isEmpty()) {
                    centres[c] = mean(x, m);
                }
            }
            if (iter > 0 && !moved) {
                break;
            }
        }
        return a;
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

    static double[] mean(double[][] x, List<Integer> m) {
        double[] c = new double[x[0].length];
        for (int i : m) {
            for (int j = 0; j < c.length; j++) {
                c[j] += x[i][j];
            }
        }
        for (int j = 0; j < c.length; j++) {
            c[j] /= m.size();
        }
        return c;
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

    /** A track's point with its index, for Commons Math. */
    private record Point(int index, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }
}
