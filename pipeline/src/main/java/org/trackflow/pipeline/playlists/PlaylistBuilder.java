package org.trackflow.pipeline.playlists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.trackflow.schemas.TrackRecord;

/**
 * Cuts the current library into playlists. Below {@value Stations#THRESHOLD} tracks: {@link Ward}'s tree
 * on {@link Similarity}'s distances (those of instant mixes), cut where the silhouette is best among the
 * cuts whose mean size falls in the target range (default 20-60 tracks; libraries under 40 tracks allow
 * playlists of 6), or at {@code --playlists K}; sizes are then kept within range
 * ({@link PlaylistSizes}). Larger libraries: {@link Stations}. Identities are stable across rescans: with
 * the previous playlists known, and their number still fitting, each track joins the previous playlist it
 * is nearest to on average ({@link #fromPrevious}); otherwise new clusters take the id and name of the
 * previous playlist they share most tracks with.
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

    /** A station: a named group of playlists on a large library, with its centre in raw feature units. */
    public record Station(String id, String name, double[] rawCentre) {}

    /** The playlists, and the stations they are grouped in (none on a small library). */
    public record Result(List<Playlist> playlists, List<Station> stations, FeatureSpace space) {}

    private PlaylistBuilder() {}

    public static List<Playlist> build(List<TrackRecord> library, List<Previous> previous, Options options) {
        return build(library, previous, List.of(), options).playlists();
    }

    /**
     * The playlists of a library. From {@value Stations#THRESHOLD} usable tracks on (and without
     * {@code --playlists K}), the library is first cut into stations ({@link Stations}), each cut into
     * playlists of the target size, at a cost linear in the library; smaller libraries get flat
     * playlists, k chosen by silhouette.
     */
    public static Result build(List<TrackRecord> library, List<Previous> previous, List<Station> previousStations, Options options) {
        // A fixed order (by track id): the result must not depend on the order files were read in.
        List<TrackRecord> rows = library.stream().filter(FeatureSpace::usable)
                .sorted(java.util.Comparator.comparing(TrackRecord::getTrackId)).toList();
        if (rows.isEmpty()) {
            return new Result(List.of(), List.of(), null);
        }
        FeatureSpace space = FeatureSpace.fit(rows);
        double[][] x = rows.parallelStream().map(space::vector).toArray(double[][]::new);
        int n = x.length;
        if (options.playlists() == 0 && n >= Stations.THRESHOLD) {
            return Stations.build(rows, x, space, previous, previousStations, options);
        }
        List<List<Integer>> members = new ArrayList<>();
        List<Integer> owners = new ArrayList<>(); // warm start: each cluster's previous playlist
        float[][] d = null;
        if (n >= Stations.THRESHOLD) {
            // --playlists K on a large library: k-means in the feature space, as no n^2 matrix fits
            int k = Math.min(options.playlists(), KMeans.distinct(x));
            boolean warm = previous.size() == k;
            int[] assignment = warm ? KMeans.lloyd(x, scaled(space, previous)) : KMeans.kMeansPlusPlus(x, k, options.seed());
            group(assignment, k, members, warm ? owners : null);
        } else {
            // Ward's tree on the similarity that instant mixes use (k-means in the feature space mixed
            // sources: bench/results/similarity.md), sizes kept within range on the same distances.
            d = Similarity.fit(rows, space, x).matrix();
            boolean fitsPrevious = options.playlists() > 0 ? previous.size() == Math.min(options.playlists(), n)
                    : !previous.isEmpty() && fits(n, previous.size(), options);
            int[] assignment = fitsPrevious ? fromPrevious(d, rows, previous) : null;
            if (assignment != null) {
                group(assignment, previous.size(), members, owners);
            } else {
                members.addAll(options.playlists() > 0 ? Ward.of(d).cut(Math.min(options.playlists(), n)) : chooseK(d, options));
            }
        }
        boolean warm = !owners.isEmpty();
        int min = n < 2 * options.minSize() ? Math.min(6, options.minSize()) : options.minSize();
        boolean resized = options.playlists() == 0 && PlaylistSizes.enforce(members, PlaylistSizes.matrix(d), min, options.maxSize());

        // Identities: warm start keeps them by construction; otherwise match by shared tracks.
        String[] ids = new String[members.size()];
        String[] names = new String[members.size()];
        if (warm && !resized) {
            for (int c = 0; c < members.size(); c++) {
                Previous p = previous.get(owners.get(c));
                ids[c] = p.id();
                names[c] = p.name();
            }
        } else {
            match(members, rows, previous, ids, names);
        }
        String[] stations = new String[members.size()];
        return new Result(finish(members, x, rows, ids, names, stations, PlaylistNames.Terciles.of(rows)), List.of(), space);
    }

    /**
     * The playlists of clusters {@code members} (indexes into x and rows): ordered for listening, named
     * (those without a name yet, in order, after the library's {@code terciles}), with their raw centres.
     */
    static List<Playlist> finish(List<List<Integer>> members, double[][] x, List<TrackRecord> rows, String[] ids, String[] names,
                                 String[] stations, PlaylistNames.Terciles terciles) {
        int k = members.size();
        // ordering is the costly part (a cost matrix and 2-opt per playlist) and independent per playlist
        @SuppressWarnings("unchecked")
        List<TrackRecord>[] ordered = new List[k];
        double[][] centres = new double[k][];
        List<List<Double>> distances = new ArrayList<>(java.util.Collections.nCopies(k, null));
        java.util.stream.IntStream.range(0, k).parallel().forEach(c -> {
            List<Integer> m = members.get(c);
            double[] centre = KMeans.mean(x, m);
            List<Integer> order = PlaylistOrder.order(m, x, rows, centre);
            ordered[c] = order.stream().map(rows::get).toList();
            distances.set(c, order.stream().map(i -> FeatureSpace.distance(x[i], centre)).toList());
            centres[c] = rawMean(m, rows);
        });
        Set<String> taken = new HashSet<>();
        for (String name : names) {
            if (name != null) {
                taken.add(name);
            }
        }
        List<Playlist> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            String name = names[c] != null ? names[c] : PlaylistNames.name(ordered[c], terciles, taken);
            out.add(new Playlist(ids[c], name, stations[c], ordered[c], distances.get(c), centres[c]));
        }
        return out;
    }

    /** The clusters of an assignment to k, the empty ones left out, and (if asked) the index each had. */
    private static void group(int[] assignment, int k, List<List<Integer>> members, List<Integer> owners) {
        List<List<Integer>> all = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            all.add(new ArrayList<>());
        }
        for (int i = 0; i < assignment.length; i++) { // one pass: k may be large
            all.get(assignment[i]).add(i);
        }
        for (int c = 0; c < k; c++) {
            if (!all.get(c).isEmpty()) {
                members.add(all.get(c));
                if (owners != null) {
                    owners.add(c);
                }
            }
        }
    }

    /**
     * The cut of Ward's tree with the best silhouette among those whose mean playlist size is within the
     * range (libraries under twice the minimum allow playlists of 6); one cluster when none is.
     */
    static List<List<Integer>> chooseK(float[][] d, Options o) {
        int n = d.length;
        int min = n < 2 * o.minSize() ? 6 : o.minSize();
        int kMin = Math.max(1, (int) Math.ceil((double) n / o.maxSize()));
        int kMax = Math.max(kMin, n / min);
        Ward tree = Ward.of(d);
        if (kMax < 2) {
            return tree.cut(1);
        }
        List<List<Integer>> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k : KMeans.candidates(Math.max(2, kMin), Math.min(kMax, n))) {
            List<List<Integer>> c = tree.cut(k);
            double s = Ward.silhouette(d, c);
            if (best == null || s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    /**
     * The warm start on distances, Lloyd's iteration without centres: each track joins the previous
     * playlist whose members (those still in the library; the track itself not counted) are nearest on
     * average, then again with the new members, until nothing moves (at most 20 rounds). Null if a
     * previous playlist has no member left.
     */
    static int[] fromPrevious(float[][] d, List<TrackRecord> rows, List<Previous> previous) {
        int n = d.length;
        int k = previous.size();
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(rows.get(i).getTrackId(), i);
        }
        boolean[] present = new boolean[k];
        for (int p = 0; p < k; p++) {
            for (String t : previous.get(p).trackIds()) {
                Integer i = index.get(t);
                if (i != null && assignment[i] < 0) {
                    assignment[i] = p;
                    present[p] = true;
                }
            }
        }
        for (boolean b : present) {
            if (!b) {
                return null;
            }
        }
        for (int round = 0; round < 20; round++) {
            int[] from = assignment.clone();
            int[] size = new int[k];
            for (int a : from) {
                if (a >= 0) {
                    size[a]++;
                }
            }
            int[] next = java.util.stream.IntStream.range(0, n).parallel().map(i -> {
                double[] sum = new double[k];
                for (int j = 0; j < n; j++) {
                    if (from[j] >= 0) {
                        sum[from[j]] += d[i][j];
                    }
                }
                int best = -1;
                double bestMean = Double.MAX_VALUE;
                for (int p = 0; p < k; p++) {
                    int others = size[p] - (from[i] == p ? 1 : 0);
                    if (others > 0 && (best < 0 || sum[p] / others < bestMean)) {
                        best = p;
                        bestMean = sum[p] / others;
                    }
                }
                return best >= 0 ? best : from[i];
            }).toArray();
            assignment = next;
            if (Arrays.equals(next, from)) {
                break;
            }
        }
        return assignment;
    }

    static boolean fits(int n, int k, Options o) {
        double mean = (double) n / k;
        int min = n < 2 * o.minSize() ? 6 : o.minSize();
        return mean >= min && mean <= o.maxSize();
    }

    static double[][] scaled(FeatureSpace space, List<Previous> previous) {
        return previous.stream().map(p -> space.scaleRaw(p.rawCentre())).toArray(double[][]::new);
    }

    /**
     * Gives each cluster the id and name of the previous playlist it shares most tracks with (the largest
     * overlaps first), if they share at least half of the smaller of the two; the others get new ids.
     * Linear in the library: each track is looked up once.
     */
    static void match(List<List<Integer>> members, List<TrackRecord> rows, List<Previous> previous, String[] ids, String[] names) {
        java.util.Map<String, Integer> owner = new java.util.HashMap<>();
        for (int p = 0; p < previous.size(); p++) {
            for (String t : previous.get(p).trackIds()) {
                owner.putIfAbsent(t, p);
            }
        }
        int next = previous.stream().mapToInt(p -> Integer.parseInt(p.id().substring(3))).max().orElse(0) + 1;
        List<int[]> pairs = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            java.util.Map<Integer, Integer> shared = new java.util.TreeMap<>();
            for (int i : members.get(c)) {
                Integer p = owner.get(rows.get(i).getTrackId());
                if (p != null) {
                    shared.merge(p, 1, Integer::sum);
                }
            }
            for (java.util.Map.Entry<Integer, Integer> e : shared.entrySet()) {
                pairs.add(new int[] {e.getValue(), c, e.getKey()});
            }
        }
        // the largest overlaps first; ties in cluster, then playlist order
        pairs.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0]) : a[1] != b[1] ? Integer.compare(a[1], b[1])
                : Integer.compare(a[2], b[2]));
        Set<Integer> used = new HashSet<>();
        for (int[] pair : pairs) {
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

    static double[] rawMean(List<Integer> m, List<TrackRecord> rows) {
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
