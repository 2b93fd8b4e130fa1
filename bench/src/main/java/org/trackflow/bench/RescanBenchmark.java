package org.trackflow.bench;

import org.trackflow.pipeline.catalog.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.trackflow.pipeline.catalog.ChangeDetector;
import org.trackflow.pipeline.catalog.ContentKey;
import org.trackflow.pipeline.catalog.Manifest;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.ManifestReader;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.analysis.FeatureSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long a rescan takes on a large library: N small files whose rows are all in the current view, then
 * the scan's work (refresh the view, read the manifest from it, walk and diff the library) with nothing
 * changed and with 100 files touched. File system metadata only: nothing is decoded.
 */
@Command(name = "trackflow-rescan-bench", mixinStandardHelpOptions = true)
public final class RescanBenchmark implements Callable<Integer> {
    @Option(names = "--files", defaultValue = "100000", description = "Files in the library (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--dir", defaultValue = "bench/work/rescan", description = "Scratch folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--json", defaultValue = "bench/results/rescan.json", description = "Results (default: ${DEFAULT-VALUE}).")
    Path json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RescanBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path library = dir.resolve("library");
        Path out = dir.resolve("out");
        Benchmark.deleteRecursively(out);
        System.out.printf("Writing %d files ...%n", files);
        List<String> paths = writeLibrary(library);
        CurrentView output = new CurrentView(new Output(new LocalStorage(), out.toAbsolutePath().toUri().toString()));
        output.write(() -> rows(library, paths), 1);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("when", Instant.now().toString());
        result.put("files", files);
        System.gc();
        result.put("no_change", rescan(library, output));
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            Path p = library.resolve(paths.get(r.nextInt(paths.size())));
            Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 1000));
        }
        result.put("hundred_touched", rescan(library, output));
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, Json.write(result) + "\n");
        System.out.println(Json.write(result));
        return 0;
    }

    private Map<String, Object> rescan(Path library, CurrentView output) throws Exception {
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        Manifest manifest = ManifestReader.read(output);
        long t1 = System.nanoTime();
        ChangeDetector.Result r = ChangeDetector.detect(library, manifest, new ChangeDetector.Options(false, false, FeatureSet.VERSION));
        long t2 = System.nanoTime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_s", (t2 - t0) / 1e9);
        m.put("read_manifest_s", (t1 - t0) / 1e9);
        m.put("walk_and_diff_s", (t2 - t1) / 1e9);
        m.put("scanned", r.scanned());
        m.put("unchanged", r.unchanged());
        m.put("changes", r.changes().size());
        m.put("heap_growth_mb", Math.max(0, usedHeap() - heapBefore) / 1e6);
        return m;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private List<String> writeLibrary(Path library) throws Exception {
        List<String> paths = new ArrayList<>(files);
        SplittableRandom r = new SplittableRandom(7);
        byte[] data = new byte[2048];
        for (int i = 0; i < files; i++) {
            String rel = String.format("artist %03d/album %02d/track %06d.mp3", i % 500, i % 7, i);
            Path p = library.resolve(rel);
            if (!Files.exists(p)) {
                Files.createDirectories(p.getParent());
                r.nextBytes(data);
                Files.write(p, data);
            }
            paths.add(rel);
        }
        return paths;
    }

    private static Iterator<TrackRecord> rows(Path library, List<String> paths) {
        Iterator<String> it = paths.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public TrackRecord next() {
                String rel = it.next();
                try {
                    Path p = library.resolve(rel);
                    long key = ContentKey.of(p);
                    return TrackRecord.newBuilder().setTrackId(ContentKey.hex(ChangeDetector.newTrackId(rel, key)))
                            .setPath(rel).setSizeBytes(Files.size(p)).setMtimeMs(Files.getLastModifiedTime(p).toMillis())
                            .setStatus("ok").setAnalyzedAt(Instant.now()).setAnalysisMode("full").setScanId(1)
                            .setChange("new").setContentKey(ContentKey.hex(key)).setFeaturesVersion(FeatureSet.VERSION)
                            .setBpm(120.0).setKey("C").setScale("major").build();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }
}
