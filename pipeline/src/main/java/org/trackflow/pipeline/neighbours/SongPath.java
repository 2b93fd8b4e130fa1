package org.trackflow.pipeline.neighbours;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.trackflow.pipeline.similarity.Metric;

/**
 * A walk from one track to another in small, even steps: a shortest path in which every step gets closer
 * to the goal, with cost {@code sum(step^2) + lambda * steps}. Squaring favours many small steps over a few
 * big ones; {@code lambda} is searched so that the path has about the number of tracks asked for. Only
 * the tracks of the corridor between the two ends are considered (those with the smallest
 * {@code d(from, x) + d(x, to)}), so a query costs O(n) distances plus O(m^2) within the corridor.
 */
public final class SongPath {
    /** Tracks of the corridor the path is sought in. */
    static final int CORRIDOR = 300;

    private SongPath() {}

    /** The path: track indices from {@code from} to {@code to}, and its biggest step. */
    public record Path(List<Integer> tracks, double biggestStep) {}

    /** A path of about {@code length} tracks (both ends included) from {@code from} to {@code to}. */
    public static Path find(Metric s, int from, int to, int length) {
        int n = s.size();
        double[] dFrom = new double[n];
        double[] dTo = new double[n];
        for (int i = 0; i < n; i++) {
            dFrom[i] = s.distance(from, i);
            dTo[i] = s.distance(i, to);
        }
        int[] corridor = IntStream.range(0, n).filter(i -> i != from && i != to)
                .boxed().sorted(Comparator.comparingDouble(i -> dFrom[i] + dTo[i])).limit(CORRIDOR)
                .mapToInt(Integer::intValue).toArray();
        int m = corridor.length + 2;
        int[] node = new int[m];
        node[0] = from;
        System.arraycopy(corridor, 0, node, 1, corridor.length);
        node[m - 1] = to;
        double[][] d = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                d[a][b] = d[b][a] = s.distance(node[a], node[b]);
            }
        }
        double[] toGoal = new double[m];
        for (int a = 0; a < m; a++) {
            toGoal[a] = d[a][m - 1];
        }
        // lambda: 0 gives the most steps; larger values fewer. Bisection on the (monotone) step count.
        double lo = 0;
        double hi = 4 * d[0][m - 1] * d[0][m - 1] + 1e-9;
        int[] best = shortest(d, toGoal, 0);
        for (int iter = 0; iter < 30 && best.length != length; iter++) {
            double mid = (lo + hi) / 2;
            int[] p = shortest(d, toGoal, mid);
            if (Math.abs(p.length - length) < Math.abs(best.length - length)
                    || (Math.abs(p.length - length) == Math.abs(best.length - length) && p.length > best.length)) {
                best = p;
            }
            if (p.length > length) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        List<Integer> tracks = new ArrayList<>();
        double biggest = 0;
        for (int k = 0; k < best.length; k++) {
            tracks.add(node[best[k]]);
            if (k > 0) {
                biggest = Math.max(biggest, d[best[k - 1]][best[k]]);
            }
        }
        return new Path(tracks, biggest);
    }

    /** Dijkstra from node 0 to node m-1 over steps that get strictly closer to the goal. */
    private static int[] shortest(double[][] d, double[] toGoal, double lambda) {
        int m = d.length;
        double[] cost = new double[m];
        int[] prev = new int[m];
        boolean[] done = new boolean[m];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        Arrays.fill(prev, -1);
        cost[0] = 0;
        for (int round = 0; round < m; round++) {
            int u = -1;
            for (int v = 0; v < m; v++) {
                if (!done[v] && (u < 0 || cost[v] < cost[u])) {
                    u = v;
                }
            }
            if (u < 0 || cost[u] == Double.POSITIVE_INFINITY || u == m - 1) {
                break;
            }
            done[u] = true;
            for (int v = 1; v < m; v++) {
                if (!done[v] && toGoal[v] < toGoal[u]) {
                    double c = cost[u] + d[u][v] * d[u][v] + lambda;
                    if (c < cost[v]) {
                        cost[v] = c;
                        prev[v] = u;
                    }
                }
            }
        }
        List<Integer> path = new ArrayList<>();
        for (int v = m - 1; v >= 0; v = prev[v]) {
            path.add(0, v);
            if (v == 0) {
                break;
            }
        }
        return path.stream().mapToInt(Integer::intValue).toArray();
    }
}
