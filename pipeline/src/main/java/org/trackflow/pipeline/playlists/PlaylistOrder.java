package org.trackflow.pipeline.playlists;

import java.util.ArrayList;
import java.util.List;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * Play order inside a playlist, for smooth listening. The cost of playing b after a is their distance in
 * the feature space, plus a tempo penalty (1 per octave of tempo step beyond 4 %), plus a key penalty of
 * 0.5 when the keys are not Camelot-compatible (same code, a step round the wheel, or the relative
 * major/minor). The order starts at the track nearest the playlist's centre, extends greedily to the
 * cheapest next track, then improves with 2-opt (reversing stretches while that lowers the total), and
 * finally spaces out artists and albums ({@link #spaced}).
 */
public final class PlaylistOrder {
    static final double TEMPO_TOLERANCE = Math.log(1.04) / Math.log(2);
    static final double KEY_PENALTY = 0.5;

    private PlaylistOrder() {}

    /** The play order of {@code members} (indexes into {@code x} and {@code rows}), starting nearest {@code centre}. */
    public static List<Integer> order(List<Integer> members, double[][] x, List<TrackRecord> rows, double[] centre) {
        int n = members.size();
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    cost[i][j] = cost(x[members.get(i)], x[members.get(j)], rows.get(members.get(i)), rows.get(members.get(j)));
                }
            }
        }
        int start = 0;
        for (int i = 1; i < n; i++) {
            if (FeatureSpace.distance(x[members.get(i)], centre) < FeatureSpace.distance(x[members.get(start)], centre)) {
                start = i;
            }
        }
        int[] path = new int[n];
        boolean[] used = new boolean[n];
        path[0] = start;
        used[start] = true;
        for (int p = 1; p < n; p++) {
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (!used[j] && (best < 0 || cost[path[p - 1]][j] < cost[path[p - 1]][best])) {
                    best = j;
                }
            }
            path[p] = best;
            used[best] = true;
        }
        twoOpt(path, cost);
        List<Integer> out = new ArrayList<>(n);
        for (int p : path) {
            out.add(members.get(p));
        }
        return spaced(out, rows);
    }

    /**
     * The order with no artist twice in a row and no album twice within three tracks, where the tags allow
     * it (as players' shuffles and bliss-mixer's {@code norepart}/{@code norepalb} avoid): walking the
     * order, where a track would repeat, the nearest later track that does not is moved forward into its
     * place, so the smooth order moves as little as it can. Tracks without the tag never clash.
     */
    static List<Integer> spaced(List<Integer> order, List<TrackRecord> rows) {
        List<Integer> out = new ArrayList<>(order);
        for (int i = 1; i < out.size(); i++) {
            if (!clashes(out, i, out.get(i), rows)) {
                continue;
            }
            for (int j = i + 1; j < out.size(); j++) {
                if (!clashes(out, i, out.get(j), rows)) {
                    out.add(i, out.remove(j));
                    break;
                }
            }
        }
        return out;
    }

    /** Whether {@code track} at position {@code at} repeats the artist before it or an album of the two before. */
    static boolean clashes(List<Integer> order, int at, int track, List<TrackRecord> rows) {
        TrackRecord t = rows.get(track);
        TrackRecord prev = rows.get(order.get(at - 1));
        if (same(t.getArtist(), prev.getArtist())) {
            return true;
        }
        for (int back = 1; back <= 2 && at - back >= 0; back++) {
            if (same(t.getAlbum(), rows.get(order.get(at - back)).getAlbum())) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(String a, String b) {
        return a != null && !a.isBlank() && a.trim().equalsIgnoreCase(b == null ? "" : b.trim());
    }

    /** 2-opt on an open path (the first track stays first), a bounded number of passes. */
    private static void twoOpt(int[] path, double[][] cost) {
        int n = path.length;
        for (int pass = 0; pass < 20; pass++) {
            boolean improved = false;
            for (int i = 1; i < n - 1; i++) {
                for (int j = i + 1; j < n; j++) {
                    double before = cost[path[i - 1]][path[i]] + (j + 1 < n ? cost[path[j]][path[j + 1]] : 0);
                    double after = cost[path[i - 1]][path[j]] + (j + 1 < n ? cost[path[i]][path[j + 1]] : 0);
                    // reversing [i..j] also reverses the direction of every step inside it
                    double inside = 0;
                    for (int k = i; k < j; k++) {
                        inside += cost[path[k + 1]][path[k]] - cost[path[k]][path[k + 1]];
                    }
                    if (after + inside < before - 1e-12) {
                        for (int a = i, b = j; a < b; a++, b--) {
                            int t = path[a];
                            path[a] = path[b];
                            path[b] = t;
                        }
                        improved = true;
                    }
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    static double cost(double[] xa, double[] xb, TrackRecord a, TrackRecord b) {
        return FeatureSpace.distance(xa, xb) + tempoPenalty(a, b) + (camelotCompatible(a.getCamelot(), b.getCamelot()) ? 0 : KEY_PENALTY);
    }

    static double tempoPenalty(TrackRecord a, TrackRecord b) {
        if (a.getBpm() == null || b.getBpm() == null) {
            return 0;
        }
        double octaves = Math.abs(Math.log(b.getBpm() / a.getBpm()) / Math.log(2));
        return Math.max(0, octaves - TEMPO_TOLERANCE);
    }

    /** Same code, one step round the wheel with the same letter, or the same number (relative key). */
    public static boolean camelotCompatible(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        int na = Integer.parseInt(a.substring(0, a.length() - 1));
        int nb = Integer.parseInt(b.substring(0, b.length() - 1));
        char la = a.charAt(a.length() - 1);
        char lb = b.charAt(b.length() - 1);
        int step = Math.floorMod(na - nb, 12);
        return na == nb || (la == lb && (step == 1 || step == 11));
    }
}
