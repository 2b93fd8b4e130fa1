package org.trackflow.pipeline.cli;

import org.trackflow.pipeline.neighbours.NeighbourIndexAccess;
import org.trackflow.pipeline.fixtures.SyntheticLibrary;
import org.trackflow.pipeline.catalog.Output;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LibraryRoot;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.pipeline.similarity.FeatureSpace;

/**
 * {@code similar} and {@code path} through the neighbour index, end to end on the command line: a synthetic
 * library of 3 000 analysed rows (each path an existing, empty file), its index as the playlist stage
 * writes it; every M3U8 entry resolves, the seed comes once, a path runs from its first track to its last.
 */
class IndexedQueriesTest {
    @TempDir
    static Path tmp;
    static Path library;
    static Path out;
    static List<TrackRecord> rows;

    @BeforeAll
    static void build() throws Exception {
        library = tmp.resolve("big library");
        out = tmp.resolve("out");
        Files.createDirectories(out);
        CurrentView view = new CurrentView(new Output(new LocalStorage(), out.toUri().toString()));
        view.write(new SyntheticLibrary(3_000), 1);
        rows = view.rows().stream().sorted(Comparator.comparing(TrackRecord::getTrackId)).toList();
        for (TrackRecord r : rows) {
            Path f = library.resolve(r.getPath());
            Files.createDirectories(f.getParent());
            Files.createFile(f);
        }
        LibraryRoot.record(view.output(), library);
        NeighbourIndexAccess.build(view, FeatureSpace.fit(rows));
    }

    @Test
    void similarGoesThroughTheIndexAndItsMixPlays() throws Exception {
        String seed = rows.get(17).getPath();
        String printed = QueriesTest.run("--out", out.toString(), "similar", seed, "-n", "12");
        assertThat(printed).contains("Similar to");
        List<Path> files = QueriesTest.entries(QueriesTest.only(out.resolve("playlists/similar")));
        assertThat(files).hasSize(13).doesNotHaveDuplicates();
        assertThat(files).filteredOn(f -> f.endsWith(seed)).hasSize(1);
    }

    @Test
    void pathGoesThroughTheIndexFromOneEndToTheOther() throws Exception {
        String from = rows.get(3).getPath();
        String to = rows.get(2_500).getPath();
        String printed = QueriesTest.run("--out", out.toString(), "path", from, to, "-n", "10");
        assertThat(printed).contains("biggest step");
        List<Path> files = QueriesTest.entries(QueriesTest.only(out.resolve("playlists/paths")));
        assertThat(files).doesNotHaveDuplicates().hasSizeBetween(2, 20);
        assertThat(files.get(0)).isEqualTo(library.resolve(from));
        assertThat(files.get(files.size() - 1)).isEqualTo(library.resolve(to));
    }
}
