package org.trackflow.pipeline.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.similarity.Similarity;
import org.trackflow.schemas.TrackRecord;

/**
 * The library's map, in the report and on the served page: a fixed sample of at most {@value #POINTS} tracks
 * (the smallest hashes of their ids, so the same tracks from scan to scan) placed by the distances the
 * playlists and mixes use ({@link Similarity}: timbre, feature groups, fluctuation, mutual proximity), in a
 * {@value #W} x {@value #H} box and coloured by station, or by playlist where there are none.
 * <p>
 * The placement is landmark MDS (de Silva and Tenenbaum, "Global versus local methods in nonlinear
 * dimensionality reduction", NIPS 2002): classical MDS (Torgerson) of the first {@value #LANDMARKS} sampled
 * tracks' distance matrix, B = -1/2 J D² J, on its two leading eigenvectors; every other sampled track is
 * then placed from its squared distances d² to the landmarks, x = -1/2 L# (d² - mean of D²'s columns), with
 * L# the rows v_k / sqrt(λ_k). Linear in the sample, and the landmarks (smallest hashes) and the axes' signs
 * (the lowest-hash landmark well off an axis lies on its positive side) stay put from scan to scan, so the map
 * does not flip or jump when a few tracks come and go.
 */
final class LibraryMap {
    static final int POINTS = 5000;
    static final int W = 960;
    static final int H = 480;
    static final int LANDMARKS = 250;
    /** Tracks each sampled track's mutual-proximity statistics are fitted on: enough for a picture, a fifth of the cost. */
    static final int MP_SAMPLE = 200;

    private LibraryMap() {}

    /**
     * The map's points: each sampled track, its position, colour and playlist. {@code complete} gives the
     * sampled rows with what the similarity compares (timbre model, fluctuation pattern) when the rows at hand
     * lack it (a large library's stage reads a projection), in the same order.
     */
    record Points(List<TrackRecord> tracks, int[] x, int[] y, int[] colour, int[] list, int population) {}

    /** A fixed sample, the tracks with the smallest hashes of their ids, placed by their distances (landmark MDS). */
    static Points of(List<Playlist> playlists, List<TrackRecord> all, List<Integer> listOf, ReportData.Table stations,
                     UnaryOperator<List<TrackRecord>> complete) {
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
        // by hash: the first ones are the landmarks
        int[] sample = Arrays.stream(order).limit(POINTS).mapToInt(Integer::intValue).toArray();
        List<TrackRecord> rows = new ArrayList<>(sample.length);
        for (int i : sample) {
            rows.add(all.get(i));
        }
        double[][] xy = landmarkMds(Similarity.fit(complete.apply(rows), MP_SAMPLE).fitAll(), Math.min(LANDMARKS, rows.size()));
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
            tracks.add(rows.get(s));
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

    /** Two coordinates per track of {@code s}, by landmark MDS on its first {@code landmarks} tracks (see above). */
    static double[][] landmarkMds(Similarity s, int landmarks) {
        int n = s.size();
        int m = landmarks;
        double[][] d2 = new double[m][m];
        IntStream.range(0, m).parallel().forEach(i -> {
            Similarity own = s.forThread();
            for (int j = 0; j < m; j++) {
                double d = own.distance(i, j);
                d2[i][j] = d * d;
            }
        });
        double[] colMean = new double[m];
        double all = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                colMean[j] += d2[i][j] / m;
                all += d2[i][j] / ((double) m * m);
            }
        }
        double[][] b = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                b[i][j] = -0.5 * (d2[i][j] - colMean[i] - colMean[j] + all);
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(b, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] byValue = IntStream.range(0, m).boxed().sorted((x, y) -> Double.compare(values[y], values[x])).toArray(Integer[]::new);
        double[][] pinv = new double[2][];
        for (int k = 0; k < 2; k++) {
            double lambda = Math.max(values[byValue[k]], 1e-12);
            double[] v = eig.getEigenvector(byValue[k]).toArray();
            orient(v);
            pinv[k] = new double[m];
            for (int j = 0; j < m; j++) {
                pinv[k][j] = v[j] / Math.sqrt(lambda);
            }
        }
        double[][] out = new double[n][2];
        IntStream.range(0, n).parallel().forEach(i -> {
            Similarity own = s.forThread();
            for (int j = 0; j < m; j++) {
                double d = own.distance(i, j);
                double delta = d * d - colMean[j];
                out[i][0] += -0.5 * pinv[0][j] * delta;
                out[i][1] += -0.5 * pinv[1][j] * delta;
            }
        });
        return out;
    }

    /** The eigenvector's sign: the first landmark well off the axis (a tenth of the largest entry) lies on its positive side. */
    private static void orient(double[] v) {
        double max = Arrays.stream(v).map(Math::abs).max().orElse(0);
        for (double x : v) {
            if (Math.abs(x) >= 0.1 * max) {
                if (x < 0) {
                    for (int j = 0; j < v.length; j++) {
                        v[j] = -v[j];
                    }
                }
                return;
            }
        }
    }
}
