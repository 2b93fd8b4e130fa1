package org.trackflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trackflow.udfs.decode.Excerpts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fast mode against full mode on real recordings: the job once in full mode, then in fast mode with each
 * excerpt plan asked for (count x seconds), all in this one run; per plan its tracks per hour and how often
 * it agrees with full mode on the key, the tempo (within 4 %) and the integrated loudness (within 0.5 LU).
 * Writes a Markdown table and JSON.
 */
@Command(name = "trackflow-fast-mode-eval", mixinStandardHelpOptions = true,
        description = "Fast-mode excerpt plans against full mode on a library of real recordings.")
public final class FastModeEval implements Callable<Integer> {
    @Option(names = "--recordings", required = true, description = "Library of real recordings.")
    Path recordings;

    @Option(names = "--plans", split = ",", description = "Excerpt plans, COUNTxSECONDS (default: ${DEFAULT-VALUE}).",
            defaultValue = "3x20,8x8,12x8,16x6,10x10")
    List<String> plans;

    @Option(names = "--parallelism", description = "Parallelism of the jobs (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int parallelism;

    @Option(names = "--work", description = "Scratch folder (default: ${DEFAULT-VALUE}).", defaultValue = "bench/work/fast-mode")
    Path work;

    @Option(names = "--results", description = "Markdown file to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench/results/fast-mode.md")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FastModeEval()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files = BenchLibrary.recordings(recordings);
        double audio = BenchLibrary.totalSeconds(files);
        System.out.printf("%d recordings, %.1f h; full mode ...%n", files.size(), audio / 3600);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("library", Map.of("tracks", files.size(), "audio_hours", audio / 3600, "formats", BenchLibrary.formats(files)));
        Map<String, Object> full = Benchmark.flink(recordings, work, "full", parallelism, Excerpts.WHOLE, false, files.size(), audio);
        out.put("full", full);
        List<String[]> rows = new ArrayList<>();
        Map<String, Object> byPlan = new LinkedHashMap<>();
        for (String plan : plans) {
            String[] p = plan.toLowerCase(Locale.ROOT).split("x");
            Excerpts excerpts = new Excerpts(Integer.parseInt(p[0]), Double.parseDouble(p[1]));
            System.out.printf("fast mode, %d x %.0f s ...%n", excerpts.count(), excerpts.seconds());
            Map<String, Object> run = Benchmark.flink(recordings, work, "fast-" + plan, parallelism, excerpts, false, files.size(), audio);
            Map<String, Object> drift = Benchmark.drift(work.resolve("full"), work.resolve("fast-" + plan));
            run.put("drift", drift);
            byPlan.put(plan, run);
            @SuppressWarnings("unchecked")
            Map<String, Object> loudness = (Map<String, Object>) drift.get("loudness_lufs");
            rows.add(new String[] {plan, String.format(Locale.ROOT, "%.0f", (double) run.get("tracks_per_hour")),
                    String.format(Locale.ROOT, "%.2f", (double) full.get("wall_s") / (double) run.get("wall_s")),
                    pct(drift.get("bpm_within_4pct_share")), pct(drift.get("key_same_share")),
                    pct(drift.get("loudness_within_0_5_lu_share")),
                    String.format(Locale.ROOT, "%.2f", (double) loudness.get("p95_abs_diff"))});
        }
        out.put("fast", byPlan);
        StringBuilder md = new StringBuilder("# Fast mode on real recordings\n\n");
        md.append(String.format(Locale.ROOT, "%d recordings (%s), %.1f h of audio, parallelism %d; full mode %.0f tracks/h. "
                + "`bench/run-fast-mode.sh` rebuilds it.%n%n", files.size(), BenchLibrary.formats(files), audio / 3600, parallelism,
                (double) full.get("tracks_per_hour")));
        md.append("| excerpts | tracks/h | speed-up over full | tempo within 4 % of full | key = full | loudness within 0.5 LU "
                + "| loudness p95 \\|diff\\|, LU |\n|---|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append("\nTargets (issue 16): tempo ≥ 95 %, key ≥ 90 %, loudness within 0.5 LU ≥ 95 %.\n");
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, md.toString());
        Files.writeString(Path.of(results.toString().replaceAll("\\.md$", "") + ".json"), Json.write(out) + "\n");
        System.out.print(md);
        return 0;
    }

    private static String pct(Object share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * ((Number) share).doubleValue());
    }
}
