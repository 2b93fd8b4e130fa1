package org.trackflow.pipeline.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One rule for a learned model's weight, which the exact measure and the index's embedding both follow. */
class WeightsTest {
    private static final String MODEL = Components.MODEL + "basic-pitch";

    @Test
    void aModelWeighsWhatItsCardSaysUnlessTheWeightsNameIt() {
        assertThat(Weights.DEFAULT.of(MODEL, 0.4)).as("the card's").isEqualTo(0.4);
        assertThat(Weights.DEFAULT.of(MODEL, Double.NaN)).as("no card known: the default for models").isEqualTo(Weights.MODEL);
        assertThat(Weights.DEFAULT.with(MODEL, 0.1).of(MODEL, 0.4)).as("named: the weights' own").isEqualTo(0.1);
        assertThat(Weights.DEFAULT.with(Components.MODEL, 0.05).of(MODEL, Double.NaN)).as("every model's").isEqualTo(0.05);
        assertThat(Weights.DEFAULT.of(Components.TIMBRE, Double.NaN)).isEqualTo(0.45);
        assertThat(Weights.DEFAULT.of(Components.RHYTHM, Double.NaN)).isZero();
    }
}
