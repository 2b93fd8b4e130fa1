package org.trackflow.pipeline.clustering;

import org.trackflow.pipeline.similarity.FeatureSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * The clustering behind the stations (and {@code --playlists K} on large libraries): k-means++ seeding and
 * Lloyd iterations (Commons Math) ranked by inertia over restarts, and plain Lloyd iterations from given
 * centres for the warm start.
 */
final class KMeans {
    static final int RESTARTS = 30;
    /** Lloyd iterations per restart; converged runs stop far earlier. */
    static final int MAX_ITERATIONS = 100;

    private KMeans() {}

    /** Most values of k (cuts of {@link Ward}'s tree) scored by silhouette: a wider range is sampled evenly. */
    static final int MAX_CANDIDATES = 10;

    static int distinct(double[][] x) {
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
            int[] next = nearest(x, centres);
            boolean moved = iter > 0 && !Arrays.equals(a, next);
            a = next;
            // new centres in one pass: the mean of each cluster's points (an empty cluster keeps its centre)
            double[][] sum = new double[centres.length][x[0].length];
            int[] count = new int[centres.length];
            for (int i = 0; i < x.length; i++) {
                count[a[i]]++;
                for (int j = 0; j < x[i].length; j++) {
                    sum[a[i]][j] += x[i][j];
                }
            }
            for (int c = 0; c < centres.length; c++) {
                if (count[c] > 0) {
                    for (int j = 0; j < sum[c].length; j++) {
                        sum[c][j] /= count[c];
                    }
                    centres[c] = sum[c];
                }
            }
            if (iter > 0 && !moved) {
                break;
            }
        }
        return a;
    }

    /** Each point's nearest centre (the first of equals); points in parallel, the same result on any core count. */
    static int[] nearest(double[][] x, double[][] centres) {
        int[] a = new int[x.length];
        java.util.stream.IntStream.range(0, x.length).parallel().forEach(i -> {
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int c = 0; c < centres.length; c++) {
                double d = FeatureSpace.squaredDistance(x[i], centres[c]);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            a[i] = best;
        });
        return a;
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

    /** A track's point with its index, for Commons Math. */
    private record Point(int index, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }
}
