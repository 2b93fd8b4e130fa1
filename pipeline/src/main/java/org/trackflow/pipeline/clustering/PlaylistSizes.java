package org.trackflow.pipeline.clustering;

import org.trackflow.pipeline.similarity.FeatureSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the promise of {@code --playlist-size MIN-MAX} whatever the clusters came out as: a cluster over
 * MAX is cut into {@code ceil(size / MAX)} equal parts along its principal axis (so each part holds
 * neighbouring tracks), and a cluster under MIN joins the nearest cluster with room for it, or, where none
 * has room, the nearest one, which is then cut in equal parts. Parts of a cut differ by one track at most,
 * so every playlist ends within the range whenever the library holds at least MIN tracks and
 * {@code MAX >= 2 MIN - 1}; a smaller library is one playlist. "Nearest" and "principal axis" are those of
 * a {@link Geometry}: points in a vector space, or a distance matrix.
 */
final class PlaylistSizes {
    private PlaylistSizes() {}

    /** How far clusters are apart, and how a cluster is laid out on a line to be cut. */
    interface Geometry {
        double distance(List<Integer> a, List<Integer> b);

        /** The cluster's points sorted along its main direction. */
        List<Integer> line(List<Integer> c);
    }

    /** Points in a vector space: centre distances, the principal axis. */
    static Geometry vectors(double[][] x) {
        return new Geometry() {
            @Override
            public double distance(List<Integer> a, List<Integer> b) {
                return FeatureSpace.distance(KMeans.mean(x, a), KMeans.mean(x, b));
            }

            @Override
            public List<Integer> line(List<Integer> c) {
                return alongAxis(c, x, 50);
            }
        };
    }

    /**
     * Points known by their distances: the mean distance between two clusters' points (average linkage),
     * and FastMap's line (Faloutsos &amp; Lin 1995) through two far-apart points p and q of the cluster
     * (p farthest from the cluster's first point, q farthest from p): {@code (d(p,i)^2 + d(p,q)^2 - d(q,i)^2) / 2 d(p,q)}.
     */
    static Geometry matrix(float[][] d) {
        return new Geometry() {
            @Override
            public double distance(List<Integer> a, List<Integer> b) {
                double s = 0;
                for (int i : a) {
                    for (int j : b) {
                        s += d[i][j];
                    }
                }
                return s / ((double) a.size() * b.size());
            }

            @Override
            public List<Integer> line(List<Integer> c) {
                int p = farthest(c, c.get(0));
                int q = farthest(c, p);
                double pq = d[p][q];
                List<Integer> sorted = new ArrayList<>(c);
                sorted.sort(Comparator.comparingDouble((Integer i) -> pq > 0
                        ? ((double) d[p][i] * d[p][i] + pq * pq - (double) d[q][i] * d[q][i]) / (2 * pq) : 0).thenComparingInt(i -> i));
                return sorted;
            }

            private int farthest(List<Integer> c, int from) {
                int best = from;
                for (int i : c) {
                    best = d[from][i] > d[from][best] || d[from][i] == d[from][best] && i < best ? i : best;
                }
                return best;
            }
        };
    }

    /** Resizes {@code clusters} (lists of point indices) in place; returns whether anything changed. */
    static boolean enforce(List<List<Integer>> clusters, double[][] x, int min, int max) {
        return enforce(clusters, vectors(x), min, max);
    }

