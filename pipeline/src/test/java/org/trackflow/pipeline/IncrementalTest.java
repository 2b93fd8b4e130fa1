package org.trackflow.pipeline;

import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.flink.TrackflowPipeline;

import org.trackflow.udfs.frame.FrameGrid;

import org.trackflow.testkit.TrackSynth;

import org.trackflow.testkit.AudioEncoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.flink.ops.TrackRecordCounter;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.udfs.decode.Excerpts;

/** Rescans analyse only what changed; moves keep ids and features; kills lose and duplicate nothing. */
class IncrementalTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    @TempDir
    Path tmp;

    private static Map<String, Map<String, Object>> byPath(List<Map<String, Object>> rows) {
        return rows.stream().collect(Collectors.toMap(r -> (String) r.get("path"), Function.identity()));
    }

    private static List<String> audioFiles(Path library) throws Exception {
        try (Stream<Path> s = Files.walk(library)) {
            return s.filter(Files::isRegularFile).map(p -> library.relativize(p).toString()).sorted().toList();
        }
    }

    private TrackflowPipeline.Settings settings(Path library, Path out, boolean retryErrors) {
        return new TrackflowPipeline.Settings(library.toString(), out.toUri().toString(), FrameGrid.DEFAULT_ANALYSIS_RATE, 30, Excerpts.WHOLE,
                false, Duration.ofMinutes(15), retryErrors, false, false, PlaylistOptions.defaults(), false);
    }

    @Test
    void rescansAnalyseExactlyWhatChangedAndTheCurrentViewMatchesTheFolder() throws Exception {
        Path library = tmp.resolve("library");
        TestLibraries.music(library, 6);
        Files.createDirectories(library.resolve("bad"));
        Files.writeString(library.resolve("bad/not audio.mp3"), "text, not audio".repeat(50));
        Path out = tmp.resolve("out");

        JobExecutionResult first = JobRunner.run(settings(library, out, false), out, 2);
        assertThat(JobRunner.analysed(first)).isEqualTo(7);
        Map<String, Map<String, Object>> v1 = byPath(DuckDb.tracks(out));
        assertThat(v1.keySet()).containsExactlyInAnyOrderElementsOf(audioFiles(library));

        // Nothing changed: nothing is analysed (the failed file is not retried), the view stays.
        JobExecutionResult second = JobRunner.run(settings(library, out, false), out, 2);
        assertThat(JobRunner.analysed(second)).isZero();
        assertThat(byPath(DuckDb.tracks(out)).keySet()).isEqualTo(v1.keySet());
        assertThat(new Output(new LocalStorage(), out.toUri().toString()).historyScans()).containsExactly(1);

        // Touch one, add one, delete one, move one, rename a folder.
        String touched = "track 05.mp3";
        Files.setLastModifiedTime(library.resolve(touched), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        TestLibraries.write(library, "new/fresh.flac", new org.trackflow.testkit.TrackSynth.Spec(100, 3, false, 0.5, 0.5, 0, 0.5, 9, 77),
                org.trackflow.testkit.AudioEncoder.Format.FLAC);
        Files.delete(library.resolve("track 02.opus"));
        Files.move(library.resolve("album a/track 03.wav"), library.resolve("album a/renamed 03.wav"));
        Files.move(library.resolve("album b"), library.resolve("album b (2024)"));

        JobExecutionResult third = JobRunner.run(settings(library, out, false), out, 2);
        assertThat(JobRunner.analysed(third)).as("the new file; the touched one is not decoded").isEqualTo(1);
        assertThat(JobRunner.number(third, TrackRecordCounter.TOUCHED)).isEqualTo(1);
        assertThat(JobRunner.number(third, TrackRecordCounter.DELETED)).isEqualTo(1);
        assertThat(JobRunner.number(third, TrackRecordCounter.MOVED)).isEqualTo(1 + 2); // one file, a folder of two
        Map<String, Map<String, Object>> v3 = byPath(DuckDb.tracks(out));
        assertThat(v3.keySet()).containsExactlyInAnyOrderElementsOf(audioFiles(library));

        // moved files keep their track id and features; the touched one too, with its new time in a new row
        assertSameTrack(v1.get("album a/track 03.wav"), v3.get("album a/renamed 03.wav"));
        assertSameTrack(v1.get("album b/disc 1/track 01.mp3"), v3.get("album b (2024)/disc 1/track 01.mp3"));
        assertSameTrack(v1.get("album b/disc 1/track 04.flac"), v3.get("album b (2024)/disc 1/track 04.flac"));
        assertThat(v3.get("album a/renamed 03.wav").get("change")).isEqualTo("moved");
        assertThat(v3.get(touched).get("track_id")).isEqualTo(v1.get(touched).get("track_id"));
        assertThat(v3.get(touched).get("change")).isEqualTo("touched");
        assertSameTrack(v1.get(touched), v3.get(touched));
        assertThat(v3.get(touched).get("mtime_ms")).isEqualTo(Files.getLastModifiedTime(library.resolve(touched)).toMillis());
        // the no-change scan wrote nothing, so this is scan 2: ids grow with every scan that writes rows
        assertThat(v3.get(touched).get("scan_id")).isEqualTo(2L);
        assertThat(v3.get("new/fresh.flac").get("change")).isEqualTo("new");

        // history keeps everything, including the deletion
        List<Map<String, Object>> history = DuckDb.history(out);
        assertThat(history).filteredOn(r -> "deleted".equals(r.get("status")))
                .extracting(r -> r.get("path")).containsExactly("track 02.opus");
        assertThat(history).filteredOn(r -> Long.valueOf(2).equals(r.get("scan_id"))).hasSize(2 + 1 + 3);

        // --retry-errors retries the failed file, and only it
        JobExecutionResult retry = JobRunner.run(settings(library, out, true), out, 2);
        assertThat(JobRunner.analysed(retry)).isEqualTo(1);
        assertThat(byPath(DuckDb.tracks(out)).keySet()).containsExactlyInAnyOrderElementsOf(audioFiles(library));
    }

    private static void assertSameTrack(Map<String, Object> before, Map<String, Object> after) {
        assertThat(after).as("moved row").isNotNull();
        for (String col : List.of("track_id", "bpm", "key", "loudness_lufs", "mfcc_mean", "analyzed_at", "duration_s")) {
            assertThat(after.get(col)).as(col).isEqualTo(before.get(col));
        }
    }

    @Test
    void aRunKilledHalfWayLosesNothingAndDuplicatesNothing() throws Exception {
        Path library = tmp.resolve("library");
        TestLibraries.music(library, 10);
        Path out = tmp.resolve("out");

        // Run with frequent checkpoints at parallelism 1, and cancel it as soon as some rows are committed.
        StreamExecutionEnvironment env = JobRunner.environment(1, "300ms");
        TrackflowPipeline.define(env, settings(library, out, false));
        JobClient client = env.executeAsync("to be killed");
        long deadline = System.currentTimeMillis() + 60_000;
        while (committedRows(out) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        client.cancel().get();
        int committed = committedRows(out);
        assertThat(committed).as("rows committed before the kill").isBetween(1, 9);

        JobExecutionResult rerun = JobRunner.run(settings(library, out, false), out, 2);
        assertThat(JobRunner.analysed(rerun)).as("only what the killed run had not committed").isEqualTo(10 - committed);
        List<Map<String, Object>> view = DuckDb.tracks(out);
        assertThat(view).extracting(r -> r.get("path")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(audioFiles(library));
        assertThat(view).extracting(r -> r.get("track_id")).doesNotHaveDuplicates();
    }

    private static int committedRows(Path out) {
        return DuckDb.historyOrEmpty(out).size();
    }
}
