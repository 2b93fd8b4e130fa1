package org.trackflow.pipeline.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * The report's map of the library: a fixed sample of at most {@value #POINTS} tracks (the smallest hashes of
 * their ids, so the same tracks from scan to scan), placed in a {@value #W} x {@value #H} box and coloured by
 * station, or by playlist where there are none.
 */
final class LibraryMap {
    static final int POINTS = 5000;
    static final int W = 960;
    static final int H = 480;

    private LibraryMap() {}

    /** The map's points: each sampled track, its position, colour and playlist. */
    record Points(List<TrackRecord> tracks, int[] x, int[] y, int[] colour, int[] list, int population) {}

    /** A fixed sample, the tracks with the smallest hashes of their ids, on the first two principal components. */
    static Points of(List<Playlist> playlists, List<TrackRecord> all, List<Integer> listOf, ReportData.Table stations) {
        if (all.size() < 3) {
            return new Points(List.of(), new int[0], new int[0], new int[0], new int[0], all.size());
        }
        Integer[] order = new Integer[all.size()];
        long[] hash = new long[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            TrackRecord t = all.get(i);
            hash[i] = hash(t.getTrackId() == null ? t.getPath() : t.getTrackId());
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> hash[i]).thenComparingInt(i -> i));
        int[] sample = Arrays.stream(order).limit(POINTS).mapToInt(Integer::intValue).sorted().toArray();
        FeatureSpace space = FeatureSpace.fit(all);
        List<double[]> vectors = new ArrayList<>(sample.length);
        for (int i : sample) {
            vectors.add(space.vector(all.get(i)));
        }
        double[][] xy = pca2(vectors);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] q : xy) {
            minX = Math.min(minX, q[0]);
            maxX = Math.max(maxX, q[0]);
            minY = Math.min(minY, q[1]);
            maxY = Math.max(maxY, q[1]);
        }
        int n = sample.length;
        List<TrackRecord> tracks = new ArrayList<>(n);
        int[] x = new int[n];
        int[] y = new int[n];
        int[] colour = new int[n];
        int[] list = new int[n];
        for (int s = 0; s < n; s++) {
            tracks.add(all.get(sample[s]));
            list[s] = listOf.get(sample[s]);
            // Whole units of a 960 × 480 box: finer than a screen shows, and short in JSON.
            x[s] = (int) Math.round(12 + (W - 24) * (xy[s][0] - minX) / Math.max(1e-9, maxX - minX));
            y[s] = (int) Math.round(12 + (H - 24) * (1 - (xy[s][1] - minY) / Math.max(1e-9, maxY - minY)));
            String station = playlists.get(list[s]).station();
            colour[s] = (station == null ? list[s] : stations.index(station)) % ReportData.COLOURS.length;
        }
        return new Points(tracks, x, y, colour, list, all.size());
    }

    /** FNV-1a, 64 bit: a sample that does not move when other tracks come and go. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Projection on the two main eigenvectors of the covariance matrix. */
    static double[][] pca2(List<double[]> points) {
        int n = points.size();
        int d = points.get(0).length;
        double[] mean = new double[d];
        for (double[] p : points) {
            for (int j = 0; j < d; j++) {
                mean[j] += p[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] p : points) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (p[a] - mean[a]) * (p[b] - mean[b]) / n;
                }
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(cov);
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] e1 = eig.getEigenvector(order[0]).toArray();
        double[] e2 = eig.getEigenvector(order[1]).toArray();
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = points.get(i)[j] - mean[j];
                out[i][0] += c * e1[j];
                out[i][1] += c * e2[j];
            }
        }
        return out;
    }

}
