package org.trackflow.udfs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Basic Pitch (../shared/models/basic-pitch/nmp.onnx) through its shipped card: the file finds its card by its
 * hash; an A minor triad's profile puts its weight on A, C and E; the vector does not depend on how the audio
 * is cut into pieces nor on which session runs it (bit for bit).
 */
class BasicPitchTest {
    static final int RATE = 22_050;

    /** A, C and E (A3, C4, E4) as sine tones with a little noise, {@code seconds} long. */
    static float[] triad(double seconds) {
        int n = (int) (seconds * RATE);
        float[] s = new float[n];
        SplittableRandom r = new SplittableRandom(3);
        double[] hz = {220.0, 261.63, 329.63};
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (double f : hz) {
                v += 0.2 * Math.sin(2 * Math.PI * f * i / RATE);
            }
            s[i] = (float) (v + 0.005 * r.nextGaussian());
        }
        return s;
    }


    @Test
    void aTriadsProfileAndItsInvariance() throws Exception {
        Path file = SharedModels.require("basic-pitch/nmp.onnx");
        ModelCard card = ModelCard.bySha256(ModelCard.sha256(file));
        assertThat(card).isNotNull();
        assertThat(card.name()).isEqualTo("basic-pitch");
        float[] audio = triad(7.3);
        try (OnnxModel one = new OnnxModel(file, card); OnnxModel two = new OnnxModel(file, card)) {
            float[] whole = Streams.run(one, audio, audio.length);
            assertThat(whole).hasSize(PitchProfile.DIMS);
            // A (9), C (0) and E (4) hold most of the pitch-class profile
            assertThat(whole[9] + whole[0] + whole[4]).isGreaterThan(0.7f);
            assertThat(whole[12]).as("note activity").isGreaterThan(0.3f);
            assertThat(whole[13]).as("polyphony").isBetween(1.5f, 4f);
            assertThat(Streams.run(one, audio, 1000)).as("in pieces of 1000").isEqualTo(whole);
            assertThat(Streams.run(two, audio, 22_050 * 3 + 7)).as("another session, pieces of 3 s").isEqualTo(whole);
        }
    }
}
