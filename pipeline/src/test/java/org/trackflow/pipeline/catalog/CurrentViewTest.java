package org.trackflow.pipeline.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.schemas.TrackRecord;

/**
 * The compactor and the read-only manifest on hand-written history: adds, changes, moves (also of a track
 * added in the same unfolded history), deletions and late files. After every step the manifest read
 * before compaction equals the one read after it.
 */
class CurrentViewTest {
    @TempDir
    Path tmp;
    private final Storage storage = new LocalStorage();
    private Output layout;
    private CurrentView view;
    private int fileNo;

    @BeforeEach
    void setUp() {
        layout = new Output(storage, Storage.location(tmp.resolve("out")));
        view = new CurrentView(layout);
    }

    static TrackRecord row(String id, String path, long scan, String status, String change, Double bpm) {
        return TrackRecord.newBuilder().setTrackId(id).setPath(path).setSizeBytes(100 + path.length()).setMtimeMs(scan)
                .setStatus(status).setAnalyzedAt(Instant.ofEpochMilli(0)).setScanId(scan).setChange(change)
                .setAnalysisMode("full").setContentKey("00000000000000" + id.substring(id.length() - 2)).setBpm(bpm).build();
    }

    /** Commits a history file of scan {@code scan} holding {@code rows}. */
    void commit(long scan, TrackRecord... rows) throws Exception {
        String file = Storage.join(layout.history(), Output.scanBucket(scan) + "/part-" + (fileNo++) + ".parquet");
        ParquetFiles.writeAtomically(storage, file, TrackRecord.getClassSchema(), TrackRecord.class, Map.of(), w -> {
            for (TrackRecord r : rows) {
                w.write(r);
            }
        });
    }

    /** path -> bpm of the current view, after checking the manifest reads the same before and after compaction. */
    Map<String, Double> compactAndRead() throws Exception {
        List<String> before = manifestPaths();
        view.compact();
        assertThat(view.unfolded()).isEmpty();
        assertThat(manifestPaths()).isEqualTo(before);
        Map<String, Double> out = new TreeMap<>();
        view.forEach(r -> out.put(r.getPath(), r.getBpm()));
        return out;
    }

