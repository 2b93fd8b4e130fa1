package org.trackflow.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Models the run does not name, and rows that already have its weights, left alone. */
class ModelWeightsTest {
    @Test
    void onlyTheModelsTheRunNamesAndOnlyWhenTheyDiffer() {
        Map<String, String> states = Map.of("a", "x weight=0.25", "b", "y weight=0.5");
        assertThat(ModelWeights.reweighed(states, Map.of("a", "0.25"))).as("the same weight").isNull();
        assertThat(ModelWeights.reweighed(states, Map.of("a", "0.6"))).isEqualTo(Map.of("a", "x weight=0.6", "b", "y weight=0.5"));
        assertThat(ModelWeights.reweighed(states, Map.of("c", "0.6"))).isNull();
        assertThat(ModelWeights.reweighed(null, Map.of("a", "0.6"))).isNull();
    }

    @Test
    void theStageIsCurrentWhenItBroughtTheViewToTheseWeights() {
        Properties record = new Properties();
        assertThat(ModelWeights.current("", record)).as("no models asked").isTrue();
        assertThat(ModelWeights.current("a=0.6", record)).isFalse();
        record.setProperty(ModelWeights.RECORD, "a=0.6");
        assertThat(ModelWeights.current("a=0.6", record)).isTrue();
        assertThat(ModelWeights.current("a=0.25", record)).isFalse();
    }

    /**
     * A library large enough for the neighbour index: a weight-only run keeps the view's scan, which is all the
     * index's freshness looks at, so the stage must make the index again itself, with the new weight.
     */
    @Test
    void anEditedWeightReachesALargeLibrarysIndex(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        int n = org.trackflow.pipeline.neighbours.NeighbourIndex.THRESHOLD + 500;
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        java.util.List<org.trackflow.schemas.TrackRecord> rows = new java.util.ArrayList<>();
        for (org.trackflow.schemas.TrackRecord r : new org.trackflow.pipeline.fixtures.SyntheticLibrary(n)) {
            java.util.List<Float> v = new java.util.ArrayList<>();
            for (int d = 0; d < 8; d++) {
                v.add((float) random.nextGaussian());
            }
            r.setModelVectors(Map.of("synthetic", v));
            r.setModels(Map.of("synthetic", "abc weight=0.25"));
            rows.add(r);
        }
        org.trackflow.pipeline.catalog.Output output = new org.trackflow.pipeline.catalog.Output(
                new org.trackflow.pipeline.catalog.LocalStorage(), tmp.toUri().toString());
        org.trackflow.pipeline.catalog.CurrentView view = new org.trackflow.pipeline.catalog.CurrentView(output);
        view.write(rows, 1);
        String library = tmp.resolve("library").toString();
        org.trackflow.pipeline.playlists.PlaylistOptions options = org.trackflow.pipeline.playlists.PlaylistOptions.defaults();
        AfterScan.run(output, new AfterScan.Settings(library, options, false, AfterScan.WRITE_TAGS_OFF, "synthetic=0.25"));
        float[] before;
        try (org.trackflow.pipeline.neighbours.NeighbourIndex index = org.trackflow.pipeline.neighbours.NeighbourIndex.open(view)) {
            assertThat(index).isNotNull();
            before = index.vector(rows.get(7));
        }
        AfterScan.run(output, new AfterScan.Settings(library, options, false, AfterScan.WRITE_TAGS_OFF, "synthetic=0.6"));
        assertThat(view.scanId()).isEqualTo(1);
        try (org.trackflow.pipeline.neighbours.NeighbourIndex index = org.trackflow.pipeline.neighbours.NeighbourIndex.open(view)) {
            assertThat(index).as("the index made again").isNotNull();
            assertThat(index.size()).isEqualTo(n);
            float[] after = index.vector(view.rows().stream().filter(r -> r.getTrackId().equals(rows.get(7).getTrackId())).findFirst()
                    .orElseThrow());
            assertThat(after).as("the model's part of the vector weighs 0.6 now").isNotEqualTo(before);
        }
    }
}
