package org.trackflow.udfs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-end card through a real ONNX model: patch-mean.onnx (bench/models/patch-mean-onnx.py wrote it: each
 * MusiCNN-shaped patch [187 x 96] to the mean of its frames). The stream's vector is the mean over the
 * track's patches (187 mel frames every 93, the last filled with zeros) of their mean frame, computed here from
 * the front end's frames directly; the same in one piece and in pieces; a card for 44.1 kHz is refused.
 */
class ModelStreamFrontEndTest {
    @TempDir
    Path tmp;

    ModelCard card(int rate) {
        Properties p = new Properties();
        p.setProperty("name", "patch-mean");
        p.setProperty("input", "musicnn");
        p.setProperty("rate", Integer.toString(rate));
        p.setProperty("window", "187");
        p.setProperty("hop", "93");
        p.setProperty("input-tensor", "x");
        p.setProperty("outputs", "y");
        p.setProperty("output-names", "embedding");
        p.setProperty("pooling", "mean");
        p.setProperty("batch", "3");
        return ModelCard.of(p, "test card");
    }

    @Test
    void patchesOfMelFramesPooledInOrder() throws Exception {
        Path onnx = tmp.resolve("patch-mean.onnx");
        try (var in = ModelStreamFrontEndTest.class.getResourceAsStream("patch-mean.onnx")) {
            Files.copy(in, onnx);
        }
        float[] audio = MelFrontEndTest.signal();
        audio = java.util.Arrays.copyOf(audio, 7 * 16_000 + 123); // 7 s: several patches and a partial one
        for (int i = 32_000; i < audio.length; i++) {
            audio[i] = (float) (0.3 * Math.sin(i * 0.05)) + audio[i % 32_000] * 0.1f;
        }
        // the expected vector, from the front end's frames
        List<float[]> frames = new ArrayList<>();
        MelFrontEnd fe = new MelFrontEnd(MelFrontEnd.MUSICNN, frames::add);
        fe.accept(audio, audio.length);
        fe.finish();
        double[] expected = new double[96];
        int patches = 0;
        for (int start = 0; start < frames.size(); start += 93, patches++) {
            for (int f = start; f < start + 187; f++) {
                for (int b = 0; b < 96; b++) {
                    expected[b] += f < frames.size() ? frames.get(f)[b] / 187.0 : 0;
                }
            }
        }
        try (OnnxModel model = new OnnxModel(onnx, card(16_000))) {
            float[] whole = Streams.run(model, audio, audio.length);
            for (int b = 0; b < 96; b++) {
                assertThat((double) whole[b]).as("band %d", b).isCloseTo(expected[b] / patches, org.assertj.core.data.Offset.offset(1e-4));
            }
            assertThat(Streams.run(model, audio, 1001)).as("in pieces").isEqualTo(whole);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> card(44_100)).hasMessageContaining("16000");
    }

}
