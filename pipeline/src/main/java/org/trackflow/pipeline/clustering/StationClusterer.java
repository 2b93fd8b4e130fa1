package org.trackflow.pipeline.clustering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.trackflow.pipeline.playlists.PlaylistNames;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.playlists.Station;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * Playlists for a large library, at a cost linear in its size: a few dozen stations (named groups with a
 * character, a tempo range and an energy), each cut into playlists of the target size.
 * <ol>
 *   <li>{@link #plan}: k-means++ with Lloyd iterations on an even sample of at most {@value #SAMPLE} tracks
 *       (or, when the previous scan had as many stations, Lloyd iterations from their centres, which keeps
 *       their identity), then every track to its nearest centre. {@link #count} stations for n tracks;
 *       a station under the minimum playlist size joins its nearest neighbour.</li>
 *   <li>{@link #cut}, station by station: bisected (2-means, started from two far-apart members)
 *       until every part holds at most MAX tracks; {@link PlaylistSizes} then merges parts under MIN into
 *       the nearest part of the station with room, or cuts. Bisecting costs O(n log(n / MAX)) distances.
 *       Stations are independent: they are cut in parallel, with the same result on any number of
 *       threads (or task slots).</li>
 * </ol>
 * Identities follow by shared tracks ({@link Identities}).
 */
public final class StationClusterer implements Clusterer {
    /** Usable tracks from which a library gets stations; below, flat playlists as before. */
    public static final int THRESHOLD = 4_000;
    /** Tracks the station centres are fitted on. */
    static final int SAMPLE = 20_000;
    static final int MIN_STATIONS = 6;
    static final int MAX_STATIONS = 40;
    /** Lloyd iterations of one bisection. */
    private static final int BISECT_ITERATIONS = 12;


    /** Stations for n tracks: sqrt(n) / 4, between {@value #MIN_STATIONS} and {@value #MAX_STATIONS}. */
    static int count(int n) {
        return (int) Math.max(MIN_STATIONS, Math.min(MAX_STATIONS, Math.round(Math.sqrt(n) / 4)));
    }

    @Override
    public Clusters cluster(Library lib, PlaylistOptions options) {
        Plan plan = plan(lib.rows(), lib.x(), lib.space(), lib.previousStations(), options);
        List<List<List<Integer>>> parts = plan.members().parallelStream().map(m -> cut(m, lib.x(), options)).toList();
        List<List<Integer>> playlists = new ArrayList<>();
        List<String> stationOf = new ArrayList<>();
        for (int s = 0; s < plan.stations().size(); s++) {
            for (List<Integer> p : parts.get(s)) {
                playlists.add(p);
                stationOf.add(plan.stations().get(s).name());
            }
        }
        return new Clusters(playlists, null, stationOf.toArray(String[]::new), plan.stations());
    }

    /** The stations of a library: each with its members (indexes into the rows, ascending). */
    public record Plan(List<Station> stations, List<List<Integer>> members) {}

    /** The stations of the rows whose points are {@code x}; {@code previousStations} those of the last scan. */
    public static Plan plan(List<TrackRecord> rows, double[][] x, FeatureSpace space, List<Station> previousStations,
                            PlaylistOptions options) {
        int n = x.length;
        int k = count(n);
        int[] sample = IntStream.range(0, Math.min(n, SAMPLE)).map(i -> (int) ((long) i * n / Math.min(n, SAMPLE))).toArray();
        double[][] xs = IntStream.of(sample).mapToObj(i -> x[i]).toArray(double[][]::new);
        double[][] centres;
        boolean warm = previousStations.size() == k;
        if (warm) {
            centres = previousStations.stream().map(s -> space.scaleRaw(s.rawCentre())).toArray(double[][]::new);
            KMeans.lloyd(xs, centres);
        } else {
            int[] a = KMeans.kMeansPlusPlus(xs, k, options.seed());
            centres = centres(xs, a, IntStream.of(a).max().orElse(0) + 1);
        }
        int[] station = KMeans.nearest(x, centres);
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < centres.length; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(station[i]).add(i);
        }
        // which previous station each one started from: kept through the merges below
        List<Integer> origin = new ArrayList<>(IntStream.range(0, members.size()).boxed().toList());
        mergeSmall(members, origin, x, options.minSize());

        PlaylistNames.Terciles terciles = PlaylistNames.Terciles.of(rows);
        Set<String> takenStations = new HashSet<>();
        List<Station> stations = new ArrayList<>();
        if (warm) {
            origin.forEach(o -> takenStations.add(previousStations.get(o).name()));
        }
        for (int s = 0; s < members.size(); s++) {
            List<TrackRecord> tracks = members.get(s).stream().map(rows::get).toList();
            double[] centre = Finishing.rawMean(members.get(s), rows);
            stations.add(warm
                    ? new Station(previousStations.get(origin.get(s)).id(), previousStations.get(origin.get(s)).name(), centre)
                    : new Station(String.format("st-%02d", s + 1), PlaylistNames.station(tracks, terciles, takenStations), centre));
        }
        return new Plan(stations, members);
    }

    /** The playlists of one station (its members, indexes into x): bisected, then sizes kept. */
    public static List<List<Integer>> cut(List<Integer> members, double[][] x, PlaylistOptions options) {
        List<List<Integer>> p = new ArrayList<>();
        bisect(members, x, options.maxSize(), p);
        PlaylistSizes.enforce(p, x, options.minSize(), options.maxSize());
        return p;
    }

    /** Stations smaller than {@code min} join the station whose centre is nearest theirs. */
    private static void mergeSmall(List<List<Integer>> members, List<Integer> origin, double[][] x, int min) {
        while (members.size() > 1) {
            int smallest = IntStream.range(0, members.size()).boxed().min(Comparator.comparingInt(c -> members.get(c).size())).orElseThrow();
            if (members.get(smallest).size() >= min) {
                return;
            }
            List<Integer> small = members.remove(smallest);
            origin.remove(smallest);
            double[] centre = KMeans.mean(x, small);
            int into = IntStream.range(0, members.size()).boxed()
                    .min(Comparator.comparingDouble(c -> FeatureSpace.distance(centre, KMeans.mean(x, members.get(c))))).orElseThrow();
            members.get(into).addAll(small);
        }
    }

    /** Splits {@code m} in two until each part holds at most {@code max}; parts in a fixed order. */
    static void bisect(List<Integer> m, double[][] x, int max, List<List<Integer>> out) {
        if (m.size() <= max) {
            if (!m.isEmpty()) {
                out.add(m);
            }
            return;
        }
        List<List<Integer>> halves = twoMeans(m, x);
        bisect(halves.get(0), x, max, out);
        bisect(halves.get(1), x, max, out);
    }

    /**
     * 2-means of {@code m}, started from two far-apart members (the one farthest from the mean, and the
     * one farthest from that: two passes, where a principal axis would need many); when one side would be
     * empty (identical points), the two halves of the principal-axis order.
     */
    static List<List<Integer>> twoMeans(List<Integer> m, double[][] x) {
        double[] mean = KMeans.mean(x, m);
        int a = farthest(m, x, mean);
        int b = farthest(m, x, x[a]);
        if (FeatureSpace.squaredDistance(x[a], x[b]) == 0) {
            return PlaylistSizes.cut(m, x, 2);
        }
        double[][] c = {x[a].clone(), x[b].clone()};
        boolean[] left = new boolean[m.size()];
        for (int iter = 0; iter < BISECT_ITERATIONS; iter++) {
            boolean moved = false;
            int[] count = new int[2];
            double[][] sum = new double[2][x[0].length];
            for (int p = 0; p < m.size(); p++) {
                double[] v = x[m.get(p)];
                boolean l = FeatureSpace.squaredDistance(v, c[0]) <= FeatureSpace.squaredDistance(v, c[1]);
                moved |= iter == 0 || l != left[p];
                left[p] = l;
                int side = l ? 0 : 1;
                count[side]++;
                for (int j = 0; j < v.length; j++) {
                    sum[side][j] += v[j];
                }
            }
            if (count[0] == 0 || count[1] == 0) {
                return PlaylistSizes.cut(m, x, 2);
            }
            for (int s = 0; s < 2; s++) {
                for (int j = 0; j < sum[s].length; j++) {
                    c[s][j] = sum[s][j] / count[s];
                }
            }
            if (!moved) {
                break;
            }
        }
        List<List<Integer>> out = List.of(new ArrayList<>(), new ArrayList<>());
        for (int p = 0; p < m.size(); p++) {
            out.get(left[p] ? 0 : 1).add(m.get(p));
        }
        return out.get(0).isEmpty() || out.get(1).isEmpty() ? PlaylistSizes.cut(m, x, 2) : out;
    }

    /** The member of {@code m} farthest from {@code from} (the first of equals). */
    private static int farthest(List<Integer> m, double[][] x, double[] from) {
        int best = m.get(0);
        double bestD = -1;
        for (int i : m) {
            double d = FeatureSpace.squaredDistance(x[i], from);
            if (d > bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static double[][] centres(double[][] x, int[] a, int k) {
        double[][] c = new double[k][x[0].length];
        int[] count = new int[k];
        for (int i = 0; i < x.length; i++) {
            count[a[i]]++;
            for (int j = 0; j < x[i].length; j++) {
                c[a[i]][j] += x[i][j];
            }
        }
        for (int s = 0; s < k; s++) {
            for (int j = 0; j < c[s].length; j++) {
                c[s][j] /= Math.max(1, count[s]);
            }
        }
        return c;
    }
}