    List<String> manifestPaths() throws Exception {
        Manifest m = ManifestReader.read(view);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            out.add(m.path(i) + "|" + m.trackId(i) + "|" + m.status(i));
        }
        out.sort(null);
        return out;
    }

    @Test
    void foldsAddsChangesMovesAndDeletions() throws Exception {
        commit(1, row("a1", "a.mp3", 1, "ok", "new", 100.0), row("b2", "b.mp3", 1, "ok", "new", 110.0),
                row("c3", "c.mp3", 1, "error", "new", null));
        assertThat(compactAndRead()).containsOnlyKeys("a.mp3", "b.mp3", "c.mp3");
        assertThat(view.scanId()).isEqualTo(1);
        assertThat(view.nextScanId()).isEqualTo(2);

        // scan 2: a changed, b moved (keeps its features), c deleted
        commit(2, row("a1", "a.mp3", 2, "ok", "changed", 101.0), row("b2", "sub/b.mp3", 2, "ok", "moved", null),
                row("c3", "c.mp3", 2, "deleted", "deleted", null));
        assertThat(compactAndRead()).containsExactlyEntriesOf(new TreeMap<>(Map.of("a.mp3", 101.0, "sub/b.mp3", 110.0)));
    }

    @Test
    void aTrackAddedAndMovedBeforeAnyCompactionKeepsItsFeatures() throws Exception {
        commit(1, row("d4", "d.flac", 1, "ok", "new", 90.0));
        commit(2, row("d4", "moved/d.flac", 2, "ok", "moved", null));
        assertThat(compactAndRead()).containsExactlyEntriesOf(Map.of("moved/d.flac", 90.0));
    }

    @Test
    void aRetagThenAMoveBeforeOneFoldKeepsTheNewTagsAndTheFeatures() throws Exception {
        commit(1, row("f6", "f.flac", 1, "ok", "new", 95.0));
        compactAndRead();
        TrackRecord retag = row("f6", "f.flac", 2, "ok", "retagged", null);
        retag.setTitle("New Title");
        retag.setArtist("New Artist");
        commit(2, retag);
        commit(3, row("f6", "elsewhere/f.flac", 3, "ok", "moved", null));
        assertThat(compactAndRead()).containsExactlyEntriesOf(Map.of("elsewhere/f.flac", 95.0));
        List<TrackRecord> rows = new ArrayList<>();
        view.forEach(rows::add);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.getTitle()).hasToString("New Title");
            assertThat(r.getArtist()).hasToString("New Artist");
            assertThat(r.getChange()).hasToString("moved");
        });
    }

    @Test
    void aLateFileOfAnOlderScanDoesNotOverrideANewerRow() throws Exception {
        commit(2, row("e5", "e.ogg", 2, "ok", "changed", 120.0));
        compactAndRead();
        commit(1, row("e5", "e.ogg", 1, "ok", "new", 60.0)); // committed late, by a restarted attempt
        assertThat(compactAndRead()).containsExactlyEntriesOf(Map.of("e.ogg", 120.0));
        assertThat(view.scanId()).isEqualTo(2);
    }

    @Test
    void aLateMoveOfAnOlderScanDoesNotDuplicateANewerRow() throws Exception {
        commit(2, row("e5", "e.ogg", 2, "ok", "changed", 120.0));
        compactAndRead();
        commit(1, row("e5", "old/e.ogg", 1, "ok", "moved", null)); // committed late by a restarted attempt
        assertThat(compactAndRead()).containsExactlyEntriesOf(Map.of("e.ogg", 120.0));
        List<String> ids = new ArrayList<>();
        view.forEach(r -> ids.add(r.getTrackId()));
        assertThat(ids).containsExactly("e5");
    }

    @Test
    void filesOfARunningScanAreFoldedOneByOne() throws Exception {
        commit(3, row("f6", "f.wav", 3, "ok", "new", 80.0));
        assertThat(compactAndRead()).containsOnlyKeys("f.wav");
        commit(3, row("a7", "g.wav", 3, "ok", "new", 81.0)); // the same scan commits another file later
        assertThat(view.unfolded()).hasSize(1);
        assertThat(compactAndRead()).containsOnlyKeys("f.wav", "g.wav");
    }

    @Test
    void inProgressFilesAreNeverRead() throws Exception {
        commit(1, row("a1", "a.mp3", 1, "ok", "new", 100.0));
        storage.create(Storage.join(layout.history(), "scan-000001/.part-x.inprogress")).close();
        storage.create(Storage.join(layout.history(), "scan-000001/_pending.parquet")).close();
        assertThat(layout.historyFiles()).extracting(Output.HistoryFile::name).containsExactly("part-0.parquet");
    }

    @Test
    void scanSummaryCountsCommittedRowsByKind() throws Exception {
        commit(1, row("a1", "a.mp3", 1, "ok", "new", 100.0), row("c3", "c.mp3", 1, "error", "new", null));
        commit(2, row("a1", "b.mp3", 2, "ok", "moved", null), row("c3", "c.mp3", 2, "deleted", "deleted", null));
        assertThat(ScanSummary.scan(layout, 1)).extracting(ScanSummary.ScanCounts::ok, ScanSummary.ScanCounts::errors)
                .containsExactly(1L, 1L);
        ScanSummary.ScanCounts two = ScanSummary.scan(layout, 2);
        assertThat(two.moved()).isEqualTo(1);
        assertThat(two.deleted()).isEqualTo(1);
        assertThat(two.analysed()).isZero();
        assertThat(ScanSummary.scan(layout, 3).nothing()).isTrue();
        view.compact();
        assertThat(ScanSummary.library(view, 1)).isEqualTo(new ScanSummary.LibraryCounts(1, 0, 0));
    }
}
