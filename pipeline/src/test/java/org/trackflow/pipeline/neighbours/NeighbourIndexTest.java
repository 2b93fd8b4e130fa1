package org.trackflow.pipeline.neighbours;

import org.trackflow.pipeline.fixtures.ExactSearch;
import org.trackflow.pipeline.fixtures.SyntheticLibrary;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.playlists.PlaylistStore;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.similarity.Similarity;

/**
 * The neighbour index on a synthetic library of 3 000 tracks: the graph finds what exact search over the
 * same vectors finds, queries through it rank much as the exact measure over the whole library does, and a
 * stale index is never used.
 */
class NeighbourIndexTest {
    static final int N = 3_000;
    @TempDir
    static Path tmp;
    static CurrentView view;
    static List<TrackRecord> rows;
    static FeatureSpace space;

    @BeforeAll
    static void build() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        view = new CurrentView(new Output(new LocalStorage(), out.toUri().toString()));
        view.write(new SyntheticLibrary(N), 1);
        rows = view.rows().stream().sorted(Comparator.comparing(TrackRecord::getTrackId)).toList();
        space = FeatureSpace.fit(rows);
        IndexBuilder.build(view, space, view.output().index());
    }

    @Test
    void theGraphFindsTheNearestTracksExactSearchFinds() throws Exception {
        try (NeighbourIndex index = NeighbourIndex.open(view)) {
            assertThat(index).isNotNull();
            assertThat(index.size()).isEqualTo(N);
            int found = 0;
            int asked = 0;
            for (int i = 0; i < N; i += 15) {
                float[] v = index.vector(rows.get(i));
                Set<Integer> exact = new HashSet<>(ExactSearch.nearest(view.output().index(), v, 10));
                found += (int) index.nearestDocs(v, 10).stream().filter(exact::contains).count();
                asked += 10;
            }
            assertThat((double) found / asked).as("recall at 10").isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void queriesThroughTheIndexRankAsTheExactMeasureDoes() throws Exception {
        Similarity exact = Similarity.fit(rows);
        double overlap = 0;
        int seeds = 0;
        try (Neighbours indexed = Neighbours.open(view, false)) {
            assertThat(indexed.indexed()).isTrue();
            for (int s = 0; s < N; s += 100, seeds++) {
                int seed = s;
                Set<String> truth = new HashSet<>(IntStream.range(0, N).filter(i -> i != seed).boxed()
                        .sorted(Comparator.comparingDouble(i -> exact.distance(seed, i))).limit(10).map(i -> rows.get(i).getTrackId()).toList());
                Neighbours.Part p = indexed.forSimilar(indexed.find(rows.get(seed).getTrackId()));
                assertThat(p.rows().get(p.at()[0]).getTrackId()).isEqualTo(rows.get(seed).getTrackId());
                List<String> got = IntStream.range(0, p.rows().size()).filter(i -> i != p.at()[0]).boxed()
                        .sorted(Comparator.comparingDouble(i -> p.similarity().distance(p.at()[0], i))).limit(10)
                        .map(i -> p.rows().get(i).getTrackId()).toList();
                overlap += got.stream().filter(truth::contains).count() / 10.0;
            }
        }
        assertThat(overlap / seeds).as("share of the exact top 10 an indexed query returns").isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void aStaleIndexIsNotUsedAndASmallLibraryHasNone() throws Exception {
        Path out = tmp.resolve("stale");
        Files.createDirectories(out);
        CurrentView v = new CurrentView(new Output(new LocalStorage(), out.toUri().toString()));
        v.write(new SyntheticLibrary(500), 1);
        IndexBuilder.build(v, space, v.output().index());
        try (NeighbourIndex index = NeighbourIndex.open(v)) {
            assertThat(index).isNotNull();
            assertThat(index.find("Artist 00000/Album 000000").row().getPath()).startsWith("Artist 00000/Album 000000/01 ");
        }
        v.write(new SyntheticLibrary(400), 2);
        assertThat(NeighbourIndex.open(v)).as("built from scan 1, the view is at scan 2").isNull();
        assertThat(IndexBuilder.update(v, space, 400)).isFalse();
        assertThat(out.resolve("index")).doesNotExist();
    }
}
