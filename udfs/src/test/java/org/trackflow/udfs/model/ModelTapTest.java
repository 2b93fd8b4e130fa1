package org.trackflow.udfs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models at one rate share one resampler (the card asks for 22 050 Hz, the source and the analysis run at
 * 44 100 Hz): each model's vector is the one it gets alone with a resampler of its own, bit for bit; a model
 * at the analysis rate reads the analysis signal and needs no resampler at all.
 */
class ModelTapTest {
    private static final int SOURCE = 44_100;

    /** The triad of {@link BasicPitchTest} at the source rate, in two channels of different gain. */
    private static float[][] stereo(double seconds) {
        int n = (int) (seconds * SOURCE);
        float[][] s = new float[2][n];
        double[] hz = {220.0, 261.63, 329.63};
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (double f : hz) {
                v += 0.2 * Math.sin(2 * Math.PI * f * i / SOURCE);
            }
            s[0][i] = (float) v;
            s[1][i] = (float) (0.5 * v);
        }
        return s;
    }

    /** The source through the tap in pieces of {@code piece} frames (the analysis signal not fed). */
    private static List<ModelTap.Outcome> run(ModelTap tap, float[][] source, int piece) {
        for (int at = 0; at < source[0].length; at += piece) {
            int n = Math.min(piece, source[0].length - at);
            float[][] part = {java.util.Arrays.copyOfRange(source[0], at, at + n), java.util.Arrays.copyOfRange(source[1], at, at + n)};
            tap.sourceAudio(part, n, SOURCE);
        }
        return tap.finish();
    }

    @Test
    void modelsAtOneRateShareOneResamplerAndGetWhatEachGetsAlone() throws Exception {
        Path file = SharedModels.require("basic-pitch/nmp.onnx");
        String sha = ModelCard.sha256(file);
        ModelSpec spec = new ModelSpec(file.toString(), sha, ModelCard.bySha256(sha));
        float[][] source = stereo(6.2);
        try (OnnxModel a = new OnnxModel(file, spec.card()); OnnxModel b = new OnnxModel(file, spec.card());
             OnnxModel c = new OnnxModel(file, spec.card())) {
            float[] alone;
            try (ModelTap tap = new ModelTap(List.of(spec), List.of(a), SOURCE)) {
                alone = run(tap, source, 4096).get(0).vector();
                assertThat(tap.resamplers()).isEqualTo(1);
            }
            assertThat(alone).hasSize(PitchProfile.DIMS);
            try (ModelTap tap = new ModelTap(List.of(spec, spec), List.of(b, c), SOURCE)) {
                List<ModelTap.Outcome> both = run(tap, source, 1000);
                assertThat(tap.resamplers()).as("one resampler for two models at 22 050 Hz").isEqualTo(1);
                assertThat(both).allSatisfy(o -> {
                    assertThat(o.error()).isNull();
                    assertThat(o.vector()).isEqualTo(alone);
                });
            }
            try (ModelTap tap = new ModelTap(List.of(spec), List.of(a), spec.card().rate())) {
                run(tap, source, 4096);
                assertThat(tap.resamplers()).as("a model at the analysis rate reads the analysis signal").isZero();
            }
        }
    }
}
