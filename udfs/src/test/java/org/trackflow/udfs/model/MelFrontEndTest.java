package org.trackflow.udfs.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MusiCNN and VGGish front ends against essentia.js 0.1.3's EssentiaTFInputExtractor on the same signal
 * (tones, a chirp, noise; bench/models/essentia-frontends.cjs wrote the reference): the same number of
 * frames, every band within the tolerance (Essentia computes in single precision), in one piece or in many.
 */
class MelFrontEndTest {
    static final int RATE = 16_000;

    /** The reference's signal, sample for sample (the script's 32-bit LCG and formula). */
    static float[] signal() {
        int n = 2 * RATE;
        float[] s = new float[n];
        long state = 12345;
        for (int i = 0; i < n; i++) {
            state = ((long) ((int) state * 1103515245) + 12345) & 0xffffffffL;
            double noise = state / 4294967296.0 * 2 - 1;
            double t = (double) i / RATE;
            double chirp = StrictMath.sin(2 * Math.PI * (200 * t + 900 * t * t));
            s[i] = (float) (0.25 * StrictMath.sin(2 * Math.PI * 440 * t) + 0.15 * StrictMath.sin(2 * Math.PI * 1330 * t) + 0.2 * chirp
                    + 0.05 * noise);
        }
        return s;
    }

    static List<float[]> frames(MelFrontEnd.Kind kind, float[] audio, int piece) {
        List<float[]> out = new ArrayList<>();
        MelFrontEnd fe = new MelFrontEnd(kind, out::add);
        for (int at = 0; at < audio.length; at += piece) {
            int n = Math.min(piece, audio.length - at);
            fe.accept(java.util.Arrays.copyOfRange(audio, at, at + n), n);
        }
        fe.finish();
        return out;
    }

    @ParameterizedTest
    @CsvSource({"musicnn, 0.0001", "vggish, 0.001"})
    void matchesEssentiaJs(String name, double tolerance) throws Exception {
        JsonNode ref;
        try (InputStream in = MelFrontEndTest.class.getResourceAsStream("essentia-frontends.json")) {
            ref = new ObjectMapper().readTree(in).get(name).get("frames");
        }
        MelFrontEnd.Kind kind = MelFrontEnd.of(name);
        float[] audio = signal();
        List<float[]> mine = frames(kind, audio, audio.length);
        assertThat(mine).hasSize(ref.size());
        double worst = 0;
        for (int f = 0; f < mine.size(); f++) {
            for (int b = 0; b < kind.bands(); b++) {
                worst = Math.max(worst, Math.abs(mine.get(f)[b] - ref.get(f).get(b).asDouble()));
            }
        }
        System.out.printf("%s: %d frames, largest difference to essentia.js %.2e%n", name, mine.size(), worst);
        assertThat(worst).as("largest difference to essentia.js").isLessThan(tolerance);
        List<float[]> pieces = frames(kind, audio, 777);
        assertThat(pieces).hasSize(mine.size());
        for (int f = 0; f < mine.size(); f++) {
            assertThat(pieces.get(f)).as("frame %d in pieces", f).isEqualTo(mine.get(f));
        }
    }
}
