package org.trackflow.pipeline.clustering;

import org.trackflow.pipeline.similarity.FeatureSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ward's agglomerative clustering on a distance matrix, the playlists of a library below
 * {@link StationClusterer#THRESHOLD} tracks, on {@link org.trackflow.pipeline.similarity.Similarity}'s distances: every track starts alone and the
 * two clusters whose union grows the within-cluster variance least are merged, by the Lance–Williams
 * update (Ward 1963; as {@code scipy.cluster.hierarchy.linkage(method='ward')} on a condensed matrix):
 * <pre>
 *   d(k, i+j) = sqrt(((n_i + n_k) d(k,i)^2 + (n_j + n_k) d(k,j)^2 - n_k d(i,j)^2) / (n_i + n_j + n_k))
 * </pre>
 * found by the nearest-neighbour chain (Murtagh 1983), O(n^2) time on the matrix. On the real-music
 * evaluation it gives playlists twice as pure as k-means in the feature space (bench/results/similarity.md).
 * The tree is cut into k clusters (k chosen by {@link #silhouette} within the size range, as before);
 * ties are broken by track index, so the same library gives the same playlists.
 */
final class Ward {
    private final int n;
    /** Merges in height order, each the two clusters it joins (by their lowest members). */
    private final int[][] merges;

    private Ward(int n, int[][] merges) {
        this.n = n;
        this.merges = merges;
    }

    /** The tree of the points of {@code distance} (symmetric, 0 on the diagonal; it is not changed). */
    static Ward of(float[][] distance) {
        int n = distance.length;
        // a float copy (n^2 floats: 64 MB at 4 000 tracks), NaN as far as can be
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            d[i] = distance[i].clone();
            for (int j = 0; j < n; j++) {
                d[i][j] = Float.isNaN(d[i][j]) ? Float.MAX_VALUE : d[i][j];
            }
        }
        int[] size = new int[n];
        Arrays.fill(size, 1);
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        List<double[]> found = new ArrayList<>(); // {a, b, height}
        int[] chain = new int[n];
        int top = 0;
        for (int left = n; left > 1; ) {
            if (top == 0) {
                int first = 0;
                while (!active[first]) {
                    first++;
                }
                chain[top++] = first;
            }
            int a = chain[top - 1];
            int previous = top > 1 ? chain[top - 2] : -1;
            // a's nearest active cluster; the chain's previous element wins ties (else the chain could cycle)
            int b = previous;
            double best = previous >= 0 ? d[a][previous] : Double.POSITIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                if (active[c] && c != a && (d[a][c] < best || b < 0)) {
                    best = d[a][c];
                    b = c;
                }
            }
            if (b != previous) {
                chain[top++] = b;
                continue;
            }
            top -= 2;
            int keep = Math.min(a, b);
            int gone = Math.max(a, b);
            found.add(new double[] {keep, gone, best});
            for (int k = 0; k < n; k++) {
                if (active[k] && k != a && k != b) {
                    double nk = size[k];
                    double v = ((size[a] + nk) * d[k][a] * d[k][a] + (size[b] + nk) * d[k][b] * d[k][b] - nk * best * best)
                            / (size[a] + size[b] + nk);
                    d[k][keep] = d[keep][k] = (float) Math.sqrt(Math.max(0, v));
                }
            }
            size[keep] += size[gone];
            active[gone] = false;
            left--;
        }
        // Ward's distance is reducible, so the merges sorted by height are a valid tree; the sort is stable
        // and the chain finds a cluster's own merges before the one that joins it, so equal heights keep
        // children before parents
        found.sort(Comparator.comparingDouble(m -> m[2]));
        int[][] merges = found.stream().map(m -> new int[] {(int) m[0], (int) m[1]}).toArray(int[][]::new);
        return new Ward(n, merges);
    }

    /** The tree cut into {@code k} clusters (1..n): each a list of point indexes, ordered by its first point. */
    List<List<Integer>> cut(int k) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int m = 0; m < n - Math.max(1, Math.min(k, n)); m++) {
            int a = root(parent, merges[m][0]);
            int b = root(parent, merges[m][1]);
            parent[Math.max(a, b)] = Math.min(a, b);
        }
        List<List<Integer>> clusters = new ArrayList<>();
        int[] index = new int[n];
        Arrays.fill(index, -1);
        for (int i = 0; i < n; i++) {
            int r = root(parent, i);
            if (index[r] < 0) {
                index[r] = clusters.size();
                clusters.add(new ArrayList<>());
            }
            clusters.get(index[r]).add(i);
        }
        return clusters;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * The mean silhouette of a clustering on a distance matrix (Rousseeuw 1987): per point
     * {@code (b - a) / max(a, b)}, a its mean distance within its cluster, b the least mean distance to
     * another; 0 for a point alone in its cluster.
     */
    static double silhouette(float[][] d, List<List<Integer>> clusters) {
        int n = d.length;
        int k = clusters.size();
        if (k < 2) {
            return 0;
        }
        int[] label = new int[n];
        for (int c = 0; c < k; c++) {
            for (int i : clusters.get(c)) {
                label[i] = c;
            }
        }
        double[] score = new double[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> score[i] = silhouette(d, label, clusters, k, i));
        double sum = 0;
        for (double v : score) { // in order: the same sum whatever the parallelism
            sum += v;
        }
        return sum / n;
    }

    /** Point i's silhouette. */
    private static double silhouette(float[][] d, int[] label, List<List<Integer>> clusters, int k, int i) {
        double[] sum = new double[k];
        for (int j = 0; j < d.length; j++) {
            sum[label[j]] += d[i][j];
        }
        int own = clusters.get(label[i]).size();
        if (own < 2) {
            return 0;
        }
        double a = sum[label[i]] / (own - 1);
        double b = Double.MAX_VALUE;
        for (int c = 0; c < k; c++) {
            if (c != label[i]) {
                b = Math.min(b, sum[c] / clusters.get(c).size());
            }
        }
        double m = Math.max(a, b);
        return m > 0 ? (b - a) / m : 0;
    }
}
