package org.trackflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.fixtures.SyntheticLibrary;
import org.trackflow.pipeline.flink.TrackflowPipeline;
import org.trackflow.pipeline.neighbours.NeighbourIndex;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.frame.FrameGrid;

/**
 * A large library's after-scan stage in the job: its stations cut and its index built in parts on every slot
 * give the same playlists, stations, report and index at parallelism 1 and 2 (and the same as one process).
 */
class LargeLibraryStageTest {
    @RegisterExtension
    static final org.apache.flink.test.junit5.MiniClusterExtension FLINK = JobRunner.miniCluster();

    @TempDir
    static Path tmp;

    static final int N = 12_000;

    /** An output holding the synthetic library's rows, and the library's (sparse) files beside it. */
    private static Path output(String name, Path library) throws Exception {
        Path out = tmp.resolve(name);
        Files.createDirectories(out);
        new CurrentView(new Output(new LocalStorage(), out.toUri().toString())).write(new SyntheticLibrary(N), 1);
        return out;
    }

    private static Path run(String name, Path library, int parallelism) throws Exception {
        Path out = output(name, library);
        JobRunner.run(TrackflowPipeline.Settings.full(library.toString(), out.toUri().toString(), FrameGrid.DEFAULT_ANALYSIS_RATE, 30),
                out, parallelism);
        return out;
    }

    @Test
    void theStageIsTheSameOnOneSlotAndOnTwo() throws Exception {
        Path library = tmp.resolve("library");
        new SyntheticLibrary(N).files(library);
        Path one = run("p1", library, 1);
        Path two = run("p2", library, 2);
        for (Path out : List.of(one, two)) {
            assertThat(AfterScan.lastRecord(new Output(new LocalStorage(), out.toUri().toString())).getProperty("error")).isNull();
        }
        assertThat(DuckDb.query("SELECT * FROM '" + one.resolve("playlists/playlists.parquet") + "' ORDER BY playlist_id, position"))
                .hasSize(N).isEqualTo(DuckDb.query("SELECT * FROM '" + two.resolve("playlists/playlists.parquet") + "' ORDER BY playlist_id, position"));
        for (String f : List.of("playlists/stations.tsv", "playlists/state.tsv", "report.html")) {
            assertThat(Files.readString(two.resolve(f))).as(f).isEqualTo(Files.readString(one.resolve(f)));
        }
        assertThat(DuckDb.query("SELECT DISTINCT station FROM '" + one.resolve("playlists/playlists.parquet") + "'").size())
                .as("stations").isGreaterThan(5);
        // the index: the same documents in the same order, the same neighbours found by the graph
        try (NeighbourIndex a = NeighbourIndex.open(new CurrentView(new Output(new LocalStorage(), one.toUri().toString())));
             NeighbourIndex b = NeighbourIndex.open(new CurrentView(new Output(new LocalStorage(), two.toUri().toString())))) {
            assertThat(a).isNotNull();
            assertThat(b.size()).isEqualTo(a.size()).isEqualTo(N);
            SyntheticLibrary rows = new SyntheticLibrary(N);
            for (int i = 0; i < N; i += 997) {
                TrackRecord r = rows.row(i);
                assertThat(ids(b.nearest(b.vector(r), 20))).as("neighbours of %s", r.getPath()).isEqualTo(ids(a.nearest(a.vector(r), 20)));
            }
        }
    }

    private static List<String> ids(List<NeighbourIndex.Hit> hits) {
        List<String> out = new ArrayList<>();
        hits.forEach(h -> out.add(h.row().getTrackId()));
        return out;
    }
}
