package org.trackflow.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.trackflow.pipeline.ops.ChunkFeatures;
import org.trackflow.pipeline.ops.DecodeAndChunk;
import org.trackflow.pipeline.ops.TrackAggregator;
import org.trackflow.pipeline.ops.TrackRecordCounter;
import org.trackflow.pipeline.playlists.PlaylistBuilder;
import org.trackflow.pipeline.playlists.Playlists;
import org.trackflow.pipeline.state.OutputState;
import org.trackflow.udfs.analysis.FeatureSet;
import org.trackflow.udfs.audio.AudioDecoder.Excerpts;
import org.trackflow.udfs.synth.DemoLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * trackflow's command line: analyses a music library into Parquet. {@code --local} runs it on an embedded
 * MiniCluster with the web UI (what {@code run-local.sh} does); without it, the job goes to the cluster
 * of the calling context ({@code flink run}).
 */
@Command(name = "trackflow", mixinStandardHelpOptions = true, version = "trackflow 0.1.0", sortOptions = false,
        subcommands = Similar.class,
        description = "Analyse a music library into audio features (Parquet), as an Apache Flink job.")
public final class TrackflowJob implements Callable<Integer> {
    static final String DEMO_LIBRARY = "demo-library";
    static final int DEMO_TRACKS_PER_STYLE = 6;

