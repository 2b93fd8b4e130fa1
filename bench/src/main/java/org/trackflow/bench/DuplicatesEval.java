package org.trackflow.bench;

import org.trackflow.pipeline.catalog.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.schemas.TrackRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.trackflow.pipeline.duplicates.Duplicates;
import org.trackflow.pipeline.playlists.PlaylistStore;

/**
 * Checks the duplicate groups of an output made by {@code bench/run-duplicates.sh}: {@code copies/<path>.copy-*}
 * is a copy of {@code <path>.*}; every other file is a recording of its own.
 */
@Command(name = "trackflow-duplicates-eval", mixinStandardHelpOptions = true)
public final class DuplicatesEval implements Callable<Integer> {
    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--results", defaultValue = "bench/results/duplicates.md")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DuplicatesEval()).execute(args));
    }

    /** The recording a file holds: its original's path without extension. */
    static String truth(String path) {
        String p = path.startsWith("copies/") ? path.substring("copies/".length()).replaceFirst("\\.copy-[^/]*$", "") : path;
        return p.replaceFirst("\\.[^./]+$", "");
    }

    @Override
    public Integer call() throws Exception {
        CurrentView view = new CurrentView(new Output(new LocalStorage(), Storage.location(out)));
        long t0 = System.nanoTime();
        List<Duplicates.Group> groups = Duplicates.update(view);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<TrackRecord> rows = view.rows().stream().filter(r -> "ok".equals(r.getStatus())).toList();
        Map<String, Set<String>> expected = new HashMap<>();
        rows.forEach(r -> expected.computeIfAbsent(truth(r.getPath()), k -> new HashSet<>()).add(r.getPath()));
        Map<String, String> groupOf = new HashMap<>();
        for (Duplicates.Group g : groups) {
            g.copies().forEach(c -> groupOf.put(c.getPath(), g.recordingId()));
        }
        int copies = 0;
        int missed = 0;
        for (Set<String> files : expected.values()) {
            if (files.size() < 2) {
                continue;
            }
            copies += files.size() - 1;
            // the files of one recording must share one group
            Map<String, Integer> byGroup = new HashMap<>();
            files.forEach(f -> byGroup.merge(String.valueOf(groupOf.get(f)), 1, Integer::sum));
            int largest = byGroup.entrySet().stream().filter(e -> !e.getKey().equals("null")).mapToInt(Map.Entry::getValue).max().orElse(1);
            missed += files.size() - Math.max(1, largest);
        }
        int falseMerges = 0;
        for (Duplicates.Group g : groups) {
            Set<String> recordings = new HashSet<>();
            g.copies().forEach(c -> recordings.add(truth(c.getPath())));
            falseMerges += recordings.size() - 1;
        }
        long multi = expected.values().stream().filter(s -> s.size() > 1).count();
        String md = String.format(Locale.ROOT, """
                # Duplicates on real music

                %d analysed files (`bench/run-duplicates.sh`): %d different recordings from %d Debian music packages, %d of
                them also as 4 copies each (MP3 128 kb/s, Opus 96 kb/s, FLAC at 48 kHz, WAV with 1 s of silence in front).

                | | count |
                |---|---|
                | groups found | %d (expected %d) |
                | copies that should join their original's group | %d |
                | missed merges (a copy outside its original's group) | %d |
                | false merges (another recording in a group) | %d |

                Grouping took %.2f s (fingerprints from the rows; nothing decoded).
                """, rows.size(), expected.size(), expected.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().count(), multi, groups.size(), multi, copies, missed, falseMerges, seconds);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, md);
        System.out.print(md);
        return 0;
    }
}
