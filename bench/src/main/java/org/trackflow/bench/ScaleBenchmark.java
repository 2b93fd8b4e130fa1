package org.trackflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.playlists.PlaylistBuilder;
import org.trackflow.pipeline.playlists.Playlists;
import org.trackflow.pipeline.playlists.SyntheticLibrary;

/**
 * The playlist stage and the neighbour index at library scale (issue 15), on {@link SyntheticLibrary}
 * rows written as Parquet in the output layout (no audio). One step per JVM, so that each step's peak
 * heap is its own; each prints one JSON line. bench/run-scale.sh runs the steps and writes the table.
 * <pre>
 *   ScaleBenchmark generate N OUT    write N rows as OUT/current/tracks.parquet
 *   ScaleBenchmark playlists OUT     the playlist stage (Playlists.update), as the post-run step runs it
 * </pre>
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        String step = args[0];
        Path out = Path.of(args[args.length - 1]).toAbsolutePath();
        long t0 = System.nanoTime();
        String extra;
        switch (step) {
            case "generate" -> {
                int n = Integer.parseInt(args[1]);
                Files.createDirectories(out);
                new CurrentView(new LocalStorage(), out.toUri().toString()).write(new SyntheticLibrary(n), 1);
                extra = String.format(Locale.ROOT, "\"tracks\":%d,\"bytes\":%d", n, Files.size(out.resolve("current/tracks.parquet")));
            }
            case "playlists" -> {
                CurrentView view = new CurrentView(new LocalStorage(), out.toUri().toString());
                Playlists.Summary s = Playlists.update(view, out.resolve("library"), PlaylistBuilder.Options.defaults());
                int min = s.playlists().stream().mapToInt(p -> p.tracks().size()).min().orElse(0);
                int max = s.playlists().stream().mapToInt(p -> p.tracks().size()).max().orElse(0);
                long stations = s.playlists().stream().map(PlaylistBuilder.Playlist::station).filter(java.util.Objects::nonNull)
                        .distinct().count();
                extra = String.format(Locale.ROOT, "\"playlists\":%d,\"stations\":%d,\"min_size\":%d,\"max_size\":%d,\"report_bytes\":%d",
                        s.playlists().size(), stations, min, max, Files.size(Path.of(java.net.URI.create(s.report()))));
            }
            default -> throw new IllegalArgumentException("unknown step " + step);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "{\"step\":\"%s\",\"seconds\":%.2f,\"peak_heap_mb\":%d,%s}%n", step, seconds, peakHeapMb(), extra);
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