    /** The same in any geometry. */
    static boolean enforce(List<List<Integer>> clusters, Geometry g, int min, int max) {
        boolean changed = false;
        int total = clusters.stream().mapToInt(List::size).sum();
        if (total < min || clusters.size() == 1 && total <= max) {
            if (clusters.size() > 1) {
                List<Integer> all = new ArrayList<>();
                clusters.forEach(all::addAll);
                clusters.clear();
                clusters.add(all);
                return true;
            }
            return false;
        }
        for (int guard = 0; guard < 4 * total; guard++) {
            // the smallest and the largest, the first of equals (clusters keep their order)
            int smallest = 0;
            int largest = 0;
            for (int c = 1; c < clusters.size(); c++) {
                smallest = clusters.get(c).size() < clusters.get(smallest).size() ? c : smallest;
                largest = clusters.get(c).size() > clusters.get(largest).size() ? c : largest;
            }
            if (clusters.get(smallest).size() < min && clusters.size() > 1) {
                List<Integer> small = clusters.remove(smallest);
                nearest(clusters, small, g, max).addAll(small);
                changed = true;
            } else if (clusters.get(largest).size() > max) {
                List<Integer> big = clusters.remove(largest);
                clusters.addAll(largest, cut(big, g, (big.size() + max - 1) / max));
                changed = true;
            } else {
                break;
            }
        }
        return changed;
    }

    /** The nearest cluster (in the geometry) with room for {@code c} or, if none has room, the nearest. */
    private static List<Integer> nearest(List<List<Integer>> clusters, List<Integer> c, Geometry g, int max) {
        List<Integer> best = null;
        List<Integer> bestWithRoom = null;
        double bestD = Double.MAX_VALUE;
        double bestRoomD = Double.MAX_VALUE;
        for (List<Integer> other : clusters) {
            double d = g.distance(c, other);
            if (d < bestD) {
                bestD = d;
                best = other;
            }
            if (other.size() + c.size() <= max && d < bestRoomD) {
                bestRoomD = d;
                bestWithRoom = other;
            }
        }
        return bestWithRoom != null ? bestWithRoom : best;
    }

    /** {@code parts} equal parts of {@code c} (sizes differ by one at most), cut along its principal axis. */
    static List<List<Integer>> cut(List<Integer> c, double[][] x, int parts) {
        return cut(c, x, parts, 50);
    }

    /** As above, the axis found by {@code iterations} power iterations. */
    static List<List<Integer>> cut(List<Integer> c, double[][] x, int parts, int iterations) {
        return parts(alongAxis(c, x, iterations), parts);
    }

    /** The points sorted by their projection on the principal axis (found by {@code iterations} power iterations). */
    private static List<Integer> alongAxis(List<Integer> c, double[][] x, int iterations) {
        double[] axis = principalAxis(c, x, iterations);
        double[] centre = KMeans.mean(x, c);
        List<Integer> sorted = new ArrayList<>(c);
        sorted.sort(Comparator.comparingDouble((Integer i) -> project(x[i], centre, axis)).thenComparingInt(i -> i));
        return sorted;
    }

    /** {@code parts} equal parts of {@code c} along the geometry's line. */
    static List<List<Integer>> cut(List<Integer> c, Geometry g, int parts) {
        return parts(g.line(c), parts);
    }

    private static List<List<Integer>> parts(List<Integer> sorted, int parts) {
        List<List<Integer>> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            out.add(new ArrayList<>(sorted.subList(p * sorted.size() / parts, (p + 1) * sorted.size() / parts)));
        }
        return out;
    }

    private static double project(double[] v, double[] centre, double[] axis) {
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            s += (v[j] - centre[j]) * axis[j];
        }
        return s;
    }

    /** The direction of largest variance, by power iteration on the covariance (never forming it). */
    static double[] principalAxis(List<Integer> c, double[][] x, int iterations) {
        int d = x[0].length;
        double[] centre = KMeans.mean(x, c);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = 1.0 / Math.sqrt(d) * (1 + 0.01 * j); // fixed start: the same library gives the same cut
        }
        for (int iter = 0; iter < iterations; iter++) {
            double[] next = new double[d];
            for (int i : c) {
                double p = project(x[i], centre, v);
                for (int j = 0; j < d; j++) {
                    next[j] += p * (x[i][j] - centre[j]);
                }
            }
            double norm = Math.sqrt(next[0] * next[0] + java.util.Arrays.stream(next).skip(1).map(a -> a * a).sum());
            if (norm < 1e-12) {
                break;
            }
            for (int j = 0; j < d; j++) {
                v[j] = next[j] / norm;
            }
        }
        return v;
    }
}
