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

    /**
     * The numbers the rule is chosen on: per kind of copy, the bit error rate and duration difference against
     * its original (the worst of each) and how many joined; and the different recordings that come closest
     * (the lowest BERs among pairs whose durations are within the duplicates' tolerance).
     */
    static String evidence(List<TrackRecord> rows, Map<String, String> groupOf) {
        Map<String, TrackRecord> byPath = new HashMap<>();
        rows.forEach(r -> byPath.put(r.getPath(), r));
        Map<String, TrackRecord> originals = new HashMap<>();
        rows.stream().filter(r -> !r.getPath().startsWith("copies/")).forEach(r -> originals.put(truth(r.getPath()), r));
        Map<String, double[]> kinds = new java.util.TreeMap<>(); // kind -> copies, joined, worst BER, worst |dt|
        for (TrackRecord r : rows) {
            if (!r.getPath().startsWith("copies/") || r.getFingerprint() == null) {
                continue;
            }
            TrackRecord o = originals.get(truth(r.getPath()));
            if (o == null || o.getFingerprint() == null) {
                continue;
            }
            String kind = r.getPath().replaceFirst(".*\\.copy-", "");
            double ber = org.trackflow.udfs.fingerprint.FingerprintMatcher.compare(items(o), items(r)).bitErrorRate();
            double dt = Math.abs(o.getDurationS() - r.getDurationS());
            double[] k = kinds.computeIfAbsent(kind, x -> new double[4]);
            k[0]++;
            k[1] += groupOf.get(r.getPath()) != null && groupOf.get(r.getPath()).equals(groupOf.get(o.getPath())) ? 1 : 0;
            k[2] = Math.max(k[2], ber);
            k[3] = Math.max(k[3], dt);
        }
        StringBuilder s = new StringBuilder("| copy | copies | joined | worst BER against the original | worst duration difference, s |\n|---|---|---|---|---|\n");
        kinds.forEach((k, v) -> s.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.3f | %.3f |%n", k, v[0], v[1], v[2], v[3])));
        List<TrackRecord> origs = originals.values().stream().filter(r -> r.getFingerprint() != null && r.getDurationS() != null)
                .sorted(java.util.Comparator.comparingDouble(TrackRecord::getDurationS)).toList();
        List<double[]> close = new java.util.ArrayList<>(); // BER, dt, i, j
        for (int i = 0; i < origs.size(); i++) {
            for (int j = i + 1; j < origs.size() && origs.get(j).getDurationS() - origs.get(i).getDurationS() <= 10; j++) {
                double ber = org.trackflow.udfs.fingerprint.FingerprintMatcher.compare(items(origs.get(i)), items(origs.get(j))).bitErrorRate();
                close.add(new double[] {ber, origs.get(j).getDurationS() - origs.get(i).getDurationS(), i, j});
            }
        }
        close.sort(java.util.Comparator.comparingDouble(a -> a[0]));
        s.append("\nThe different recordings that come closest (durations within 10 s):\n\n| BER | duration difference, s | recordings |\n|---|---|---|\n");
        for (double[] c : close.subList(0, Math.min(8, close.size()))) {
            s.append(String.format(Locale.ROOT, "| %.3f | %.2f | %s, %s |%n", c[0], c[1], origs.get((int) c[2]).getPath(), origs.get((int) c[3]).getPath()));
        }
        return s.toString();
    }

    private static int[] items(TrackRecord r) {
        return org.trackflow.udfs.fingerprint.FingerprintCompressor.decode(r.getFingerprint()).items();
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
        String evidence = evidence(rows, groupOf);
        String md = String.format(Locale.ROOT, """
                # Duplicates on real music

                %d analysed files (`bench/run-duplicates.sh`): %d different recordings from %d Debian music packages, %d of
                them also as 7 copies each (MP3 128 kb/s, Opus 96 kb/s, FLAC at 48 kHz, WAV with 1 s of silence in front,
                24-bit FLAC at 48, 88.2 and 96 kHz).

                | | count |
                |---|---|
                | groups found | %d (expected %d) |
                | copies that should join their original's group | %d |
                | missed merges (a copy outside its original's group) | %d |
                | false merges (another recording in a group) | %d |

                Grouping took %.2f s (fingerprints from the rows; nothing decoded).

                %s""", rows.size(), expected.size(), expected.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().count(), multi, groups.size(), multi, copies, missed, falseMerges, seconds, evidence);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, md);
        System.out.print(md);
        return 0;
    }
}
