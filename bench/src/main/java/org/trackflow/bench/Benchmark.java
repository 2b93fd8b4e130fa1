package org.trackflow.bench;

import org.trackflow.udfs.frame.FrameGrid;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.trackflow.pipeline.flink.JobConfiguration;
import org.trackflow.pipeline.flink.TrackflowPipeline;
import org.trackflow.pipeline.flink.ops.ChunkFeatures;
import org.trackflow.pipeline.flink.ops.DecodeAndChunk;
import org.trackflow.pipeline.flink.ops.TrackAggregator;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.udfs.decode.Excerpts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * trackflow's throughput benchmark. On a generated library of 3-5 minute tracks in mp3, flac, opus and
 * m4a it measures, in one run so that ratios compare like with like on a shared machine:
 * <ol>
 *   <li>the CPU cost of each stage in a single-threaded profile ({@link StageProfile});</li>
 *   <li>the same analysis in a plain loop without Flink (the floor, and the baseline for Flink's overhead);</li>
 *   <li>the real job on a MiniCluster: full mode at parallelism 1 and N, fast mode at N;</li>
 *   <li>how far fast-mode features drift from full mode.</li>
 * </ol>
 * Prints a summary and writes JSON.
 */
@Command(name = "trackflow-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure trackflow's throughput, per-stage cost and fast-mode drift.")
public final class Benchmark implements Callable<Integer> {

    @Option(names = "--library", description = "Benchmark library, generated if missing (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench-library")
    Path library;

    @Option(names = "--tracks", description = "Tracks to generate (default: ${DEFAULT-VALUE}).", defaultValue = "40")
    int tracks;

    @Option(names = "--recordings", description = "A library of real recordings to measure instead (its audio files, "
            + "links followed, as they are; nothing generated).")
    Path recordings;

    @Option(names = "--parallelism", description = "Parallelism of the N run (default: cores).")
    Integer parallelism;

    @Option(names = "--profile-tracks", description = "Tracks in the stage profile (default: ${DEFAULT-VALUE}).",
            defaultValue = "8")
    int profileTracks;

    @Option(names = "--work", description = "Scratch folder for job outputs (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench/work")
    Path work;

    // literals, not Excerpts.FAST: run-bench.sh --against runs this code on older builds' modules
    @Option(names = "--fast-excerpts", description = "Excerpts per track of the fast-mode job (default: ${DEFAULT-VALUE}, "
            + "trackflow's default).", defaultValue = "12")
    int fastExcerpts;

    @Option(names = "--fast-excerpt-seconds", description = "Their length (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    double fastExcerptSeconds;

    @Option(names = "--quick", description = "Only the stage profile and the job at parallelism N, full and fast "
            + "(what bench/run-bench.sh --against compares).")
    boolean quick;

    @Option(names = "--json", description = "Where to write the results (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench/results/latest.json")
    Path json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        List<Path> files;
        if (recordings != null) {
            library = recordings;
            files = BenchLibrary.recordings(recordings);
            System.out.printf("Recordings %s (%d files) ...%n", library, files.size());
        } else {
            System.out.printf("Benchmark library %s (%d tracks of 3-5 min) ...%n", library, tracks);
            files = BenchLibrary.ensure(library, tracks);
        }
        double audioSeconds = BenchLibrary.totalSeconds(files);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("when", Instant.now().toString());
        out.put("machine", machine());
        out.put("library", Map.of("tracks", files.size(), "audio_hours", audioSeconds / 3600,
                "formats", BenchLibrary.formats(files)));

        System.out.println("Stage profile (one thread) ...");
        Map<String, Object> profile = StageProfile.run(files.subList(0, Math.min(profileTracks, files.size())));
        out.put("stage_profile", profile);

        System.out.printf("Flink job, full mode, parallelism %d ...%n", n);
        Map<String, Object> pn = flink("full-p" + n, n, Excerpts.WHOLE, false, files.size(), audioSeconds);
        System.out.printf("Flink job, fast mode, parallelism %d ...%n", n);
        Map<String, Object> fast = flink("fast-p" + n, n, new Excerpts(fastExcerpts, fastExcerptSeconds), false, files.size(), audioSeconds);
        out.put("flink_full_pN", pn);
        out.put("flink_fast_pN", fast);
        if (quick) {
            out.put("fast_mode_drift", drift(work.resolve("full-p" + n), work.resolve("fast-p" + n)));
            return write(out);
        }

        System.out.println("Plain loop, no Flink (one thread) ...");
        long t0 = System.nanoTime();
        TrackAnalysis analysis = new TrackAnalysis(FrameGrid.DEFAULT_ANALYSIS_RATE, 30);
        for (Path f : files) {
            analysis.analyse(f);
        }
        double plainLoop = (System.nanoTime() - t0) / 1e9;
        out.put("plain_loop", run(files.size(), audioSeconds, plainLoop, 1));

        System.out.println("Flink job, full mode, parallelism 1 ...");
        Map<String, Object> p1 = flink("full-p1", 1, Excerpts.WHOLE, false, files.size(), audioSeconds);
        System.out.printf("Flink job, full mode, parallelism %d, chunks spread over slots (--spread-chunks) ...%n", n);
        Map<String, Object> spread = flink("full-p" + n + "-spread", n, Excerpts.WHOLE, true, files.size(), audioSeconds);
        out.put("flink_full_p1", p1);
        out.put("flink_full_pN_spread_chunks", spread);

        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("scaling_pN_over_p1", (double) pn.get("tracks_per_hour") / (double) p1.get("tracks_per_hour"));
        ratios.put("flink_overhead_p1_vs_plain_loop", (double) p1.get("wall_s") / plainLoop - 1);
        ratios.put("flink_overhead_p1_job_time_vs_plain_loop", (double) p1.get("job_s") / plainLoop - 1);
        ratios.put("fast_over_full_pN", (double) fast.get("tracks_per_hour") / (double) pn.get("tracks_per_hour"));
        ratios.put("spread_over_chained_pN", (double) spread.get("tracks_per_hour") / (double) pn.get("tracks_per_hour"));
        out.put("ratios", ratios);
        out.put("fast_mode_drift", drift(work.resolve("full-p" + n), work.resolve("fast-p" + n)));
        return write(out);
    }

    private int write(Map<String, Object> out) throws java.io.IOException {
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, Json.write(out) + "\n");
        System.out.println();
        System.out.println(Json.write(out));
        System.out.printf("%nWritten to %s%n", json);
        return 0;
    }

    private static Map<String, Object> run(int tracks, double audioSeconds, double wall, int parallelism) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parallelism", parallelism);
        m.put("wall_s", wall);
        m.put("tracks_per_hour", tracks / wall * 3600);
        m.put("realtime_factor", audioSeconds / wall);
        m.put("cpu_s_per_track", wall * parallelism / tracks);
        return m;
    }

    private Map<String, Object> flink(String name, int p, Excerpts excerpts, boolean spread, int tracks, double audioSeconds)
            throws Exception {
        return flink(library, work, name, p, excerpts, spread, tracks, audioSeconds);
    }

    /** The job on {@code library} into {@code work/name}, timed, with its accumulators. */
    static Map<String, Object> flink(Path library, Path work, String name, int p, Excerpts excerpts, boolean spread, int tracks,
                                     double audioSeconds) throws Exception {
        Path out = work.resolve(name);
        deleteRecursively(out);
        Configuration conf = JobConfiguration.of(new Configuration(), "10s");
        conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                work.resolve("checkpoints").toAbsolutePath().toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        env.setParallelism(p);
        TrackflowPipeline.define(env, TrackflowPipeline.Settings.full(library.toAbsolutePath().toString(),
                out.toAbsolutePath().toUri().toString(), FrameGrid.DEFAULT_ANALYSIS_RATE, 30).withExcerpts(excerpts).withSpreadChunks(spread));
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("trackflow benchmark " + name);
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = run(tracks, audioSeconds, wall, p);
        // The job's own run time, without starting the MiniCluster (a fixed cost per run, not per track).
        m.put("job_s", result.getNetRuntime() / 1000.0);
        m.put("tracks_ok", result.getAccumulatorResult(TrackAggregator.TRACKS_OK));
        m.put("tracks_error", result.getAccumulatorResult(TrackAggregator.TRACKS_ERROR));
        m.put("decode_cpu_s", ((Number) result.getAccumulatorResult(DecodeAndChunk.DECODE_NANOS)).doubleValue() / 1e9);
        m.put("features_cpu_s", ((Number) result.getAccumulatorResult(ChunkFeatures.FEATURE_NANOS)).doubleValue() / 1e9);
        return m;
    }

    /** Median and 95th percentile of |fast - full| per feature, tempo and key agreement. */
    static Map<String, Object> drift(Path full, Path fast) throws Exception {
        String[] scalars = {"bpm", "onset_rate", "danceability", "loudness_lufs", "loudness_range_lu", "peak_dbfs",
                "dynamic_complexity", "rms_mean", "zcr_mean", "spectral_centroid_mean", "spectral_bandwidth_mean",
                "spectral_rolloff_mean", "spectral_flatness_mean", "spectral_flux_mean", "key_strength"};
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE VIEW a AS SELECT * FROM read_parquet('" + full.toAbsolutePath() + "/tracks/**/*.parquet')");
            st.execute("CREATE VIEW b AS SELECT * FROM read_parquet('" + fast.toAbsolutePath() + "/tracks/**/*.parquet')");
            for (String col : scalars) {
                try (ResultSet rs = st.executeQuery("SELECT median(abs(a." + col + " - b." + col + ")), "
                        + "quantile_cont(abs(a." + col + " - b." + col + "), 0.95), median(abs(a." + col + ")) "
                        + "FROM a JOIN b USING (track_id)")) {
                    rs.next();
                    m.put(col, Map.of("median_abs_diff", rs.getDouble(1), "p95_abs_diff", rs.getDouble(2),
                            "median_full_value", rs.getDouble(3)));
                }
            }
            // Both modes finding no tempo (no key) is agreement: NULL = NULL is not true in SQL, so say it.
            try (ResultSet rs = st.executeQuery("SELECT avg(CASE WHEN (a.key = b.key AND a.scale = b.scale) "
                    + "OR (a.key IS NULL AND b.key IS NULL) THEN 1 ELSE 0 END), "
                    + "avg(CASE WHEN abs(a.bpm - b.bpm) <= 0.04 * a.bpm OR (a.bpm IS NULL AND b.bpm IS NULL) THEN 1 ELSE 0 END), "
                    + "median(list_cosine_similarity(a.mfcc_mean, b.mfcc_mean)), "
                    + "avg(CASE WHEN abs(a.loudness_lufs - b.loudness_lufs) <= 0.5 THEN 1 ELSE 0 END), count(*) "
                    + "FROM a JOIN b USING (track_id) WHERE a.status = 'ok' AND b.status = 'ok'")) {
                rs.next();
                m.put("key_same_share", rs.getDouble(1));
                m.put("bpm_within_4pct_share", rs.getDouble(2));
                m.put("mfcc_mean_median_cosine", rs.getDouble(3));
                m.put("loudness_within_0_5_lu_share", rs.getDouble(4));
                m.put("tracks_compared", rs.getLong(5));
            }
        }
        return m;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try {
            m.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?"));
        } catch (IOException e) {
            m.put("cpu", "?");
        }
        m.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList());
        return m;
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(x);
            }
        }
    }
}
