package org.trackflow.udfs.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoMomentsTest {
    /** x ~ N(0, 1), y = 2x + 1 + N(0, 0.5^2), z = -x: covariance [[1, 2, -1], [2, 4.25, -2], [-1, -2, 1]]. */
    static double[][] series(int n) {
        SplittableRandom r = new SplittableRandom(3);
        double[][] v = new double[n][3];
        for (int i = 0; i < n; i++) {
            double x = gaussian(r);
            v[i][0] = x;
            v[i][1] = 2 * x + 1 + 0.5 * gaussian(r);
            v[i][2] = -x;
        }
        return v;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void covarianceOfAKnownLinearModel() {
        CoMoments m = new CoMoments(3);
        double[] scratch = new double[3];
        for (double[] v : series(200_000)) {
            m.add(v, 0, scratch);
        }
        double[] c = m.covariance(); // (0,0) (0,1) (0,2) (1,1) (1,2) (2,2)
        double[] expected = {1, 2, -1, 4.25, -2, 1};
        for (int k = 0; k < 6; k++) {
            assertThat(c[k]).as("element %d", k).isCloseTo(expected[k], within(0.03));
        }
        assertThat(m.mean[1]).isCloseTo(1, within(0.01));
    }

    @Test
    void mergedPartsEqualOnePassAndATwoPassComputation() {
        double[][] v = series(1001);
        CoMoments whole = new CoMoments(3);
        CoMoments merged = new CoMoments(3);
        double[] scratch = new double[3];
        for (double[] x : v) {
            whole.add(x, 0, scratch);
        }
        for (int from = 0; from < v.length; from += 137) {
            CoMoments part = new CoMoments(3);
            for (int i = from; i < Math.min(v.length, from + 137); i++) {
                part.add(v[i], 0, scratch);
            }
            merged.merge(part);
        }
        merged.merge(new CoMoments(3)); // an empty chunk changes nothing
        double[] mean = new double[3];
        for (double[] x : v) {
            for (int j = 0; j < 3; j++) {
                mean[j] += x[j] / v.length;
            }
        }
        int k = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = i; j < 3; j++) {
                double direct = 0;
                for (double[] x : v) {
                    direct += (x[i] - mean[i]) * (x[j] - mean[j]);
                }
                direct /= v.length - 1;
                assertThat(whole.covariance()[k]).isCloseTo(direct, within(1e-12 * Math.max(1, Math.abs(direct))));
                assertThat(merged.covariance()[k]).isCloseTo(direct, within(1e-12 * Math.max(1, Math.abs(direct))));
                k++;
            }
        }
        assertThat(merged.count).isEqualTo(1001);
        assertThat(new CoMoments(3).covariance()[0]).isNaN();
    }
}
