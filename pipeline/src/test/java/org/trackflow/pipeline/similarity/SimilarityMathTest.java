package org.trackflow.pipeline.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trackflow.pipeline.fixtures.TimbreRows;
import org.trackflow.pipeline.neighbours.SongPath;

/** The divergence, mutual proximity and song path on cases whose answer is known. */
class SimilarityMathTest {
    static double[] packedIdentity(int d, double scale) {
        double[] p = new double[d * (d + 1) / 2];
        for (int i = 0, k = 0; i < d; k += d - i, i++) {
            p[k] = scale;
        }
        return p;
    }

    @Test
    void logDetOfKnownMatrices() {
        double[] diag = new double[16];
        for (int i = 0; i < 4; i++) {
            diag[i * 5] = 2;
        }
        assertThat(TimbreModel.choleskyLogDet(diag, 4)).isCloseTo(4 * Math.log(2), within(1e-12));
        // [[4, 2], [2, 3]]: det 8 (only the lower triangle is read)
        assertThat(TimbreModel.choleskyLogDet(new double[] {4, 99, 2, 3}, 2)).isCloseTo(Math.log(8), within(1e-12));
        assertThat(TimbreModel.choleskyLogDet(new double[] {1, 99, 2, 1}, 2)).as("not positive definite").isNaN();
        // far beyond a double's range as a plain product of pivots: 60 pivots of 1e-20
        double[] tiny = new double[60 * 60];
        for (int i = 0; i < 60; i++) {
            tiny[i * 61] = 1e-20;
        }
        assertThat(TimbreModel.choleskyLogDet(tiny, 60)).isCloseTo(60 * Math.log(1e-20), within(1e-9));
    }

    /** Same covariance I, means one apart on one axis: jsd = 1/2 ln(1 + h^T h) with h = delta / 2. */
    @Test
    void divergenceOfShiftedGaussians() {
        org.trackflow.schemas.TrackRecord a = TimbreRows.row("a", new double[] {0, 0, 0}, packedIdentity(3, 1));
        org.trackflow.schemas.TrackRecord b = TimbreRows.row("b", new double[] {1, 0, 0}, packedIdentity(3, 1));
        TimbreModel ma = TimbreModel.of(a);
        TimbreModel mb = TimbreModel.of(b);
        double[] work = ma.newWork();
        double reg = 1 + TimbreModel.REGULARISATION;
        double expected = Math.sqrt(0.5 * Math.log(1 + 0.25 / reg));
        assertThat(TimbreModel.divergence(ma, mb, work)).isCloseTo(expected, within(1e-9));
        assertThat(TimbreModel.divergence(mb, ma, work)).isCloseTo(expected, within(1e-9));
        assertThat(TimbreModel.divergence(ma, TimbreModel.of(a), work)).isCloseTo(0, within(1e-9));
        // a wider spread is further away too
        TimbreModel wide = TimbreModel.of(TimbreRows.row("c", new double[] {0, 0, 0}, packedIdentity(3, 4)));
        assertThat(TimbreModel.divergence(ma, wide, work)).isGreaterThan(0.3);
    }

    /** Rows of two feature sets in one library (timbre models of 20 and 25 dimensions): compared, never a crash. */
    @Test
    void timbreModelsOfAnotherDimensionAreComparedWithoutTheirModels() {
        org.trackflow.pipeline.fixtures.SyntheticLibrary lib = new org.trackflow.pipeline.fixtures.SyntheticLibrary(60);
        List<org.trackflow.schemas.TrackRecord> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            org.trackflow.schemas.TrackRecord r = lib.row(i);
            if (i % 3 == 0) {
                org.trackflow.schemas.TrackRecord wider = TimbreRows.row("w", new double[25], packedIdentity(25, 1));
                r.setTimbreMean(wider.getTimbreMean());
                r.setTimbreCov(wider.getTimbreCov());
            }
            rows.add(r);
        }
        Similarity s = Similarity.fit(rows);
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 60; j++) {
                assertThat(s.distance(i, j)).as(i + "," + j).isFinite().isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(org.trackflow.pipeline.neighbours.Embedding.fit(rows, FeatureSpace.fit(rows)).dims()).isPositive();
    }

    @Test
    void normalCdfAndMutualProximity() {
        assertThat(MutualProximity.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(MutualProximity.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(MutualProximity.normalCdf(-1.959964)).isCloseTo(0.025, within(1e-6));
        // a hub: close to everybody (mean distance 1), and a loner (mean 5): their raw distance 2 is short
        // for the loner and long for the hub, so mutual proximity ranks it between
        MutualProximity mp = new MutualProximity(new double[] {1, 5}, new double[] {0.5, 0.5});
        double d = mp.distance(0, 1, 2);
        assertThat(d).isEqualTo(mp.distance(1, 0, 2)).isBetween(0.0, 1.0);
        assertThat(mp.distance(0, 1, 0.1)).isLessThan(d);
    }

    /** Points on a line: the path from 0 to 10 steps through the points between, in order, evenly. */
    @Test
    void songPathOnALineStepsEvenly() {
        List<Double> x = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            x.add(i / 4.0);
        }
        x.add(5.0); // a second copy of the middle, and points off to the side that the path must not take
        x.add(-3.0);
        x.add(14.0);
        Metric line = new Metric() {
            public int size() {
                return x.size();
            }

            public double distance(int i, int j) {
                return Math.abs(x.get(i) - x.get(j));
            }
        };
        SongPath.Path p = SongPath.find(line, 0, 40, 11);
        assertThat(p.tracks()).first().isEqualTo(0);
        assertThat(p.tracks()).last().isEqualTo(40);
        assertThat(p.tracks()).hasSize(11).doesNotHaveDuplicates();
        for (int k = 1; k < p.tracks().size(); k++) {
            assertThat(x.get(p.tracks().get(k))).as("each step closer to the goal").isGreaterThan(x.get(p.tracks().get(k - 1)));
        }
        assertThat(p.biggestStep()).isCloseTo(1.0, within(1e-9));
        assertThat(SongPath.find(line, 0, 40, 2).tracks()).containsExactly(0, 40);
    }
}
