package org.trackflow.udfs.analysis;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.udfs.decode.AudioDecoder;
import org.trackflow.udfs.decode.Excerpts;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.AudioEncoder.Format;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.testkit.Signals;
import org.trackflow.testkit.TrackSynth;

class FastModeTest {
    @TempDir
    Path dir;

    /** Three 60 s parts at 300, 1000 and 3000 Hz: each excerpt must land in its own part. */
    @Test
    void excerptsAreReachedBySeekingAndLandWhereTheyShould() throws Exception {
        for (Format format : List.of(Format.MP3, Format.FLAC, Format.M4A, Format.OPUS)) {
            int rate = format == Format.OPUS ? 48_000 : 44_100;
            float[] x = Signals.concat(Signals.sine(300, 60, rate, 0.5), Signals.sine(1000, 60, rate, 0.5),
                    Signals.sine(3000, 60, rate, 0.5));
            Path file = dir.resolve("parts." + format.extension);
            AudioEncoder.encode(new float[][] {x, x}, rate, format, file, Map.of());

            List<Double> starts = new ArrayList<>();
            List<float[]> excerpts = new ArrayList<>();
            float[][] current = new float[1][0];
            AudioDecoder decoder = new AudioDecoder(FrameGrid.DEFAULT_ANALYSIS_RATE);
            var info = decoder.decode(file, new AudioListener() {
                @Override
                public void segmentStart(int segment, double startSeconds) {
                    starts.add(startSeconds);
                    current[0] = new float[0];
                }

                @Override
                public void analysisAudio(float[] samples, int length) {
                    current[0] = Signals.concat(current[0], java.util.Arrays.copyOf(samples, length));
                }

                @Override
                public void segmentEnd(int segment) {
                    excerpts.add(current[0]);
                }
            }, new Excerpts(3, 20));

            assertThat(info.excerpted()).as("%s", format).isTrue();
            assertThat(info.durationSeconds()).isCloseTo(180, within(1.0));
            assertThat(info.decodedSeconds()).isCloseTo(60, within(0.1));
            assertThat(starts).hasSize(3);
            for (int k = 0; k < 3; k++) {
                // centred in thirds of the announced duration (which includes the encoder's padding)
                assertThat(starts.get(k)).isCloseTo(20.0 + 60 * k, within(0.05));
            }
            double[] expected = {300, 1000, 3000};
            for (int k = 0; k < 3; k++) {
                float[] e = excerpts.get(k);
                assertThat((double) e.length).isCloseTo(20 * FrameGrid.DEFAULT_ANALYSIS_RATE, within(600.0));
                var s = new org.trackflow.udfs.spectral.Spectrum(FrameGrid.DEFAULT_ANALYSIS_RATE);
                s.compute(e, FrameGrid.DEFAULT_ANALYSIS_RATE);
                assertThat(org.trackflow.udfs.spectral.SpectralCentroid.of(s.magnitude, s.frequencies))
                        .as("%s excerpt %d", format, k).isCloseTo(expected[k], within(expected[k] * 0.05));
            }
        }
    }

    @Test
    void fastModeAgreesWithFullModeOnTempoKeyAndLoudness() throws Exception {
        Path file = dir.resolve("song.mp3");
        AudioEncoder.encode(TrackSynth.render(new TrackSynth.Spec(126, 4, true, 0.9, 0.6, 0.1, 0.7, 200, 9), 44_100),
                44_100, Format.MP3, file, Map.of());
        TrackAnalysis.Result full = new TrackAnalysis(FrameGrid.DEFAULT_ANALYSIS_RATE, 30).analyse(file);
        TrackAnalysis.Result fast = new TrackAnalysis(FrameGrid.DEFAULT_ANALYSIS_RATE, 30, Excerpts.FAST).analyse(file);
        assertThat(fast.info().excerpted()).isTrue();
        assertThat(fast.info().durationSeconds()).isCloseTo(full.info().durationSeconds(), within(0.5));
        assertThat(fast.features().tempo().bpm()).isCloseTo(full.features().tempo().bpm(), within(126 * 0.02));
        assertThat(fast.features().key()).extracting(KeyEstimatorKeyName::of).isEqualTo(KeyEstimatorKeyName.of(full.features().key()));
        assertThat(fast.loudness().integratedLufs()).isCloseTo(full.loudness().integratedLufs(), within(1.0));
        assertThat(fast.features().frames().mean(FrameFeatures.CENTROID)).isCloseTo(full.features().frames().mean(FrameFeatures.CENTROID),
                within(full.features().frames().mean(FrameFeatures.CENTROID) * 0.1));
    }

    /** "E minor" from a key. */
    static final class KeyEstimatorKeyName {
        static String of(org.trackflow.udfs.tonal.KeyEstimator.Key k) {
            return k.name() + " " + k.scale();
        }
    }
}
