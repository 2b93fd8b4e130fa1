package org.trackflow.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanEnumeratorTest {
    @TempDir
    Path lib;

    private void files(String... rel) throws Exception {
        for (String r : rel) {
            Path p = lib.resolve(r);
            Files.createDirectories(p.getParent());
            Files.writeString(p, r);
        }
    }

    @Test
    void scansAudioFilesOnlyAndHandsOutOnePerRequestThenNoMoreSplits() throws Throwable {
        files("a/1.MP3", "a/2.flac", "b/c/3.Opus", "b/cover.jpg", ".cache/4.mp3", "a/.5.mp3", "notes.txt");
        Files.createSymbolicLink(lib.resolve("a/loop"), lib); // a symlink loop must not hang the walk
        try (MockSplitEnumeratorContext<FileSplit> ctx = new MockSplitEnumeratorContext<>(2)) {
            ScanEnumerator e = new ScanEnumerator(ctx, lib, null);
            ctx.registerReader(new ReaderInfo(0, "localhost"));
            ctx.registerReader(new ReaderInfo(1, "localhost"));
            e.start();
            e.handleSplitRequest(0, "localhost"); // before the scan finished: answered later
            assertThat(ctx.getSplitsAssignmentSequence()).isEmpty();
            ctx.runNextOneTimeCallable();

            List<String> assigned = new ArrayList<>();
            ctx.getSplitsAssignmentSequence().forEach(a -> a.assignment().values().forEach(l -> l.forEach(s -> assigned.add(s.relativePath()))));
            assertThat(assigned).containsExactly("a/1.MP3");

            e.handleSplitRequest(1, "localhost");
            // checkpoint with one file left, restore, and the restored enumerator hands out exactly that one
            ScanEnumeratorState state = e.snapshotState(1);
            ScanEnumeratorState copy = new ScanEnumeratorState.Serializer().deserialize(1,
                    new ScanEnumeratorState.Serializer().serialize(state));
            assertThat(copy.scanned()).isTrue();
            assertThat(copy.pending()).extracting(FileSplit::relativePath).containsExactly("b/c/3.Opus");

            try (MockSplitEnumeratorContext<FileSplit> ctx2 = new MockSplitEnumeratorContext<>(1)) {
                ScanEnumerator restored = new ScanEnumerator(ctx2, lib, copy);
                ctx2.registerReader(new ReaderInfo(0, "localhost"));
                restored.start(); // already scanned: no second walk
                assertThat(ctx2.getOneTimeCallables()).isEmpty();
                restored.handleSplitRequest(0, "localhost");
                restored.handleSplitRequest(0, "localhost");
                assertThat(ctx2.getSplitsAssignmentSequence()).hasSize(1);
                assertThat(ctx2.getSplitsAssignmentSequence().get(0).assignment().get(0))
                        .extracting(FileSplit::relativePath).containsExactly("b/c/3.Opus");
            }

            e.handleSplitRequest(0, "localhost");
            e.handleSplitRequest(1, "localhost");
            assertThat(ctx.getSplitsAssignmentSequence()).hasSize(3);
            assertThat(ctx.getSplitsAssignmentSequence().get(1).assignment().get(1)).extracting(FileSplit::relativePath).containsExactly("a/2.flac");
        }
    }

    @Test
    void splitsSurviveSerialization() throws Exception {
        FileSplit s = new FileSplit("/x/\u00e9t\u00e9/a.flac", "\u00e9t\u00e9/a.flac", 123, 456);
        assertThat(FileSplit.Serializer.INSTANCE.deserialize(1, FileSplit.Serializer.INSTANCE.serialize(s))).isEqualTo(s);
    }
}
