package org.trackflow.udfs.loudness;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.Signals;

/** EBU Tech 3341 (loudness) and Tech 3342 (loudness range) test signals. */
class LoudnessMeterTest {
    @TempDir
    Path dir;

    /** Stereo 1 kHz sine, both channels at the given dBFS (peak) for the given seconds, back to back. */
    private static float[][] tones(int rate, double[][] levelsAndSeconds) {
        float[][] parts = new float[levelsAndSeconds.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Signals.sine(1000, levelsAndSeconds[i][1], rate, Math.pow(10, levelsAndSeconds[i][0] / 20));
        }
        float[] m = Signals.concat(parts);
        return new float[][] {m, m.clone()};
    }

    private static LoudnessMeter.Result measure(int rate, double[][] program) {
        float[][] x = tones(rate, program);
        LoudnessMeter meter = new LoudnessMeter(rate, 2);
        // feed in odd-sized pieces, as a decoder would
        for (int pos = 0; pos < x[0].length; pos += 1153) {
            int n = Math.min(1153, x[0].length - pos);
            meter.accept(new float[][] {java.util.Arrays.copyOfRange(x[0], pos, pos + n),
                    java.util.Arrays.copyOfRange(x[1], pos, pos + n)}, n);
        }
        return meter.result();
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void tech3341IntegratedLoudnessWithinOneTenthLu(int rate) {
        assertThat(measure(rate, new double[][] {{-23, 20}}).integratedLufs()).isCloseTo(-23.0, within(0.1));
        assertThat(measure(rate, new double[][] {{-33, 20}}).integratedLufs()).isCloseTo(-33.0, within(0.1));
        // case 3: the relative gate drops the quiet parts
        assertThat(measure(rate, new double[][] {{-36, 10}, {-23, 60}, {-36, 10}}).integratedLufs()).isCloseTo(-23.0, within(0.1));
        // case 4: the absolute gate too
        assertThat(measure(rate, new double[][] {{-72, 10}, {-36, 10}, {-23, 60}, {-36, 10}, {-72, 10}}).integratedLufs())
                .isCloseTo(-23.0, within(0.1));
        assertThat(measure(rate, new double[][] {{-23, 20}}).peakDbfs()).isCloseTo(-23.0, within(0.01));
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void tech3342LoudnessRangeWithinOneLu(int rate) {
        assertThat(measure(rate, new double[][] {{-20, 20}, {-30, 20}}).rangeLu()).isCloseTo(10, within(1.0));
        assertThat(measure(rate, new double[][] {{-20, 20}, {-15, 20}}).rangeLu()).isCloseTo(5, within(1.0));
        assertThat(measure(rate, new double[][] {{-40, 20}, {-20, 20}}).rangeLu()).isCloseTo(20, within(1.0));
        assertThat(measure(rate, new double[][] {{-50, 20}, {-35, 20}, {-20, 20}, {-35, 20}, {-50, 20}}).rangeLu())
                .isCloseTo(15, within(1.0));
    }

    @Test
    void steadyToneHasNoDynamicComplexityAndSteppedOneHasSome() {
        assertThat(measure(48_000, new double[][] {{-23, 20}}).dynamicComplexityLu()).isCloseTo(0, within(0.01));
        // half at -20, half at -30: deviation from the mean about 5 LU, less where windows straddle the step
        assertThat(measure(48_000, new double[][] {{-20, 20}, {-30, 20}}).dynamicComplexityLu()).isBetween(4.0, 5.0);
    }

    @Test
    void silenceHasNoLoudnessAndNoPeakButNoNaNLeaksAsANumber() {
        LoudnessMeter meter = new LoudnessMeter(44_100, 2);
        meter.accept(new float[2][44_100 * 5], 44_100 * 5);
        LoudnessMeter.Result r = meter.result();
        assertThat(r.integratedLufs()).isNaN();
        assertThat(r.rangeLu()).isNaN();
        assertThat(r.peakDbfs()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void encodedTestToneMeasuresTheSameThroughTheDecoder(int rate) throws Exception {
        Path file = dir.resolve("tone-" + rate + ".flac");
        AudioEncoder.encode(tones(rate, new double[][] {{-23, 20}}), rate, AudioEncoder.Format.FLAC, file, Map.of());
        TrackAnalysis.Result r = new TrackAnalysis(FrameGrid.DEFAULT_ANALYSIS_RATE, 30).analyse(file);
        assertThat(r.loudness().integratedLufs()).isCloseTo(-23.0, within(0.1));
        assertThat(Files.size(file)).isPositive();
    }
}
