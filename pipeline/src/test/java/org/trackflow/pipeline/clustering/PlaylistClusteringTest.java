package org.trackflow.pipeline.clustering;

import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trackflow.schemas.TrackRecord;

class PlaylistBuilderTest {
    /** A usable row whose features all derive from {@code v}: rows with equal v are identical points. */
    private static TrackRecord row(int i, int v) {
        List<Float> mfcc = new ArrayList<>(Collections.nCopies(13, (float) v));
        mfcc.set(1 + v % 12, 10f + v);
        return TrackRecord.newBuilder().setTrackId(String.format("%016x", i)).setPath("t" + i).setSizeBytes(1)
                .setMtimeMs(0).setStatus("ok").setAnalyzedAt(java.time.Instant.EPOCH).setAnalysisMode("full")
                .setMfccMean(mfcc).setBpm(90.0 + 10 * v).setLoudnessLufs(-20.0 + v).build();
    }

    @Test
    void aLargeLibraryOfFewDistinctTracksStillGetsPlaylistsOfTheAskedSize() {
        // 300 rows at most 4 a playlist ask for k >= 75: once beyond the old cap of 60 candidates (no k
        // was scored, and the build failed); with 5 distinct points (60 copies each, at distance 0) the
        // tree's cuts split copies apart, and every playlist still ends within 2-4 tracks.
        List<TrackRecord> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(row(i, i % 5));
        }
        List<Playlist> lists = PlaylistClustering.build(rows, List.of(), new PlaylistOptions(0, 2, 4, 42));
        assertThat(lists).hasSizeBetween(75, 150);
        assertThat(lists).allSatisfy(p -> assertThat(p.tracks()).hasSizeBetween(2, 4));
        assertThat(lists.stream().mapToInt(p -> p.tracks().size()).sum()).isEqualTo(300);
    }

    @Test
    void largeRangesOfKAreSampledEvenlyWithTheirEnds() {
        assertThat(KMeans.candidates(2, 5)).containsExactly(2, 3, 4, 5);
        int[] c = KMeans.candidates(84, 250);
        assertThat(c).hasSize(KMeans.MAX_CANDIDATES).startsWith(84).endsWith(250).isSorted();
    }

    @Test
    void restartsShrinkWithTheWorkButNeverBelowThree() {
        assertThat(KMeans.restarts(40, 4)).isEqualTo(KMeans.RESTARTS);
        assertThat(KMeans.restarts(5_000, 250)).isEqualTo(3);
    }
}