    @Option(names = "--library", paramLabel = "DIR",
            description = "Library folder to analyse (default: ./${DEFAULT-VALUE}, a demo library generated on first use).",
            defaultValue = DEMO_LIBRARY)
    String library;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "trackflow-out")
    String out;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Parallel task slots (default: local runs one per core, clusters their own default).")
    Integer parallelism;

    @Option(names = "--chunk-seconds", paramLabel = "S",
            description = "Audio per chunk; longer files are split across slots (default: ${DEFAULT-VALUE}).",
            defaultValue = "30")
    double chunkSeconds;

    @Option(names = "--analysis-rate", paramLabel = "HZ",
            description = "Sample rate of the analysis signal, 16000-48000 (default: ${DEFAULT-VALUE}).", defaultValue = "22050")
    int analysisRate;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
            description = "Checkpoint interval, e.g. 10s, 1min (default: the Flink configuration's, else 10s).")
    String checkpointInterval;

    /** How the job scans. */
    enum Mode { once, watch }

    @Option(names = "--mode", paramLabel = "MODE",
            description = "once: scan, analyse what changed, finish (for cron/systemd/launchd); watch: rescan every --scan-interval, forever (default: ${DEFAULT-VALUE}).",
            defaultValue = "once")
    Mode mode;

    @Option(names = "--scan-interval", paramLabel = "DURATION",
            description = "Time between scans in watch mode, e.g. 15min, 1h (default: ${DEFAULT-VALUE}).", defaultValue = "15min")
    String scanInterval;

    @Option(names = "--retry-errors", description = "Retry files that failed before even if unchanged since.")
    boolean retryErrors;

    @Option(names = "--reanalyze-outdated",
            description = "Re-analyse tracks analysed by an older feature set (otherwise they are kept, and counted in the summary).")
    boolean reanalyzeOutdated;

    @Option(names = "--playlists", paramLabel = "K",
            description = "Number of playlists (default: chosen by silhouette within --playlist-size).")
    int playlists;

    @Option(names = "--playlist-size", paramLabel = "MIN-MAX",
            description = "Target playlist size range (default: ${DEFAULT-VALUE}; libraries under 2 x MIN allow 6).",
            defaultValue = "20-60")
    String playlistSize;

    @Option(names = "--fast",
            description = "Fast mode: analyse a few excerpts per track (--fast-excerpts, --fast-excerpt-seconds), reached by seeking rather than decoding the whole file.")
    boolean fast;

    @Option(names = "--fast-excerpts", paramLabel = "N", description = "Excerpts per track in fast mode (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int fastExcerpts;

    @Option(names = "--fast-excerpt-seconds", paramLabel = "S",
            description = "Length of each fast-mode excerpt (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    double fastExcerptSeconds;

    @Option(names = "--spread-chunks",
            description = "Spread each file's chunks over all slots (for a few very long files); by default a file is decoded and analysed in one slot, which costs less.")
    boolean spreadChunks;

    @Option(names = "--local", description = "Run on an embedded MiniCluster (with the Flink web UI).")
    boolean local;

    @Option(names = "--conf-dir", paramLabel = "DIR",
            description = "Flink configuration folder for --local runs (default: ${DEFAULT-VALUE}).", defaultValue = "conf")
    String confDir;

    @Option(names = "--web-ui-port", paramLabel = "PORT",
            description = "Web UI port for --local runs; the next free one is taken if busy (default: ${DEFAULT-VALUE}).",
            defaultValue = "8081")
    int webUiPort;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrackflowJob()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Path libraryPath = Path.of(library).toAbsolutePath().normalize();
        // --out may be any file system Flink has (s3://..., hdfs://...); a plain path is a local folder.
        String outUri = hasScheme(out) ? out : Path.of(out).toAbsolutePath().normalize().toUri().toString();
        if (DEMO_LIBRARY.equals(library) && !Files.isDirectory(libraryPath)) {
            console.printf("Generating the demo library in %s ...%n", libraryPath);
            long t0 = System.nanoTime();
            int n = DemoLibrary.write(libraryPath, DEMO_TRACKS_PER_STYLE).size();
            console.printf("  %d tracks in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        }
        if (!Files.isDirectory(libraryPath)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "library folder not found: " + libraryPath);
        }
        if (analysisRate < 16_000 || analysisRate > 48_000) {
            // the spectral contrast bands reach 12.8 kHz and the mel bank is built for at least 8 kHz of band
            throw new CommandLine.ParameterException(new CommandLine(this), "--analysis-rate must be 16000 to 48000 Hz");
        }
        if (chunkSeconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--chunk-seconds must be at least 1");
        }

        StreamExecutionEnvironment env;
        String webUi = null;
        if (local) {
            Configuration conf = Files.isDirectory(Path.of(confDir))
                    ? GlobalConfiguration.loadConfiguration(Path.of(confDir).toAbsolutePath().toString())
                    : new Configuration();
            int port = freePort(webUiPort);
            conf.set(RestOptions.PORT, port);
            conf.addAll(jobConfiguration(conf, checkpointInterval, outUri));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            env.setParallelism(parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors());
            webUi = "http://localhost:" + port;
        } else {
            // Under `flink run` the environment carries the client's Flink configuration (the cluster's
            // config.yaml): its settings stand, trackflow's defaults fill only what it leaves open.
            env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.configure(jobConfiguration(Configuration.fromMap(env.getConfiguration().toMap()), checkpointInterval, outUri));
            if (parallelism != null) {
                env.setParallelism(parallelism);
            }
        }
        boolean watch = mode == Mode.watch;
        TrackflowPipeline.define(env, new TrackflowPipeline.Settings(libraryPath.toString(), outUri,
                analysisRate, chunkSeconds, fast ? new Excerpts(fastExcerpts, fastExcerptSeconds) : Excerpts.WHOLE,
                watch, parseDuration(scanInterval), retryErrors, reanalyzeOutdated, playlistOptions(), spreadChunks));

        console.printf("trackflow: analysing %s -> %s (parallelism %s, %.0f s chunks, %s mode)%n",
                libraryPath, display(outUri, ""), env.getParallelism() > 0 ? env.getParallelism() : "cluster default",
                chunkSeconds, fast ? "fast" : "full");
        if (webUi != null) {
            console.printf("Flink web UI: %s%n", webUi);
        }
        long t0 = System.nanoTime();
        // The scan the job will write (the source takes the same id): its committed rows are the summary.
        long scanId = new OutputState(outUri).nextScanId();
        JobExecutionResult result;
        String jobName = "trackflow " + libraryPath.getFileName();
        if (local) {
            JobClient client = env.executeAsync(jobName);
            String openEnded = watch ? "watching" : scanId > 1 ? "rescan" : null;
            try (Progress progress = new Progress(console, client, libraryPath, openEnded)) {
                result = client.getJobExecutionResult().get();
            }
        } else {
            result = env.execute(jobName);
            if (!result.isJobExecutionResult()) {
                // `flink run -d`: the job runs on; its rows are folded in by the next run's scan (or, in
                // watch mode, after each scan by the job itself).
                console.printf("submitted job %s (detached); rows appear under %s as checkpoints commit them%n",
                        result.getJobID(), display(outUri, TrackflowPipeline.TRACKS));
                return 0;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        // The scan's rows are committed: fold them into the current view right away.
        OutputState output = new OutputState(outUri);
        long scan = output.refresh();
        Playlists.Summary lists = Playlists.update(outUri, libraryPath, playlistOptions());
        printSummary(console, result, wall, outUri, output.scanCounts(scanId), scan, output);
        console.printf(Locale.ROOT, "  playlists:     %d (%s tracks) in %s%n", lists.playlists().size(),
                lists.playlists().stream().map(p -> Integer.toString(p.tracks().size())).collect(java.util.stream.Collectors.joining(", ")),
                display(outUri, "playlists"));
        for (PlaylistBuilder.Playlist p : lists.playlists()) {
            console.printf("                 %s%n", p.name());
        }
        console.printf("  M3U8:          %s (play: mpv --playlist=\"%s\")%n", display(outUri, "playlists/m3u"),
                lists.m3u().isEmpty() ? "<file>.m3u8" : display(lists.m3u().get(0).toUri().toString(), ""));
        console.printf("  report:        %s%n", display(lists.report().toUri().toString(), ""));
        return 0;
    }

    /** {@code s3://bucket/x}, {@code file:///x}: a URI rather than a local path. */
    static boolean hasScheme(String s) {
        return s.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*");
    }

    /** A location under the output for people: a local path where it is one, the URI otherwise. */
    static String display(String uri, String sub) {
        String u = sub.isEmpty() ? uri : uri.replaceAll("/+$", "") + "/" + sub;
        return u.startsWith("file:") ? java.nio.file.Paths.get(java.net.URI.create(u)).toString() : u;
    }

    PlaylistBuilder.Options playlistOptions() {
        String[] range = playlistSize.split("-");
        return new PlaylistBuilder.Options(playlists, Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()), 42);
    }

    /**
     * Job-level settings that hold wherever the job runs: the Flink configuration's value where it has
     * one ({@code conf/config.yaml} locally), trackflow's default otherwise, a command-line flag above both.
     */
    public static Configuration jobConfiguration(Configuration base, String checkpointInterval) {
        return jobConfiguration(base, checkpointInterval, null);
    }

    /** As above; checkpoints go under {@code outUri} unless the configuration names a place. */
    public static Configuration jobConfiguration(Configuration base, String checkpointInterval, String outUri) {
        Configuration c = new Configuration();
        // Checkpoints need a durable place; the output folder is one every TaskManager can already reach.
        if (outUri != null && !base.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, outUri.replaceAll("/+$", "") + "/_flink/checkpoints");
        }
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval != null
                ? parseDuration(checkpointInterval)
                : base.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).orElse(Duration.ofSeconds(10)));
        c.set(StateBackendOptions.STATE_BACKEND, base.getOptional(StateBackendOptions.STATE_BACKEND).orElse("rocksdb"));
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, base.getOptional(CheckpointingOptions.INCREMENTAL_CHECKPOINTS).orElse(true));
        // A bad file never fails the job (it becomes an error row); a lost TaskManager does: retry it.
        if (!base.contains(RestartStrategyOptions.RESTART_STRATEGY)) {
            c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
        }
        // Every record type has a proper serializer; falling back to Kryo would be a bug.
        c.set(PipelineOptions.GENERIC_TYPES, false);
        return c;
    }

    static Duration parseDuration(String s) {
        return org.apache.flink.util.TimeUtils.parseDuration(s);
    }

    private static int freePort(int from) {
        for (int p = from; p < from + 100; p++) {
            try (ServerSocket socket = new ServerSocket(p)) {
                return p;
            } catch (IOException busy) {
                // try the next one
            }
        }
        return 0;
    }

    private void printSummary(PrintStream console, JobExecutionResult result, double wall, String outUri,
                              OutputState.ScanCounts rows, long scan, OutputState output) throws IOException {
        // Counts come from the committed rows, not from accumulators: after a failover those hold only
        // what the last attempt did.
        double decodeS = value(result, DecodeAndChunk.DECODE_NANOS) / 1e9;
        double featureS = value(result, ChunkFeatures.FEATURE_NANOS) / 1e9;
        long tracks = rows.ok() + rows.errors();
        console.println();
        console.println("trackflow summary");
        if (tracks + rows.moved() + rows.deleted() == 0) {
            console.printf(Locale.ROOT, "  scan:          nothing changed since scan %d%n", scan);
        } else {
            console.printf(Locale.ROOT, "  scan:          %d: %d analysed (%d ok, %d errors), %d moved, %d deleted; unchanged files skipped%n",
                    rows.scan(), tracks, rows.ok(), rows.errors(), rows.moved(), rows.deleted());
        }
        long[] current = output.currentCounts(FeatureSet.VERSION);
        console.printf(Locale.ROOT, "  library:       %d tracks in the current view (%d ok, %d errors)%n", current[0], current[0] - current[1], current[1]);
        if (current[2] > 0) {
            console.printf(Locale.ROOT, "  note:          %d tracks were analysed by an older feature set (< v%d); --reanalyze-outdated re-analyses them%n",
                    current[2], FeatureSet.VERSION);
        }
        console.printf(Locale.ROOT, "  wall time:     %.1f s (job %.1f s)%n", wall, result.getNetRuntime() / 1000.0);
        console.printf(Locale.ROOT, "  throughput:    %.0f tracks/hour, %.0fx realtime (%.1f min of audio)%n",
                tracks / wall * 3600, rows.audioSeconds() / wall, rows.audioSeconds() / 60);
        console.printf(Locale.ROOT, "  CPU by stage:  decode %.1f s, features %.1f s (summed over slots%s)%n", decodeS, featureS,
                rows.ok() + rows.errors() > count(result, TrackAggregator.TRACKS_OK) + count(result, TrackAggregator.TRACKS_ERROR)
                        ? ", last attempt after a restart" : "");
        console.printf("  output:        %s (current view), %s (history)%n", display(outUri, OutputState.CURRENT),
                display(outUri, TrackflowPipeline.TRACKS));
        console.printf("  read it:       duckdb -c \"SELECT path, bpm, key, scale, loudness_lufs FROM '%s/*.parquet'\"%n",
                display(outUri, OutputState.CURRENT));
    }

    private static int count(JobExecutionResult r, String name) {
        Object v = r.getAccumulatorResult(name);
        return v == null ? 0 : ((Number) v).intValue();
    }

    private static double value(JobExecutionResult r, String name) {
        Object v = r.getAccumulatorResult(name);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

}
