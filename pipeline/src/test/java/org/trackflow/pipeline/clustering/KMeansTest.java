package org.trackflow.pipeline.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** k-means on points whose clusters are known: blobs far apart, and the warm start from given centres. */
class KMeansTest {
    /** Three blobs of 40 points around (0,0), (10,0) and (0,10), interleaved so that no blob is a prefix. */
    static double[][] blobs() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] centre = {{0, 0}, {10, 0}, {0, 10}};
        double[][] x = new double[120][];
        for (int i = 0; i < x.length; i++) {
            double[] c = centre[i % 3];
            x[i] = new double[] {c[0] + r.nextGaussian(), c[1] + r.nextGaussian()};
        }
        return x;
    }

    @Test
    void kMeansPlusPlusFindsFarApartBlobsAndNumbersThemByTheirFirstMember() {
        double[][] x = blobs();
        int[] a = KMeans.kMeansPlusPlus(x, 3, 42);
        for (int i = 0; i < x.length; i++) {
            assertThat(a[i]).as("point %d", i).isEqualTo(i % 3);
        }
        assertThat(KMeans.kMeansPlusPlus(x, 3, 42)).as("the same seed, the same labels").containsExactly(a);
    }

    @Test
    void lloydFromGivenCentresConvergesToTheBlobMeans() {
        double[][] x = blobs();
        double[][] centres = {{1, 1}, {8, 1}, {1, 8}};
        int[] a = KMeans.lloyd(x, centres);
        for (int c = 0; c < 3; c++) {
            int cc = c;
            List<Integer> members = java.util.stream.IntStream.range(0, x.length).filter(i -> i % 3 == cc).boxed().toList();
            double[] mean = KMeans.mean(x, members);
            assertThat(centres[c][0]).isCloseTo(mean[0], within(1e-12));
            assertThat(centres[c][1]).isCloseTo(mean[1], within(1e-12));
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(a[i]).isEqualTo(i % 3);
        }
    }

    @Test
    void nearestTakesTheFirstOfEqualCentres() {
        double[][] x = {{0, 0}, {2, 0}};
        int[] a = KMeans.nearest(x, new double[][] {{1, 1}, {1, -1}, {2, 0}});
        assertThat(a).containsExactly(0, 2);
    }

    @Test
    void distinctPointsAndCandidateCounts() {
        assertThat(KMeans.distinct(new double[][] {{1, 2}, {1, 2}, {3, 4}})).isEqualTo(2);
        assertThat(KMeans.candidates(2, 6)).containsExactly(2, 3, 4, 5, 6);
        int[] spread = KMeans.candidates(2, 100);
        assertThat(spread).hasSize(KMeans.MAX_CANDIDATES).startsWith(2).endsWith(100);
        assertThat(KMeans.restarts(100, 3)).isEqualTo(KMeans.RESTARTS);
        assertThat(KMeans.restarts(1_000_000, 40)).isEqualTo(3);
    }
}
