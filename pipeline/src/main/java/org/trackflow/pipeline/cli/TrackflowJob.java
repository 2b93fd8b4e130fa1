package org.trackflow.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.RunLock;
import org.trackflow.pipeline.flink.TrackflowPipeline;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.udfs.decode.Excerpts;
import org.trackflow.udfs.frame.FrameGrid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * trackflow's command line: analyses a music library into Parquet. {@code --local} runs it on an embedded
 * MiniCluster with the web UI (what {@code run-local.sh} does); without it, the job goes to the cluster
 * of the calling context ({@code flink run}). The flow is one way: options become one {@link RunSettings};
 * {@link Launcher} runs the job from them (the job itself folds its rows into the current view and rebuilds
 * the playlists after each commit); {@link RunSummary} prints what it wrote.
 */
@Command(name = "trackflow", mixinStandardHelpOptions = true, version = "trackflow 0.1.0", sortOptions = false,
        subcommands = {Similar.class, PathCommand.class, DuplicatesCommand.class, ServeCommand.class, RadioCommand.class},
        description = "Analyse a music library into audio features (Parquet), as an Apache Flink job.")
public final class TrackflowJob implements Callable<Integer> {
    static final String DEMO_LIBRARY = "demo-library";

    @Option(names = "--library", paramLabel = "DIR",
            description = "Library folder to analyse (default: ./${DEFAULT-VALUE}, the demo library run-local.sh generates).",
            defaultValue = DEMO_LIBRARY, scope = CommandLine.ScopeType.INHERIT)
    String library;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder, or a URI such as s3://bucket/x (default: ${DEFAULT-VALUE}).",
            defaultValue = "trackflow-out", scope = CommandLine.ScopeType.INHERIT)
    String out;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Parallel task slots (default: local runs one per core, clusters their own default).")
    Integer parallelism;

    @Option(names = "--chunk-seconds", paramLabel = "S",
            description = "Audio per chunk; longer files are split across slots (default: ${DEFAULT-VALUE}).",
            defaultValue = "30")
    double chunkSeconds;

    @Option(names = "--analysis-rate", paramLabel = "HZ",
            description = "Sample rate of the analysis signal, 16000-48000 (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + FrameGrid.DEFAULT_ANALYSIS_RATE)
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

    @Option(names = "--playlist-size", paramLabel = "MIN-MAX", converter = SizeRange.Converter.class,
            description = "Playlist size range, MAX at least 2 x MIN - 1 (default: ${DEFAULT-VALUE}; libraries under 2 x MIN allow 6).",
            defaultValue = "20-60")
    SizeRange playlistSize;

    @Option(names = "--fast",
            description = "Fast mode: analyse a few excerpts per track (--fast-excerpts, --fast-excerpt-seconds), reached by seeking rather than decoding the whole file.")
    boolean fast;

    @Option(names = "--fast-excerpts", paramLabel = "N", description = "Excerpts per track in fast mode (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + Excerpts.FAST_COUNT)
    int fastExcerpts;

    @Option(names = "--fast-excerpt-seconds", paramLabel = "S",
            description = "Length of each fast-mode excerpt (default: ${DEFAULT-VALUE}).", defaultValue = "" + Excerpts.FAST_SECONDS)
    double fastExcerptSeconds;

    @Option(names = "--spread-chunks",
            description = "Spread each file's chunks over all slots (for a few very long files); by default a file is decoded and analysed in one slot, which costs less.")
    boolean spreadChunks;

    @Option(names = "--keep-duplicates", scope = CommandLine.ScopeType.INHERIT,
            description = "Keep every copy of a recording in playlists, similar and path (by default only its preferred copy).")
    boolean keepDuplicates;

    @Option(names = "--write-tags", arity = "0..1", fallbackValue = "on", paramLabel = "dry-run",
            description = "After each scan, write BPM, key and ReplayGain into the files analysed since the last write "
                    + "(safely: a verified copy renamed over the file); --write-tags=dry-run only lists what would change.")
    String writeTags;

    @Option(names = "--model", paramLabel = "FILE[=CARD]",
            description = "Run a learned model (ONNX) on every track: FILE, and its card (a shipped one by name: basic-pitch; or a card file; "
                    + "none: the shipped card that knows the file). Repeatable. The file must be at the same path on every TaskManager.")
    java.util.List<String> models = new java.util.ArrayList<>();

    @Option(names = "--serve", paramLabel = "PORT",
            description = "With --mode watch: also serve mixes, paths, playlists and the page over HTTP on PORT, as trackflow serve does.")
    Integer servePort;

    @CommandLine.Mixin
    ServeOptions serve;

    @Option(names = "--wait", description = "If another run writes to --out, wait for it to finish instead of exiting.")
    boolean waitForLock;

    @Option(names = "--local", description = "Run on an embedded MiniCluster (with the Flink web UI).")
    boolean local;

    @Option(names = "--conf-dir", paramLabel = "DIR",
            description = "Flink configuration folder for --local runs (default: ${DEFAULT-VALUE}).", defaultValue = "conf")
    String confDir;

    @Option(names = "--web-ui-port", paramLabel = "PORT",
            description = "Web UI port for --local runs; the next free one is taken if busy (default: ${DEFAULT-VALUE}).",
            defaultValue = "8081")
    int webUiPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether {@code --library} was given (else the output's recorded library is the one meant). */
    boolean libraryGiven() {
        if (spec == null || spec.commandLine().getParseResult() == null) {
            return false;
        }
        // an inherited option may be given after the subcommand's name: look through the whole command line
        for (CommandLine.ParseResult r = spec.commandLine().getParseResult(); r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--library")) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with trackflow's error reporting (tests run it too). */
    static CommandLine commandLine() {
        return Errors.install(new CommandLine(new TrackflowJob()));
    }

    @Override
    public Integer call() throws Exception {
        RunSettings settings = settings();
        Output output = OutputFolder.open(settings.job().out());
        if (servePort != null && mode != Mode.watch) {
            throw new UserError("--serve needs --mode watch (on its own, serve an output with: trackflow serve)");
        }
        RunLock lock = OutputFolder.lock(output, settings.waitForLock(), System.out);
        org.trackflow.pipeline.serve.TrackflowServer server = null;
        try {
            if (servePort != null) {
                server = ServeOptions.start(output, serve.settings(servePort, Path.of(library).toAbsolutePath().normalize(), keepDuplicates));
                System.out.printf("trackflow serve: http://%s:%d/ (the library appears once its first scan is through)%n",
                        ServeCommand.hostForUrl(serve.bind), server.port());
            }
            Launcher.Outcome run = Launcher.run(settings, output, System.out);
            if (run == null) {
                if (server != null) {
                    // detached, with --serve: the job runs on the cluster, and this process serves its output
                    // (each new scan swapped in) until it is stopped
                    System.out.println("trackflow serve: serving the detached job's output until this process is stopped (Ctrl-C)");
                    new java.util.concurrent.CountDownLatch(1).await();
                }
                return 0; // detached
            }
            RunSummary.print(System.out, run, output);
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** The options, checked, as the run's settings. */
    RunSettings settings() {
        Path libraryPath = Path.of(library).toAbsolutePath().normalize();
        if (!Files.isDirectory(libraryPath)) {
            throw new UserError("library folder not found: " + libraryPath
                    + (DEMO_LIBRARY.equals(library) ? " (./run-local.sh generates the demo library; or pass --library DIR)" : ""));
        }
        if (analysisRate < 16_000 || analysisRate > 48_000) {
            // the spectral contrast bands reach 12.8 kHz and the mel bank is built for at least 8 kHz of band
            throw new UserError("--analysis-rate must be 16000 to 48000 Hz, not " + analysisRate);
        }
        if (!(chunkSeconds >= 1)) {
            throw new UserError("--chunk-seconds must be at least 1");
        }
        if (parallelism != null && parallelism < 1) {
            throw new UserError("--parallelism must be at least 1, not " + parallelism);
        }
        if (playlists < 0) {
            throw new UserError("--playlists must be 0 (chosen) or more, not " + playlists);
        }
        if (fast && (fastExcerpts < 1 || !(fastExcerptSeconds >= 1))) {
            throw new UserError("--fast-excerpts must be at least 1 and --fast-excerpt-seconds at least 1");
        }
        Duration interval = duration("--scan-interval", scanInterval);
        if (checkpointInterval != null) {
            duration("--checkpoint-interval", checkpointInterval);
        }
        TrackflowPipeline.Settings job = new TrackflowPipeline.Settings(libraryPath.toString(), OutputFolder.uri(out), analysisRate,
                chunkSeconds, fast ? new Excerpts(fastExcerpts, fastExcerptSeconds) : Excerpts.WHOLE, mode == Mode.watch, interval,
                retryErrors, reanalyzeOutdated, spreadChunks, playlistOptions(), keepDuplicates).withWriteTags(writeTags())
                .withModels(models());
        return new RunSettings(job, local, confDir, webUiPort, parallelism, checkpointInterval, waitForLock);
    }

    /** {@code --model}, each resolved to its file's hash and card (a session is opened once here, so that a bad file stops the run now). */
    java.util.List<org.trackflow.udfs.model.ModelSpec> models() {
        java.util.List<org.trackflow.udfs.model.ModelSpec> out = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String arg : models) {
            org.trackflow.udfs.model.ModelSpec spec;
            try {
                spec = org.trackflow.udfs.model.ModelSpec.parse(arg);
                new org.trackflow.udfs.model.OnnxModel(Path.of(spec.file()), spec.card()).close();
            } catch (IllegalArgumentException e) {
                throw new UserError("--model " + arg + ": " + e.getMessage());
            } catch (Exception e) {
                throw new UserError("--model " + arg + ": the file cannot be loaded by ONNX Runtime: " + e.getMessage());
            }
            if (!names.add(spec.card().name())) {
                throw new UserError("--model: two models under the card name " + spec.card().name());
            }
            out.add(spec);
        }
        if (!out.isEmpty() && fast) {
            throw new UserError("--model needs full mode: a model reads every window of a track, not --fast's excerpts");
        }
        return out;
    }

    /** {@code --write-tags}, checked: off, on or dry-run. */
    String writeTags() {
        if (writeTags == null) {
            return org.trackflow.pipeline.stage.AfterScan.WRITE_TAGS_OFF;
        }
        if (!writeTags.equals(org.trackflow.pipeline.stage.AfterScan.WRITE_TAGS_ON)
                && !writeTags.equals(org.trackflow.pipeline.stage.AfterScan.WRITE_TAGS_DRY_RUN)) {
            throw new UserError("--write-tags takes no value, or =dry-run; not '" + writeTags + "'");
        }
        return writeTags;
    }

    PlaylistOptions playlistOptions() {
        return new PlaylistOptions(playlists, playlistSize.min(), playlistSize.max(), 42);
    }

    static Duration duration(String option, String value) {
        try {
            Duration d = org.apache.flink.util.TimeUtils.parseDuration(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": '" + value + "' is not a duration such as 10s, 15min or 1h");
        }
    }
}
