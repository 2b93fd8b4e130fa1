package org.trackflow.pipeline.neighbours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.trackflow.pipeline.fixtures.SyntheticLibrary;
import org.trackflow.pipeline.similarity.Components;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.similarity.Weights;
import org.trackflow.schemas.TrackRecord;

/**
 * The index's vectors: each component of the mix scaled by sqrt(its weight) over its median distance
 * between tracks, so that the Euclidean distance of two vectors weighs the components as the mix does.
 */
class EmbeddingTest {
    private static final List<TrackRecord> ROWS = IntStream.range(0, 600).mapToObj(new SyntheticLibrary(600)::row).toList();
    private static final FeatureSpace SPACE = FeatureSpace.fit(ROWS);
    private static final Embedding EMBEDDING = Embedding.fit(ROWS, SPACE);

    @Test
    void theVectorHoldsTheWeightedComponentsOnly() {
        // the timbre model (mean and log variance of each coefficient) and the groups with a weight: rhythm weighs 0
        int timbre = 2 * ROWS.get(0).getTimbreMean().size();
        int groups = Arrays.stream(FeatureSpace.Group.values()).filter(g -> Weights.DEFAULT.of(g.component()) > 0)
                .mapToInt(FeatureSpace.Group::dims).sum();
        assertThat(EMBEDDING.dims()).isEqualTo(timbre + groups);
        assertThat(EMBEDDING.of(ROWS.get(0), SPACE.vector(ROWS.get(0)))).hasSize(EMBEDDING.dims());
    }

    @Test
    void twoTracksThatDifferInOneGroupAreAsFarApartAsThatGroupWeighsInTheMix() {
        TrackRecord a = ROWS.get(3);
        // the same track one key further round the circle of fifths: only the tonal group moves
        TrackRecord b = TrackRecord.newBuilder(a).setKey(a.getKey().equals("C") ? "G" : "C").build();
        double[] va = SPACE.vector(a);
        double[] vb = SPACE.vector(b);
        assertThat(FeatureSpace.distance(va, vb, FeatureSpace.Group.TIMBRE)).isZero();
        double tonal = FeatureSpace.distance(va, vb, FeatureSpace.Group.TONAL);
        assertThat(tonal).isPositive();
        double embedded = distance(EMBEDDING.of(a, va), EMBEDDING.of(b, vb));
        // the factor is sqrt(weight) / median distance: the same for any pair differing in this group alone
        TrackRecord c = TrackRecord.newBuilder(ROWS.get(7)).setKey(ROWS.get(7).getKey().equals("C") ? "G" : "C").build();
        double tonalC = FeatureSpace.distance(SPACE.vector(ROWS.get(7)), SPACE.vector(c), FeatureSpace.Group.TONAL);
        double embeddedC = distance(EMBEDDING.of(ROWS.get(7), SPACE.vector(ROWS.get(7))), EMBEDDING.of(c, SPACE.vector(c)));
        assertThat(embedded / tonal).isCloseTo(embeddedC / tonalC, within(1e-4 * embedded / tonal));
    }

    @Test
    void eachComponentsMedianDistanceBecomesTheSquareRootOfItsWeight() {
        // between random pairs of the library, the embedded timbre component's median distance is sqrt(0.45)
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        int timbre = 2 * ROWS.get(0).getTimbreMean().size();
        double[] d = new double[2000];
        for (int k = 0; k < d.length; k++) {
            int i = random.nextInt(ROWS.size());
            int j = (i + 1 + random.nextInt(ROWS.size() - 1)) % ROWS.size();
            float[] u = EMBEDDING.of(ROWS.get(i), SPACE.vector(ROWS.get(i)));
            float[] v = EMBEDDING.of(ROWS.get(j), SPACE.vector(ROWS.get(j)));
            d[k] = distance(Arrays.copyOf(u, timbre), Arrays.copyOf(v, timbre));
        }
        Arrays.sort(d);
        assertThat(d[d.length / 2]).isCloseTo(Math.sqrt(Weights.DEFAULT.of(Components.TIMBRE)), within(0.05));
    }

    @Test
    void aTrackWithoutATimbreModelHasZerosThereAndTheParametersSurviveTheirText() {
        TrackRecord none = TrackRecord.newBuilder(ROWS.get(5)).setTimbreMean(null).setTimbreCov(null).build();
        float[] v = EMBEDDING.of(none, SPACE.vector(none));
        int timbre = 2 * ROWS.get(0).getTimbreMean().size();
        for (int j = 0; j < timbre; j++) {
            assertThat(v[j]).isZero();
        }
        Embedding read = Embedding.decode(EMBEDDING.encode());
        for (TrackRecord r : ROWS.subList(0, 20)) {
            assertThat(read.of(r, SPACE.vector(r))).containsExactly(EMBEDDING.of(r, SPACE.vector(r)));
        }
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}
