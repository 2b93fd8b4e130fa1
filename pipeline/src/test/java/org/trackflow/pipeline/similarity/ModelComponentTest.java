package org.trackflow.pipeline.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.trackflow.pipeline.fixtures.SyntheticLibrary;
import org.trackflow.pipeline.neighbours.Embedding;
import org.trackflow.pipeline.neighbours.Mixer;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.schemas.TrackRecord;

/**
 * A learned model's vector as a component of the similarity, on tracks whose answer is known: 24 tracks with
 * the same classic features, in two groups by a synthetic 16-dimensional embedding (one direction each, with a
 * little noise). The mix, an instant mix and the index's embedding keep each track with its group; without
 * embeddings nothing changes.
 */
class ModelComponentTest {
    static final int N = 24;

    /** The tracks: one synthetic row's features for all, group A (even) or B (odd) in the model's space. */
    static List<TrackRecord> rows(boolean withModel) {
        TrackRecord base = new SyntheticLibrary(1).row(0);
        SplittableRandom r = new SplittableRandom(7);
        List<TrackRecord> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            TrackRecord t = TrackRecord.newBuilder(base).setTrackId(String.format("t%02d", i)).setPath(String.format("track %02d.flac", i))
                    .setArtist("Artist " + i).build();
            if (withModel) {
                List<Float> v = new ArrayList<>();
                for (int d = 0; d < 16; d++) {
                    double axis = (i % 2 == 0 ? d == 0 : d == 1) ? 1 : 0;
                    v.add((float) (axis + 0.05 * r.nextGaussian()));
                }
                t.setModelVectors(Map.of("synthetic", v));
                t.setModels(Map.of("synthetic", "0123abcd weight=0.5"));
            }
            out.add(t);
        }
        return out;
    }

    @Test
    void theComponentKeepsEachTrackWithItsGroup() {
        List<TrackRecord> rows = rows(true);
        Similarity s = Similarity.fit(rows);
        assertThat(s.components()).contains(Components.MODEL + "synthetic");
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int k = 0; k < N; k++) {
                    boolean sameJ = i % 2 == j % 2;
                    boolean sameK = i % 2 == k % 2;
                    if (i != j && i != k && sameJ && !sameK) {
                        assertThat(s.distance(i, j)).as("%d to %d (same group) against %d", i, j, k).isLessThan(s.distance(i, k));
                    }
                }
            }
        }
    }

    @Test
    void anInstantMixTakesItsGroupFirst() throws Exception {
        List<TrackRecord> rows = rows(true);
        Neighbours n = Neighbours.of(rows, false, false);
        List<Mixer.Item> mix = Mixer.mix(n, new Mixer.Request(List.of(rows.get(0)), 11, t -> true, java.util.Set.of(), List.of(), 0, 0, false));
        assertThat(mix).hasSize(11).allSatisfy(item -> assertThat(Integer.parseInt(item.track().getTrackId().substring(1)) % 2).isZero());
    }

    @Test
    void theIndexEmbeddingCarriesTheModelAndWithoutOneNothingChanges() {
        List<TrackRecord> with = rows(true);
        FeatureSpace space = FeatureSpace.fit(with);
        Embedding e = Embedding.fit(with, space);
        Embedding decoded = Embedding.decode(e.encode());
        float[] a0 = decoded.of(with.get(0), space.vector(with.get(0)));
        float[] a2 = decoded.of(with.get(2), space.vector(with.get(2)));
        float[] b1 = decoded.of(with.get(1), space.vector(with.get(1)));
        assertThat(dist(a0, a2)).isLessThan(dist(a0, b1));

        List<TrackRecord> without = rows(false);
        Embedding plain = Embedding.fit(without, FeatureSpace.fit(without));
        assertThat(e.dims()).isEqualTo(plain.dims() + 16);
        assertThat(Similarity.fit(without).components()).noneMatch(c -> c.startsWith(Components.MODEL));
        assertThat(Components.modelWeight(with, "synthetic")).isEqualTo(0.5);
    }

    private static double dist(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (double) (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }

    @Test
    void theWeightIsTheCardsAtTheLatestScanThatRanTheModel() {
        List<TrackRecord> rows = rows(true);
        String[] weights = {"0.25", "0.1", "0.5"};
        for (int i = 0; i < rows.size(); i++) {
            // scans 1, 2, 3 in turn, the latest (0.5) on the middle rows only
            long scan = i == N / 2 ? 3 : 1 + i % 2;
            rows.get(i).setScanId(scan);
            rows.get(i).setModels(Map.of("synthetic", "0123abcd weight=" + weights[(int) scan - 1]));
        }
        assertThat(Components.modelWeight(rows, "synthetic")).isEqualTo(0.5);
        assertThat(Components.modelWeight(rows.subList(0, N / 2), "synthetic")).isEqualTo(0.1);
        assertThat(Components.modelWeight(rows(false), "synthetic")).isNaN();
    }
}
