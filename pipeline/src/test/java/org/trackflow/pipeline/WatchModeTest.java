package org.trackflow.pipeline;

import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.playlists.PlaylistOptions;

import org.trackflow.pipeline.flink.TrackflowPipeline;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.udfs.decode.Excerpts;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.TrackSynth;

/**
 * Watch mode on a MiniCluster: rescans pick up added and deleted files, and the job itself folds them into the
 * current view and rebuilds the playlists after each commit (no client beside it).
 */
class WatchModeTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    @TempDir
    Path tmp;

    @Test
    void rescansPickUpChangesWhileTheJobRuns() throws Exception {
        Path library = tmp.resolve("library");
        TestLibraries.music(library, 3);
        Path out = tmp.resolve("out");
        StreamExecutionEnvironment env = JobRunner.environment(2, "500ms");
        TrackflowPipeline.define(env, new TrackflowPipeline.Settings(library.toString(), out.toUri().toString(), FrameGrid.DEFAULT_ANALYSIS_RATE, 30,
                Excerpts.WHOLE, true, Duration.ofSeconds(1), false, false, false, PlaylistOptions.defaults(), false));
        JobClient job = env.executeAsync("watch");
        try {
            await(() -> history(out).size() == 3, "the first scan's rows");
            TestLibraries.write(library, "later/added.flac", new TrackSynth.Spec(95, 1, true, 0.6, 0.5, 0, 0.5, 8, 5),
                    AudioEncoder.Format.FLAC);
            Files.delete(library.resolve("track 02.opus"));
            await(() -> history(out).stream().anyMatch(r -> "later/added.flac".equals(r.get("path")))
                    && history(out).stream().anyMatch(r -> "deleted".equals(r.get("status"))), "the rescan's rows");
            // the job's after-scan stage folds them into the current view and rebuilds the playlists
            await(() -> paths(out).equals(List.of("album a/track 00.flac", "album b/disc 1/track 01.mp3", "later/added.flac"))
                    && playlisted(out).contains("later/added.flac"), "the current view and playlists");
            assertThat(history(out)).hasSize(5);
            assertThat(playlisted(out)).doesNotContain("track 02.opus");
        } finally {
            job.cancel().get();
        }
    }

    private static List<Map<String, Object>> history(Path out) {
        return DuckDb.historyOrEmpty(out);
    }

    /** The tracks in the playlists, as playlists.parquet lists them. */
    private static List<Object> playlisted(Path out) {
        try {
            return DuckDb.query("SELECT path FROM '" + out.resolve("playlists/playlists.parquet") + "' ORDER BY path").stream()
                    .map(r -> r.get("path")).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<Object> paths(Path out) {
        try {
            return DuckDb.tracks(out).stream().map(r -> r.get("path")).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
