package org.trackflow.pipeline.stage;

import org.trackflow.pipeline.fixtures.SyntheticLibrary;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.clustering.StationClusterer;
import org.trackflow.pipeline.similarity.TimbreModel;

/** The playlist stage runs again only when what it depends on changed: the view, the options, the library. */
class PlaylistStageTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptyLibraryGetsNoPlaylistsAndNoError() throws Exception {
        Path out = tmp.resolve("empty");
        Files.createDirectories(out);
        CurrentView view = new CurrentView(new Output(new LocalStorage(), out.toUri().toString()));
        PlaylistStage.Summary s = PlaylistStage.updateIfStale(view, tmp.resolve("music"), PlaylistOptions.defaults(), false);
        assertThat(s.listed()).isEmpty();
        assertThat(PlaylistStage.updateIfStale(view, tmp.resolve("music"), PlaylistOptions.defaults(), false).rebuilt()).isFalse();
    }

    @Test
    void aRunWithNothingNewKeepsThePlaylistsAndAnythingElseRebuildsThem() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        CurrentView view = new CurrentView(new Output(new LocalStorage(), out.toUri().toString()));
        view.write(new SyntheticLibrary(300), 1);
        Path library = tmp.resolve("music");
        PlaylistOptions options = PlaylistOptions.defaults();

        PlaylistStage.Summary first = PlaylistStage.updateIfStale(view, library, options, false);
        assertThat(first.rebuilt()).isTrue();
        PlaylistStage.Summary again = PlaylistStage.updateIfStale(view, library, options, false);
        assertThat(again.rebuilt()).as("nothing changed").isFalse();
        assertThat(again.listed()).isEqualTo(first.listed());

        assertThat(PlaylistStage.updateIfStale(view, library, new PlaylistOptions(0, 10, 30, 42), false).rebuilt())
                .as("other sizes").isTrue();
        assertThat(PlaylistStage.updateIfStale(view, library, new PlaylistOptions(0, 10, 30, 42), true).rebuilt())
                .as("duplicates kept").isTrue();
        assertThat(PlaylistStage.updateIfStale(view, tmp.resolve("moved"), new PlaylistOptions(0, 10, 30, 42), true).rebuilt())
                .as("another library root: the M3U8 entries change").isTrue();
        view.write(new SyntheticLibrary(320), 2);
        assertThat(PlaylistStage.updateIfStale(view, tmp.resolve("moved"), new PlaylistOptions(0, 10, 30, 42), true).rebuilt())
                .as("a new scan").isTrue();
    }

    /** The playlists of a small library compare timbre models, so the stage reads them; a large one's leaves them out. */
    @Test
    void theStageReadsTimbreModelsOnlyForASmallLibrary() throws Exception {
        Path small = tmp.resolve("small");
        Files.createDirectories(small);
        CurrentView view = new CurrentView(new Output(new LocalStorage(), small.toUri().toString()));
        view.write(new SyntheticLibrary(300), 1);
        assertThat(PlaylistStage.rows(view, true)).hasSize(300).allSatisfy(r -> {
            assertThat(TimbreModel.of(r)).isNotNull();
            assertThat(r.getFingerprint()).isNull();
        });
        Path large = tmp.resolve("large");
        Files.createDirectories(large);
        CurrentView big = new CurrentView(new Output(new LocalStorage(), large.toUri().toString()));
        big.write(new SyntheticLibrary(StationClusterer.THRESHOLD), 1);
        assertThat(PlaylistStage.rows(big, true)).hasSize(StationClusterer.THRESHOLD).allSatisfy(r -> assertThat(r.getTimbreMean()).isNull());
    }
}
