package org.trackflow.udfs.rhythm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The O(1) window residual from prefix sums equals the direct least-squares residual. */
class DanceabilityPrefixTest {
    @Test
    void prefixResidualEqualsDirectResidual() {
        SplittableRandom r = new SplittableRandom(9);
        double[] y = new double[5000];
        double acc = 0;
        for (int i = 0; i < y.length; i++) {
            acc += r.nextDouble() - 0.5; // an integrated series, as DFA sees
            y[i] = acc;
        }
        Danceability.Prefix prefix = new Danceability.Prefix(y);
        for (int t = 0; t < 200; t++) {
            int len = 2 + r.nextInt(900);
            int from = r.nextInt(y.length - len);
            double direct = Danceability.residual(y, from, len);
            assertThat(prefix.residual(from, len)).isCloseTo(direct, org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, direct)));
        }
    }
}
