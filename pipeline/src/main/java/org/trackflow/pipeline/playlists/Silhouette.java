package org.trackflow.pipeline.playlists;

import java.util.SplittableRandom;

/**
 * Mean silhouette (Rousseeuw 1987) of a clustering: per point {@code (b - a) / max(a, b)} with {@code a}
 * the mean distance to its own cluster and {@code b} to the nearest other one; -1..1, higher is better.
 * On more than 2000 points, a seeded sample of 2000 is scored against all points.
 */
final class Silhouette {
    private static final int SAMPLE = 2000;

    private Silhouette() {}

    static double of(double[][] x, int[] assignment, int k, long seed) {
        int n = x.length;
        int[] sizes = new int[k];
        for (int a : assignment) {
            sizes[a]++;
        }
        int[] sample = new int[Math.min(n, SAMPLE)];
        if (n <= SAMPLE) {
            for (int i = 0; i < n; i++) {
                sample[i] = i;
            }
        } else {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < sample.length; i++) {
                sample[i] = r.nextInt(n);
            }
        }
        double total = 0;
        double[] sums = new double[k];
        for (int i : sample) {
            java.util.Arrays.fill(sums, 0);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sums[assignment[j]] += FeatureSpace.distance(x[i], x[j]);
                }
            }
            int own = assignment[i];
            if (sizes[own] <= 1) {
                continue; // a singleton's silhouette is 0
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / sample.length;
    }
}
