package org.trackflow.udfs.rhythm;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

    /**
     * A pulse in part of the track only: 30-40 s of clicks at 160 BPM, then 40-60 s of irregular clicks. The
     * beat-period path wanders in the second part, and its median falls on a period (105-130 BPM here) that no
     * part has and the whole track does not support; the tempo is the path's most common period, 160 BPM,
     * not "no pulse" (as the median alone gave: a 7-min electronic piece at 160 BPM was null in full mode).
     */
    @ParameterizedTest
    @ValueSource(strings = {"30,40,2", "30,60,2", "40,60,2"})
    void aPulseInPartOfTheTrackIsFoundWhereThePathWanders(String spec) {
        String[] p = spec.split(",");
        long seed = Long.parseLong(p[2]);
        float[] x = Signals.concat(Signals.clickTrack(160, Double.parseDouble(p[0]), SR, 0.8, seed),
                Signals.irregularClicks(Double.parseDouble(p[1]), SR, 0.8, seed + 10));
        TrackFeatures f = ANALYSIS.analyse(x);
        assertThat(f.tempo().bpm()).isCloseTo(160, org.assertj.core.api.Assertions.within(0.04 * 160));
        assertThat(f.tempo().confidence()).isGreaterThan(0.2);
    }

    /** Signals with no periodic onsets: steady tones, a drone, level steps, noise, silence. */
    @Test
    void noPulseNoTempo() {
        Map<String, float[]> signals = new LinkedHashMap<>();
        signals.put("1 kHz sine", Signals.sine(1000, 30, SR, 0.5));
        signals.put("quiet 1 kHz sine", Signals.sine(1000, 30, SR, 0.01));
        signals.put("A3 sine", Signals.sine(220, 30, SR, 0.5));
        signals.put("C major drone", Signals.chord(new double[] {130.81, 164.81, 196.00, 261.63}, 30, SR, 0.6));
        // EBU Tech 3341 case 3 (mono analysis signal): -36, -23, -36 dBFS, 10 + 60 + 10 s
        signals.put("EBU 3341 case 3 tone", Signals.concat(Signals.sine(1000, 10, SR, Math.pow(10, -36 / 20.0)),
                Signals.sine(1000, 60, SR, Math.pow(10, -23 / 20.0)), Signals.sine(1000, 10, SR, Math.pow(10, -36 / 20.0))));
        signals.put("white noise", Signals.whiteNoise(30, SR, 0.3, 3));
        signals.put("quiet white noise", Signals.whiteNoise(30, SR, 0.001, 4));
        signals.put("silence", new float[30 * SR]);
        signals.put("irregular clicks", Signals.irregularClicks(60, SR, 0.8, 12));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, float[]> e : signals.entrySet()) {
            TrackFeatures f = ANALYSIS.analyse(e.getValue());
            if (!Double.isNaN(f.tempo().bpm())) {
                wrong.add(String.format("%s: %.2f BPM (confidence %.3f)", e.getKey(), f.tempo().bpm(), f.tempo().confidence()));
            }
        }
        assertThat(wrong).isEmpty();
    }
}
