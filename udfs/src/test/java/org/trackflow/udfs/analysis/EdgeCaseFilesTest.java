package org.trackflow.udfs.analysis;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.AudioEncoder.Format;
import org.trackflow.testkit.Signals;
import org.trackflow.testkit.TrackSynth;

/** Odd but valid files: they analyse, and every value is a number or a deliberate NaN (null in rows). */
class EdgeCaseFilesTest {
    @TempDir
    Path dir;

    private final TrackAnalysis analysis = new TrackAnalysis(FrameGrid.DEFAULT_ANALYSIS_RATE, 30);

    private static void assertAllFinite(TrackFeatures f) {
        double[] means = f.frames().stats().mean;
        for (double v : means) {
            assertThat(v).isFinite();
        }
        for (int i = 0; i < means.length; i++) {
            assertThat(f.frames().stats().std(i)).isFinite();
        }
    }

    @Test
    void highResolution96kHz24Bit() throws Exception {
        Path file = dir.resolve("hires.wav");
        AudioEncoder.encode(TrackSynth.render(new TrackSynth.Spec(128, 4, false, 0.8, 0.6, 0, 0.8, 12, 1), 96_000), 96_000,
                Format.WAV24, file, Map.of());
        TrackAnalysis.Result r = analysis.analyse(file);
        assertThat(r.info().sampleRate()).isEqualTo(96_000);
        assertThat(r.info().codec()).isEqualTo("pcm_s24le");
        assertThat(r.info().durationSeconds()).isCloseTo(12.0, within(0.001));
        assertThat(r.features().tempo().bpm()).isCloseTo(128, within(128 * 0.04));
        assertThat(r.loudness().integratedLufs()).isBetween(-30.0, -5.0);
        assertAllFinite(r.features());
    }

    @Test
    void telephoneRate8kHzMono() throws Exception {
        Path file = dir.resolve("phone.wav");
        float[] tone = Signals.sine(440, 5, 8_000, 0.5);
        AudioEncoder.encode(new float[][] {tone}, 8_000, Format.WAV, file, Map.of());
        TrackAnalysis.Result r = analysis.analyse(file);
        assertThat(r.info().sampleRate()).isEqualTo(8_000);
        assertThat(r.info().channels()).isEqualTo(1);
        assertThat(r.features().frames().mean(FrameFeatures.CENTROID)).isCloseTo(440, within(30.0));
        assertThat(r.features().key().name()).isEqualTo("A");
        // mono sine at -6 dBFS: BS.1770 mono = one channel of weight 1 -> -6 - 3 + K-weighting at 440 Hz
        assertThat(r.loudness().integratedLufs()).isBetween(-10.0, -8.0);
        assertAllFinite(r.features());
    }

    @Test
    void digitalSilenceHasDefinedFeaturesAndUndefinedLoudnessKeyAndTempo() throws Exception {
        Path file = dir.resolve("silence.flac");
        AudioEncoder.encode(new float[2][44_100 * 10], 44_100, Format.FLAC, file, Map.of());
        TrackAnalysis.Result r = analysis.analyse(file);
        assertAllFinite(r.features());
        assertThat(r.features().frames().mean(FrameFeatures.RMS)).isZero();
        assertThat(r.features().key()).isNull();
        assertThat(r.features().tempo().bpm()).isNaN();
        assertThat(r.loudness().integratedLufs()).isNaN();
        assertThat(r.loudness().peakDbfs()).isNaN();
        assertThat(r.features().onsetRate()).isZero();
    }

    @Test
    void aFifthOfASecond() throws Exception {
        Path file = dir.resolve("blip.mp3");
        float[] tone = Signals.sine(1000, 0.2, 44_100, 0.5);
        AudioEncoder.encode(new float[][] {tone, tone}, 44_100, Format.MP3, file, Map.of());
        TrackAnalysis.Result r = analysis.analyse(file);
        assertThat(r.info().durationSeconds()).isBetween(0.15, 0.3);
        assertThat(r.features().frames().frames()).isGreaterThan(0);
        assertThat(r.features().frames().mean(FrameFeatures.CENTROID)).isCloseTo(1000, within(100.0));
        assertThat(r.features().tempo().bpm()).isNaN();
        assertThat(r.loudness().integratedLufs()).isNaN(); // shorter than one 400 ms gating block
        assertThat(r.loudness().peakDbfs()).isCloseTo(-6.0, within(0.5));
        assertAllFinite(r.features());
    }
}
