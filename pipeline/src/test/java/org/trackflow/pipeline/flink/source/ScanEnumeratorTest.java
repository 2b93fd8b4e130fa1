package org.trackflow.pipeline.flink.source;


import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.Change;
import org.trackflow.pipeline.catalog.ChangeDetector;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.schemas.TrackRecord;

/** The enumerator on Flink's mock context, as flink-connector-kafka tests its enumerator. */
class ScanEnumeratorTest {
    @TempDir
    Path lib;
    @TempDir
    Path out;

    private void files(String... rel) throws Exception {
        for (String r : rel) {
            Path p = lib.resolve(r);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "audio of " + r);
            // a copy that ended a minute ago: watch mode leaves files written just now for a later scan
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
    }

    private ScanConfig config(boolean watch) {
        return new ScanConfig(lib.toString(), out.toUri().toString(), watch, Duration.ofMinutes(15),
                new ChangeDetector.Options(false, false, 1), settings());
    }

    private AfterScan.Settings settings() {
        return new AfterScan.Settings(lib.toString(), PlaylistOptions.defaults(), false);
    }

    /** What the job does once the scan's files are analysed: their rows committed, then the after-scan stage. */
    private void commitAndRunTheStage(String... rel) throws Exception {
        Output output = new Output(new LocalStorage(), out.toUri().toString());
        ParquetFiles.writeAtomically(output.storage(), Storage.join(output.history(), "scan-000001/part-0.parquet"), TrackRecord.getClassSchema(),
                TrackRecord.class, java.util.Map.of(), w -> {
                    for (String r : rel) {
                        w.write(TrackRecord.newBuilder().setTrackId(String.format("%016x", r.hashCode())).setPath(r).setSizeBytes(1)
                                .setMtimeMs(1).setStatus("error").setError("test").setAnalyzedAt(java.time.Instant.EPOCH)
                                .setAnalysisMode("full").setScanId(1).setChange("new").build());
                    }
                });
        AfterScan.run(output, settings());
    }

    private static List<String> assigned(MockSplitEnumeratorContext<ChangeSplit> ctx) {
        List<String> paths = new ArrayList<>();
        ctx.getSplitsAssignmentSequence().forEach(a -> a.assignment().values()
                .forEach(l -> l.forEach(s -> paths.add(s.change().kind() + " " + s.change().relativePath()))));
        return paths;
    }

    @Test
    void onceModeScansAudioFilesHandsOutOnePerRequestThenEndsWhenRowsAndStageAreDone() throws Throwable {
        files("a/1.MP3", "a/2.flac", "b/c/3.Opus", "b/cover.jpg", ".cache/4.mp3", "a/.5.mp3", "notes.txt");
        Files.createSymbolicLink(lib.resolve("a/loop"), lib); // a symlink loop must not hang the walk
        try (MockSplitEnumeratorContext<ChangeSplit> ctx = new MockSplitEnumeratorContext<>(2)) {
            ScanEnumerator e = new ScanEnumerator(ctx, config(false), null);
            ctx.registerReader(new ReaderInfo(0, "localhost"));
            ctx.registerReader(new ReaderInfo(1, "localhost"));
            e.start();
            e.handleSplitRequest(0, "localhost"); // before the scan finished: answered later
            assertThat(ctx.getSplitsAssignmentSequence()).isEmpty();
            ctx.runNextOneTimeCallable();
            assertThat(assigned(ctx)).containsExactly("NEW a/1.MP3");

            e.handleSplitRequest(1, "localhost");
            // checkpoint with one file left, restore, and the restored enumerator hands out exactly that one
            ScanEnumeratorState state = roundTrip(e.snapshotState(1));
            assertThat(state.scanned()).isTrue();
            assertThat(state.lastScanId()).isEqualTo(1);
            assertThat(state.pending()).extracting(s -> s.change().relativePath()).containsExactly("b/c/3.Opus");
            try (MockSplitEnumeratorContext<ChangeSplit> ctx2 = new MockSplitEnumeratorContext<>(1)) {
                ScanEnumerator restored = new ScanEnumerator(ctx2, config(false), state);
                ctx2.registerReader(new ReaderInfo(0, "localhost"));
                restored.start(); // already scanned: no second walk, only the wait for the end
                assertThat(ctx2.getOneTimeCallables()).isEmpty();
                restored.handleSplitRequest(0, "localhost");
                restored.handleSplitRequest(0, "localhost");
                assertThat(assigned(ctx2)).containsExactly("NEW b/c/3.Opus");
                ctx2.runPeriodicCallable(0);
                assertThat(ctx2.hasNoMoreSplits(0)).as("rows not committed yet: the input stays open").isFalse();
            }
            e.handleSplitRequest(0, "localhost");
            e.handleSplitRequest(1, "localhost");
            assertThat(assigned(ctx)).containsExactly("NEW a/1.MP3", "NEW a/2.flac", "NEW b/c/3.Opus");
            ctx.runPeriodicCallable(0);
            assertThat(ctx.hasNoMoreSplits(1)).as("rows not committed yet: the input stays open").isFalse();
            commitAndRunTheStage("a/1.MP3", "a/2.flac");
            ctx.runPeriodicCallable(0);
            assertThat(ctx.hasNoMoreSplits(1)).as("one row short").isFalse();
            commitAndRunTheStage("a/1.MP3", "a/2.flac", "b/c/3.Opus");
            ctx.runPeriodicCallable(0);
            assertThat(ctx.hasNoMoreSplits(1)).isTrue();
        }
    }

