package org.trackflow.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A model state's weight replaced, the rest of it (hash, error) kept; models the run does not name left alone. */
class ModelWeightsTest {
    @Test
    void theWeightIsReplacedAndTheRestKept() {
        assertThat(ModelWeights.withWeight("abc weight=0.25", "0.6")).isEqualTo("abc weight=0.6");
        assertThat(ModelWeights.withWeight("abc weight=0.25 error: too short", "0.6")).isEqualTo("abc weight=0.6 error: too short");
        assertThat(ModelWeights.withWeight("abc", "0.6")).as("a state from before weights").isEqualTo("abc weight=0.6");
        assertThat(ModelWeights.withWeight("abc error: weight=1 in the message", "0.6")).isEqualTo("abc weight=0.6 error: weight=1 in the message");
    }

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
}
