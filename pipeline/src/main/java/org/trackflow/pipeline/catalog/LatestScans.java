package org.trackflow.pipeline.catalog;

import java.util.Arrays;

/** Track id -> latest scan, as two sorted primitive arrays (no object per track): the compactor's index. */
final class LatestScans {
    private long[] ids = new long[1024];
    private long[] scans = new long[1024];
    private boolean[] taken;
    private int n;

    void put(long id, long scan) {
        if (n == ids.length) {
            ids = Arrays.copyOf(ids, 2 * n);
            scans = Arrays.copyOf(scans, 2 * n);
        }
        ids[n] = id;
        scans[n] = scan;
        n++;
    }

    /** Sorts by id, keeping the latest scan of each. */
    void seal() {
        long[][] pairs = new long[n][];
        for (int i = 0; i < n; i++) {
            pairs[i] = new long[] {ids[i], scans[i]};
        }
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (k == 0 || pairs[i][0] != ids[k - 1]) {
                ids[k] = pairs[i][0];
                scans[k] = pairs[i][1];
                k++;
            }
        }
        n = k;
        ids = Arrays.copyOf(ids, n);
        scans = Arrays.copyOf(scans, n);
        taken = new boolean[n];
    }

    boolean contains(long id) {
        int i = Arrays.binarySearch(ids, id);
        return i >= 0 && !taken[i];
    }

    long scan(long id) {
        return scans[Arrays.binarySearch(ids, id)];
    }

    /** The current view keeps its own (newer) row of this track: newer history has no word on it. */
    void drop(long id) {
        int i = Arrays.binarySearch(ids, id);
        if (i >= 0) {
            taken[i] = true;
        }
    }

    /** Whether this (id, scan) row is the track's last word, the first time it is asked. */
    boolean take(long id, long scan) {
        int i = Arrays.binarySearch(ids, id);
        if (i < 0 || scans[i] != scan || taken[i]) {
            return false;
        }
        taken[i] = true;
        return true;
    }
}
