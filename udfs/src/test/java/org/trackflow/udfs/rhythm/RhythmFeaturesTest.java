package org.trackflow.udfs.rhythm;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.udfs.analysis.TrackFeatures;
import org.trackflow.testkit.Signals;
import org.trackflow.testkit.TrackSynth;

class RhythmFeaturesTest {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;
    private static final TrackAnalysis ANALYSIS = new TrackAnalysis(SR, 30);

    @Test
    void onsetRateOfAClickTrackIsItsBeatRate() {
        for (double bpm : new double[] {60, 120, 150}) {
            TrackFeatures f = ANALYSIS.analyse(Signals.clickTrack(bpm, 30, SR, 0.8, 1));
            assertThat(f.onsetRate()).as("%s BPM", bpm).isCloseTo(bpm / 60, within(0.1 * bpm / 60));
        }
    }

    @Test
    void aSteadyBeatIsMoreDanceableThanNoiseOrASlowPad() {
        float[][] beat = TrackSynth.render(new TrackSynth.Spec(124, 0, false, 1.0, 0.3, 0, 0.6, 40, 1), SR);
        float[][] pad = TrackSynth.render(new TrackSynth.Spec(70, 0, true, 0.0, 1.0, 0, 0.2, 40, 2), SR);
        double dBeat = ANALYSIS.analyse(beat[0]).danceability();
        double dPad = ANALYSIS.analyse(pad[0]).danceability();
        double dNoise = ANALYSIS.analyse(Signals.whiteNoise(40, SR, 0.3, 3)).danceability();
        // Essentia's scale: usually 0..3 on music, higher = more danceable; a synthetic, perfectly steady beat
        // goes beyond (about 4.9 here)
        assertThat(dBeat).isBetween(0.0, 8.0).isGreaterThan(dPad).isGreaterThan(dNoise);
    }

    @Test
    void dfaOfAnUncorrelatedEnvelopeHasAlphaNearOneHalf() {
        // For white noise as the block envelope, the integrated series is a random walk whose detrended
        // residual grows as tau^0.5 per point (Essentia's F averages each window's squared residuals): alpha
        // ~ 0.5, danceability = 1 / alpha ~ 2.
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[] env = new float[60_000];
        for (int i = 0; i < env.length; i++) {
            env[i] = (float) r.nextDouble();
        }
        assertThat(Danceability.of(env, env.length)).isCloseTo(2.0, within(0.3));
    }

    @Test
    void tooShortForTempo() {
        TrackFeatures f = ANALYSIS.analyse(Signals.clickTrack(120, 2, SR, 0.8, 1));
        assertThat(f.tempo().bpm()).isNaN();
        assertThat(f.tempo().confidence()).isZero();
    }
}
