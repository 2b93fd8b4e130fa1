package org.trackflow.pipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.trackflow.pipeline.catalog.ChangeDetector;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LibraryRoot;
import org.trackflow.pipeline.catalog.ManifestReader;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.flink.JobConfiguration;
import org.trackflow.pipeline.flink.TrackflowPipeline;
import org.trackflow.pipeline.stage.AfterScan;

/** Runs the job: on an embedded MiniCluster with the web UI ({@code --local}), or on the calling context's cluster. */
final class Launcher {
    private Launcher() {}

    /** A finished job: its result (null when none was needed), wall time and the scan it wrote. */
    record Outcome(JobExecutionResult result, double wallSeconds, long scanId, String settings) {}

    /** Runs the job of {@code run} on {@code output} to its end; null when it was submitted detached. */
    static Outcome run(RunSettings run, Output output, PrintStream console) throws Exception {
        TrackflowPipeline.Settings settings = run.job();
        Outcome idle = nothingToDo(settings, output, console);
        if (idle != null) {
            return idle;
        }
        StreamExecutionEnvironment env;
        String webUi = null;
        if (run.local()) {
            Path confDir = Path.of(run.confDir());
            Configuration conf = Files.isDirectory(confDir)
                    ? GlobalConfiguration.loadConfiguration(confDir.toAbsolutePath().toString())
                    : new Configuration();
            int port = freePort(run.webUiPort());
            conf.set(RestOptions.PORT, port);
            conf.addAll(JobConfiguration.of(conf, run.checkpointInterval(), settings.out()));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            env.setParallelism(run.parallelism() != null ? run.parallelism() : Runtime.getRuntime().availableProcessors());
            webUi = "http://localhost:" + port;
        } else {
            // Under `flink run` the environment carries the client's Flink configuration (the cluster's
            // config.yaml): its settings stand, trackflow's defaults fill only what it leaves open.
            env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.configure(JobConfiguration.of(Configuration.fromMap(env.getConfiguration().toMap()),
                    run.checkpointInterval(), settings.out()));
            if (run.parallelism() != null) {
                env.setParallelism(run.parallelism());
            }
        }
        TrackflowPipeline.define(env, settings);
        Path library = Path.of(settings.library());
        console.printf("trackflow: analysing %s -> %s (parallelism %s, %.0f s chunks, %s mode)%n",
                library, OutputFolder.display(output.root()), env.getParallelism() > 0 ? env.getParallelism() : "cluster default",
                settings.chunkSeconds(), settings.analysisMode());
        if (webUi != null) {
            console.printf("Flink web UI: %s%n", webUi);
        }
        long t0 = System.nanoTime();
        // The scan the job will write (the source takes the same id): its committed rows are the summary.
        long scanId = new CurrentView(output).nextScanId();
        LibraryRoot.record(output, library);
        String jobName = "trackflow " + library.getFileName();
        JobExecutionResult result;
        if (run.local()) {
            JobClient client = env.executeAsync(jobName);
            String openEnded = settings.watch() ? "watching" : scanId > 1 ? "rescan" : null;
            try (Progress progress = new Progress(console, client, library, openEnded)) {
                result = client.getJobExecutionResult().get();
            }
        } else {
            result = env.execute(jobName);
            if (!result.isJobExecutionResult()) {
                // `flink run -d`: the job runs on alone, and makes the current view and playlists itself
                console.printf("submitted job %s (detached): after each commit it folds the rows into %s and rebuilds the "
                        + "playlists, report and index; %s says what it last made%n", result.getJobID(),
                        OutputFolder.display(output.currentFolder()), OutputFolder.display(output.afterScan()));
                return null;
            }
        }
        return new Outcome(result, (System.nanoTime() - t0) / 1e9, scanId, settings.analysisSettings());
    }

    /**
     * A rescan in once mode that would find nothing to analyse, move or delete, on an output whose after-scan
     * stage is current with these settings: the same change detection as the job's source
     * ({@link ChangeDetector}, on the same manifest), run here first so that no job (and no local cluster) is
     * started for nothing; null when there is work, or when this is the output's first scan or a watch. A
     * scheduled rescan of an unchanged library is then a directory walk.
     */
    private static Outcome nothingToDo(TrackflowPipeline.Settings settings, Output output, PrintStream console) throws Exception {
        if (settings.watch()) {
            return null;
        }
        long t0 = System.nanoTime();
        CurrentView view = new CurrentView(output);
        long scanId = view.nextScanId();
        if (scanId <= 1) {
            return null;
        }
        Path library = Path.of(settings.library());
        ChangeDetector.Result r = ChangeDetector.detect(library, ManifestReader.read(view), settings.changeOptions());
        if (!r.changes().isEmpty() || !AfterScan.current(output, settings.afterScan())) {
            return null;
        }
        LibraryRoot.record(output, library);
        console.printf("trackflow: %s -> %s: %d files, none new, changed, moved or deleted; no job started%n", library,
                OutputFolder.display(output.root()), r.scanned());
        return new Outcome(null, (System.nanoTime() - t0) / 1e9, scanId, settings.analysisSettings());
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
}