    @Test
    void watchModeRescansOnItsIntervalAndNeverHandsOutAFileStillInFlight() throws Throwable {
        files("x.flac", "y.mp3");
        try (MockSplitEnumeratorContext<ChangeSplit> ctx = new MockSplitEnumeratorContext<>(1)) {
            ScanEnumerator e = new ScanEnumerator(ctx, config(true), null);
            ctx.registerReader(new ReaderInfo(0, "localhost"));
            e.start();
            assertThat(ctx.getPeriodicCallables()).as("the rescan, and the look at what is committed").hasSize(2);
            ctx.runPeriodicCallable(0);
            e.handleSplitRequest(0, "localhost");
            e.handleSplitRequest(0, "localhost");
            e.handleSplitRequest(0, "localhost"); // nothing left: waits, never "no more splits"
            assertThat(assigned(ctx)).containsExactly("NEW x.flac", "NEW y.mp3");
            assertThat(ctx.hasNoMoreSplits(0)).isFalse();

            // Their rows are not in the output yet (still being analysed): a rescan must not repeat them,
            // even after a restore from a checkpoint.
            ScanEnumeratorState state = roundTrip(e.snapshotState(7));
            assertThat(state.inFlight()).hasSize(2);
            try (MockSplitEnumeratorContext<ChangeSplit> ctx2 = new MockSplitEnumeratorContext<>(1)) {
                ScanEnumerator restored = new ScanEnumerator(ctx2, config(true), state);
                ctx2.registerReader(new ReaderInfo(0, "localhost"));
                restored.start();
                files("z.ogg");
                ctx2.runPeriodicCallable(0);
                restored.handleSplitRequest(0, "localhost");
                restored.handleSplitRequest(0, "localhost");
                assertThat(assigned(ctx2)).containsExactly("NEW z.ogg");
                ChangeSplit z = ctx2.getSplitsAssignmentSequence().get(0).assignment().get(0).get(0);
                assertThat(z.scanId()).isEqualTo(2); // a new scan, numbered after the restored one
                assertThat(z.change().kind()).isEqualTo(Change.Kind.NEW);
            }
        }
    }

