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
import org.trackflow.pipeline.neighbours.IndexBuilder;
import org.trackflow.pipeline.neighbours.NeighbourIndex;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.stage.PlaylistStage;

/**
 * The playlist stage and the neighbour index at library scale (issue 15), on {@link SyntheticLibrary}
 * rows written as Parquet in the output layout (no audio). One step per JVM, so that each step's peak
 * heap is its own; each prints one JSON line. bench/run-scale.sh runs the steps and writes the table.
 * <pre>
 *   ScaleBenchmark generate N OUT    write N rows as OUT/current/tracks.parquet
 *   ScaleBenchmark playlists OUT     the playlist stage (PlaylistStage.update: playlists, report, index), as the
 *                                    post-run step runs it, from no previous playlists
 *   ScaleBenchmark index OUT         the neighbour index alone, built anew
 *   ScaleBenchmark query N OUT       on the index: load time, latency of similar -n 30 and path -n 20 (as the
 *                                    CLI computes them, without writing M3U8), recall at 10 of the graph
 *                                    against exact search of the same vectors
 * </pre>
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        String step = args[0];
        Path out = Path.of(args[args.length - 1]).toAbsolutePath();
        HeapSampler heap = new HeapSampler();
        heap.start();
        long t0 = System.nanoTime();
        String extra;
        switch (step) {
            case "generate" -> {
                int n = Integer.parseInt(args[1]);
                Files.createDirectories(out);
                new CurrentView(new Output(new LocalStorage(), out.toUri().toString())).write(new SyntheticLibrary(n), 1);
                extra = String.format(Locale.ROOT, "\"tracks\":%d,\"bytes\":%d", n, Files.size(out.resolve("current/tracks.parquet")));
            }
            case "playlists" -> {
                deleteIndex(out);
                deleteTree(out.resolve("playlists"));
                CurrentView view = new CurrentView(new Output(new LocalStorage(), out.toUri().toString()));
                PlaylistStage.Summary s = PlaylistStage.update(view, out.resolve("library"), PlaylistOptions.defaults(), false);
                int min = s.listed().stream().mapToInt(PlaylistStage.Listed::size).min().orElse(0);
                int max = s.listed().stream().mapToInt(PlaylistStage.Listed::size).max().orElse(0);
                long stations = s.playlists().stream().map(Playlist::station).filter(java.util.Objects::nonNull)
                        .distinct().count();
                extra = String.format(Locale.ROOT, "\"playlists\":%d,\"stations\":%d,\"min_size\":%d,\"max_size\":%d,\"report_bytes\":%d,"
                                + "\"indexed\":%b", s.playlists().size(), stations, min, max, Files.size(Path.of(java.net.URI.create(s.report()))),
                        s.indexed());
            }
            case "index" -> {
                CurrentView view = new CurrentView(new Output(new LocalStorage(), out.toUri().toString()));
                java.util.List<org.trackflow.schemas.TrackRecord> rows = PlaylistStage.rows(view, true).stream()
                        .filter(FeatureSpace::usable).toList();
                FeatureSpace space = FeatureSpace.fit(rows);
                int usable = rows.size();
                rows = null;
                long t1 = System.nanoTime();
                deleteIndex(out);
                boolean built = IndexBuilder.update(view, space, usable);
                extra = String.format(Locale.ROOT, "\"built\":%b,\"build_seconds\":%.2f,\"index_bytes\":%d", built,
                        (System.nanoTime() - t1) / 1e9, size(view.output().index()));
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

    private static void deleteIndex(Path out) throws java.io.IOException {
        deleteTree(out.resolve("index"));
    }

    private static void deleteTree(Path f) throws java.io.IOException {
        if (Files.exists(f)) {
            try (var s = Files.walk(f)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static long size(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
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
