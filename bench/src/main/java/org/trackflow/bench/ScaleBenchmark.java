package org.trackflow.bench;

import org.trackflow.pipeline.catalog.Output;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.fixtures.ExactSearch;
import org.trackflow.pipeline.fixtures.SyntheticLibrary;
import org.trackflow.pipeline.neighbours.NeighbourIndex;
import org.trackflow.pipeline.neighbours.Neighbours;

/**
 * The after-scan stage and the neighbour index at library scale (issues 15 and 25), on {@link SyntheticLibrary}
 * rows written as Parquet in the output layout, beside sparse files of the same sizes and times (a scan finds
 * them unchanged: the rows stand for their audio). One step per JVM; each prints one JSON line.
 * bench/run-scale.sh runs the stage through the job on a cluster and writes the table.
 * <pre>
 *   ScaleBenchmark generate N OUT LIBRARY   write N rows as OUT/current/tracks.parquet, and the library's files
 *   ScaleBenchmark query N OUT              on the index: load time, latency of similar -n 30 and path -n 20 (as the
 *                                           CLI computes them, without writing M3U8), recall at 10 of the graph
 *                                           against exact search of the same vectors
 * </pre>
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        String step = args[0];
        Path out = Path.of(args[2]).toAbsolutePath();
        HeapSampler heap = new HeapSampler();
        heap.start();
        long t0 = System.nanoTime();
        String extra;
        switch (step) {
            case "generate" -> {
                int n = Integer.parseInt(args[1]);
                Files.createDirectories(out);
                new CurrentView(new Output(new LocalStorage(), out.toUri().toString())).write(new SyntheticLibrary(n), 1);
                new SyntheticLibrary(n).files(Path.of(args[3]).toAbsolutePath());
                extra = String.format(Locale.ROOT, "\"tracks\":%d,\"bytes\":%d", n, Files.size(out.resolve("current/tracks.parquet")));
            }
            case "query" -> extra = query(Integer.parseInt(args[1]), out);
            default -> throw new IllegalArgumentException("unknown step " + step);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "{\"step\":\"%s\",\"seconds\":%.2f,\"peak_heap_mb\":%d,\"pool_peaks_mb\":%d,%s}%n", step, seconds,
                heap.peak() >> 20, peakHeapMb(), extra);
    }

    private static String query(int n, Path out) throws Exception {
        CurrentView view = new CurrentView(new Output(new LocalStorage(), out.toUri().toString()));
        SyntheticLibrary library = new SyntheticLibrary(n);
        long t0 = System.nanoTime();
        try (Neighbours nb = Neighbours.open(view, false)) {
            double open = (System.nanoTime() - t0) / 1e6;
            if (!nb.indexed()) {
                throw new IllegalStateException("no current index in " + out);
            }
            // warm-up: the first queries load classes and the sample
            for (int i = 0; i < 5; i++) {
                nb.similar(nb.find(library.row(i * 7).getTrackId()), 30);
            }
            int queries = 100;
            double[] similar = new double[queries];
            double[] path = new double[queries / 5];
            for (int q = 0; q < queries; q++) {
                long t = System.nanoTime();
                nb.similar(nb.find(library.row((int) ((long) q * n / queries)).getPath()), 30);
                similar[q] = (System.nanoTime() - t) / 1e6;
            }
            for (int q = 0; q < path.length; q++) {
                long t = System.nanoTime();
                nb.path(nb.find(library.row((int) ((long) q * n / path.length)).getTrackId()),
                        nb.find(library.row((int) ((long) q * n / path.length + n / 2) % n).getTrackId()), 20);
                path[q] = (System.nanoTime() - t) / 1e6;
            }
            // recall of the graph at 10 against exact search over the same vectors
            int found = 0;
            int asked = 0;
            double exactMs = 0;
            try (NeighbourIndex index = NeighbourIndex.open(view)) {
                for (int q = 0; q < 100; q++) {
                    float[] v = index.vector(library.row((int) ((long) q * n / 100 + 3) % n));
                    long t = System.nanoTime();
                    java.util.Set<Integer> exact = new java.util.HashSet<>(ExactSearch.nearest(out.resolve("index"), v, 10));
                    exactMs += (System.nanoTime() - t) / 1e6;
                    found += (int) index.nearestDocs(v, 10).stream().filter(exact::contains).count();
                    asked += 10;
                }
            }
            return String.format(Locale.ROOT, "\"open_ms\":%.0f,\"similar_p50_ms\":%.1f,\"similar_p95_ms\":%.1f,"
                            + "\"path_p50_ms\":%.1f,\"path_p95_ms\":%.1f,\"recall_at_10\":%.3f,\"exact_search_ms\":%.1f",
                    open, quantile(similar, 0.5), quantile(similar, 0.95), quantile(path, 0.5), quantile(path, 0.95),
                    (double) found / asked, exactMs / 100);
        }
    }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[(int) Math.round(q * (s.length - 1))];
    }

    /** The most heap in use (live and garbage), sampled every 20 ms. */
    static final class HeapSampler extends Thread {
        private volatile long peak;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peak() {
            return Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap the step needed. */
    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