    @Test
    void watchModeLeavesAFileStillBeingWrittenForALaterScan() throws Throwable {
        files("done.flac");
        Path copying = lib.resolve("copying.flac");
        Files.writeString(copying, "half of it");
        try (MockSplitEnumeratorContext<ChangeSplit> ctx = new MockSplitEnumeratorContext<>(1)) {
            ScanEnumerator e = new ScanEnumerator(ctx, config(true), null);
            ctx.registerReader(new ReaderInfo(0, "localhost"));
            e.start();
            ctx.runPeriodicCallable(0);
            e.handleSplitRequest(0, "localhost");
            e.handleSplitRequest(0, "localhost");
            assertThat(assigned(ctx)).containsExactly("NEW done.flac");
            // the copy ends; its time stands still
            Files.writeString(copying, "all of it, at its final size");
            Files.setLastModifiedTime(copying, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - ScanEnumerator.SETTLE_MILLIS));
            ctx.runPeriodicCallable(0);
            e.handleSplitRequest(0, "localhost");
            assertThat(assigned(ctx)).containsExactly("NEW done.flac", "NEW copying.flac");
            ChangeSplit c = ctx.getSplitsAssignmentSequence().get(1).assignment().get(0).get(0);
            assertThat(c.change().sizeBytes()).isEqualTo(Files.size(copying));
        }
    }

    @Test
    void aFileTimeAheadOfTheClockIsNotSettling() {
        long now = 1_000_000;
        Change ahead = new Change(Change.Kind.NEW, "a.flac", "/a.flac", 1, now + 3_600_000, 1, 1, null);
        Change fresh = new Change(Change.Kind.NEW, "a.flac", "/a.flac", 1, now - 100, 1, 1, null);
        Change old = new Change(Change.Kind.NEW, "a.flac", "/a.flac", 1, now - ScanEnumerator.SETTLE_MILLIS, 1, 1, null);
        assertThat(ScanEnumerator.settling(ahead, now)).isFalse();
        assertThat(ScanEnumerator.settling(fresh, now)).isTrue();
        assertThat(ScanEnumerator.settling(old, now)).isFalse();
    }

    @Test
    void aFilesAgeCountsFromWhenTheScanBeganNotWhenItsWalkEnded() {
        long started = 1_000_000;
        long now = started + 5_000; // a long walk
        Change justBefore = new Change(Change.Kind.NEW, "a.flac", "/a.flac", 1, started - 500, 1, 1, null);
        Change during = new Change(Change.Kind.NEW, "b.flac", "/b.flac", 1, started + 3_000, 1, 1, null);
        Change settled = new Change(Change.Kind.NEW, "c.flac", "/c.flac", 1, started - ScanEnumerator.SETTLE_MILLIS, 1, 1, null);
        assertThat(ScanEnumerator.settling(justBefore, started, now)).isTrue();
        assertThat(ScanEnumerator.settling(during, started, now)).isTrue();
        assertThat(ScanEnumerator.settling(settled, started, now)).isFalse();
        assertThat(ScanEnumerator.settling(justBefore, now)).as("what measuring at the walk's end said").isFalse();
    }

    private static ScanEnumeratorState roundTrip(ScanEnumeratorState s) throws Exception {
        ScanEnumeratorState.Serializer ser = new ScanEnumeratorState.Serializer();
        return ser.deserialize(ser.getVersion(), ser.serialize(s));
    }

    @Test
    void restoredWithEveryChangeHandedOutItStillSeesTheScanCommitted() throws Throwable {
        // a once run restored after its last change was handed out: no hand-out or request follows to say so
        ScanEnumeratorState restored = new ScanEnumeratorState(true, 1, java.util.Map.of(1L, 2), List.of(), List.of());
        try (MockSplitEnumeratorContext<ChangeSplit> ctx = new MockSplitEnumeratorContext<>(1)) {
            ScanEnumerator e = new ScanEnumerator(ctx, config(false), roundTrip(restored));
            assertThat(e.check().committed()).isEmpty();
            commitAndRunTheStage("a.mp3", "b.mp3");
            assertThat(e.check().committed()).containsExactly(1L);
        }
    }

    @Test
    void splitsSurviveSerialization() throws Exception {
        ChangeSplit s = new ChangeSplit(new Change(Change.Kind.MOVED, "\u00e9t\u00e9/a.flac", "/x/\u00e9t\u00e9/a.flac",
                123, 456, 789, -5, "old/a.flac"), 42);
        assertThat(ChangeSplit.Serializer.INSTANCE.deserialize(1, ChangeSplit.Serializer.INSTANCE.serialize(s))).isEqualTo(s);
    }
}
