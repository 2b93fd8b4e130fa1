package org.trackflow.pipeline.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.playlists.PreviousPlaylist;
import org.trackflow.pipeline.similarity.Similarity;
import org.trackflow.schemas.TrackRecord;

/**
 * A library below {@link StationClusterer#THRESHOLD} tracks: {@link Ward}'s tree on the similarity that
 * instant mixes use ({@link Similarity}; k-means in the feature space mixed sources:
 * bench/results/similarity.md), cut where the silhouette is best among the cuts whose mean size falls in the
 * range, or at {@code --playlists K}; sizes then kept within range on the same distances
 * ({@link PlaylistSizes}). With the previous playlists known and their number still fitting, each track
 * joins the previous playlist it is nearest to on average instead ({@link #fromPrevious}), which keeps
 * their identities unless the sizes had to be mended.
 */
final class WardClusterer implements Clusterer {
    @Override
    public Clusters cluster(Library lib, PlaylistOptions options) {
        int n = lib.size();
        List<PreviousPlaylist> previous = lib.previous();
        float[][] d = Similarity.fit(lib.rows(), lib.space(), lib.x()).matrix();
        boolean fitsPrevious = options.playlists() > 0 ? previous.size() == Math.min(options.playlists(), n)
                : !previous.isEmpty() && fits(n, previous.size(), options);
        int[] assignment = fitsPrevious ? fromPrevious(d, lib.rows(), previous) : null;
        List<List<Integer>> members = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        if (assignment != null) {
            Clusters.group(assignment, previous.size(), members, owners);
        } else {
            members.addAll(options.playlists() > 0 ? Ward.of(d).cut(Math.min(options.playlists(), n)) : chooseK(d, options));
        }
        boolean resized = options.playlists() == 0
                && PlaylistSizes.enforce(members, PlaylistSizes.matrix(d), options.minSize(n), options.maxSize());
        return Clusters.flat(members, owners.isEmpty() || resized ? null : owners);
    }

    /** Whether k playlists of n tracks have a mean size within the range. */
    static boolean fits(int n, int k, PlaylistOptions o) {
        double mean = (double) n / k;
        return mean >= o.minSize(n) && mean <= o.maxSize();
    }

    /**
     * The cut of Ward's tree with the best silhouette among those whose mean playlist size is within the
     * range; one cluster when none is.
     */
    static List<List<Integer>> chooseK(float[][] d, PlaylistOptions o) {
        int n = d.length;
        int kMin = Math.max(1, (int) Math.ceil((double) n / o.maxSize()));
        int kMax = Math.max(kMin, n / o.minSize(n));
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
    static int[] fromPrevious(float[][] d, List<TrackRecord> rows, List<PreviousPlaylist> previous) {
        int n = d.length;
        int k = previous.size();
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        Map<String, Integer> index = new HashMap<>();
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
            int[] next = IntStream.range(0, n).parallel().map(i -> {
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
}
