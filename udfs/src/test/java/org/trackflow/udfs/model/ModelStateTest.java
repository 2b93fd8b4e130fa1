package org.trackflow.udfs.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A model state's weight read and replaced, the rest of it (hash, error) kept; nothing read from an error's text. */
class ModelStateTest {
    @Test
    void theWeightIsReplacedAndTheRestKept() {
        assertThat(ModelState.withWeight("abc weight=0.25", "0.6")).isEqualTo("abc weight=0.6");
        assertThat(ModelState.withWeight("abc weight=0.25 error: too short", "0.6")).isEqualTo("abc weight=0.6 error: too short");
        assertThat(ModelState.withWeight("abc", "0.6")).as("a state from before weights").isEqualTo("abc weight=0.6");
        assertThat(ModelState.withWeight("abc error: weight=1 in the message", "0.6")).isEqualTo("abc weight=0.6 error: weight=1 in the message");
    }

    @Test
    void whatAStateSays() {
        String failed = ModelState.of("abc", 0.25, "weight=abc in the message");
        assertThat(failed).isEqualTo("abc weight=0.25 error: weight=abc in the message");
        assertThat(ModelState.weight(failed)).isEqualTo(0.25);
        assertThat(ModelState.weight("abc error: weight=1")).isNaN();
        assertThat(ModelState.sha256(failed)).isEqualTo("abc");
        assertThat(ModelState.sha256("abc")).isEqualTo("abc");
        assertThat(ModelState.of("abc", 0.5, null)).isEqualTo("abc weight=0.5");
        assertThat(ModelState.hasWeight(failed, "0.25")).isTrue();
        assertThat(ModelState.hasWeight(failed, "0.2")).isFalse();
        assertThat(ModelState.hasWeight("abc error: weight=0.25", "0.25")).as("in the error's text").isFalse();
        assertThat(ModelState.hasWeight("abc weight=0.25", "0.25")).isTrue();
    }
}
