package org.trackflow.udfs.rhythm;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.udfs.analysis.TrackFeatures;
import org.trackflow.testkit.Signals;
import org.trackflow.testkit.TrackSynth;

/** Tempo within 4 % on click and drum patterns from 60 to 174 BPM, with and without a noise floor. */
class TempoEstimatorTest {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;
    private static final TrackAnalysis ANALYSIS = new TrackAnalysis(SR, 30);

    private static float[] mono(float[][] stereo) {
        float[] m = new float[stereo[0].length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (stereo[0][i] + stereo[1][i]) / 2;
        }
        return m;
    }

    private static List<String> failures(double bpm, List<float[]> signals, List<String> names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            TrackFeatures f = ANALYSIS.analyse(signals.get(i));
            double got = f.tempo().bpm();
            if (!(Math.abs(got - bpm) <= 0.04 * bpm)) {
                out.add(String.format("%s at %.0f BPM: got %.2f (confidence %.2f)", names.get(i), bpm, got, f.tempo().confidence()));
            }
            assertThat(f.tempo().confidence()).isBetween(0.0, 1.0);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(doubles = {60, 70, 90, 120, 128, 140, 174})
    void tempoOfClickAndDrumPatternsIsRightWithoutOctaveErrors(double bpm) {
        List<float[]> signals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        float[] clicks = Signals.clickTrack(bpm, 30, SR, 0.8, 1);
        signals.add(clicks);
        names.add("click track");
        signals.add(Signals.mix(Signals.clickTrack(bpm, 30, SR, 0.8, 2), Signals.whiteNoise(30, SR, 0.02, 3)));
        names.add("click track + noise floor");
        // rock beat: kick on 1 and 3, snare on 2 and 4, hi-hat on eighths, bass and chords
        float[] rock = mono(TrackSynth.render(new TrackSynth.Spec(bpm, 2, false, 0.6, 0.4, 0, 0.5, 30, 4), SR));
        signals.add(rock);
        names.add("rock beat");
        signals.add(Signals.mix(mono(TrackSynth.render(new TrackSynth.Spec(bpm, 7, true, 0.6, 0.4, 0, 0.5, 30, 5), SR)),
                Signals.whiteNoise(30, SR, 0.02, 6)));
        names.add("rock beat + noise floor");
        // four on the floor: kick on every beat
        signals.add(mono(TrackSynth.render(new TrackSynth.Spec(bpm, 9, true, 0.9, 0.5, 0.2, 0.7, 30, 7), SR)));
        names.add("four on the floor");
        assertThat(failures(bpm, signals, names)).isEmpty();
    }
}
