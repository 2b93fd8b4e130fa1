package org.trackflow.udfs.tonal;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.testkit.Signals;

/** Key and scale exact on synthesized cadences and scales in 12 keys, major and minor. */
class KeyEstimatorTest {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;
    private static final TrackAnalysis ANALYSIS = new TrackAnalysis(SR, 30);

    /** A triad on {@code root} (MIDI) with harmonics, as a chord tone would sound. */
    private static float[] triad(int root, boolean minor, double seconds) {
        int[] notes = {root, root + (minor ? 3 : 4), root + 7};
        float[] x = new float[(int) (seconds * SR)];
        for (int n : notes) {
            for (int h = 1; h <= 4; h++) {
                Signals.mix(x, Signals.sine(Signals.midiToHz(n) * h, seconds, SR, 0.15 / h));
            }
        }
        return x;
    }

    /** I-IV-V-I in major; i-iv-V-i in (harmonic) minor: the cadence that states a key. */
    private static float[] cadence(int tonic, boolean minor) {
        int root = 48 + tonic;
        return Signals.concat(triad(root, minor, 2), triad(root + 5, minor, 2), triad(root + 7, false, 2),
                triad(root, minor, 3));
    }

    /** The scale up an octave and back, tonic held at both ends; harmonic minor for minor keys. */
    private static float[] scale(int tonic, boolean minor) {
        int[] steps = minor ? new int[] {0, 2, 3, 5, 7, 8, 11, 12} : new int[] {0, 2, 4, 5, 7, 9, 11, 12};
        List<Integer> seq = new ArrayList<>();
        int root = 60 + tonic;
        seq.add(root);
        seq.add(root);
        for (int s : steps) {
            seq.add(root + s);
        }
        for (int i = steps.length - 2; i >= 0; i--) {
            seq.add(root + steps[i]);
        }
        seq.add(root);
        return Signals.notes(seq.stream().mapToInt(Integer::intValue).toArray(), 0.4, SR, 0.5);
    }

    @Test
    void cadencesAndScalesInEveryKeyAreRecognisedExactly() {
        List<String> wrong = new ArrayList<>();
        for (int tonic = 0; tonic < 12; tonic++) {
            for (boolean minor : new boolean[] {false, true}) {
                String expected = KeyNames.spell(tonic, minor) + " " + (minor ? "minor" : "major");
                for (String kind : List.of("cadence", "scale")) {
                    float[] x = kind.equals("cadence") ? cadence(tonic, minor) : scale(tonic, minor);
                    KeyEstimator.Key key = ANALYSIS.analyse(x).key();
                    String got = key.name() + " " + key.scale();
                    if (!got.equals(expected)) {
                        wrong.add(kind + " in " + expected + ": got " + got + String.format(" (%.2f)", key.strength()));
                    }
                    assertThat(key.strength()).isBetween(0.5, 1.0);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aPureSineTriadReadsAsItsKey() {
        // sparse pitched content: three sines, no harmonics, no other notes
        for (int tonic = 0; tonic < 12; tonic++) {
            for (boolean minor : new boolean[] {false, true}) {
                int root = 60 + tonic;
                double[] f = {Signals.midiToHz(root), Signals.midiToHz(root + (minor ? 3 : 4)), Signals.midiToHz(root + 7)};
                KeyEstimator.Key key = ANALYSIS.analyse(Signals.chord(f, 10, SR, 0.6)).key();
                assertThat(key.name() + " " + key.scale()).as("sine triad on %d", tonic)
                        .isEqualTo(KeyNames.spell(tonic, minor) + (minor ? " minor" : " major"));
            }
        }
        double[] cMajor = {261.63, 329.63, 392.00};
        KeyEstimator.Key c = ANALYSIS.analyse(Signals.chord(cMajor, 10, SR, 0.6)).key();
        assertThat(c.name() + " " + c.scale()).isEqualTo("C major");
    }

    @Test
    void detunedMusicKeepsItsKeyAndShowsItsTuning() {
        // a cadence in Eb major played 40 cents sharp (A = 450.3 Hz): the tuning is found, the key kept
        double cents = 40;
        int tonic = 3;
        int root = 48 + tonic;
        float[] x = Signals.concat(detunedTriad(root, false, 2, cents), detunedTriad(root + 5, false, 2, cents),
                detunedTriad(root + 7, false, 2, cents), detunedTriad(root, false, 3, cents));
        org.trackflow.udfs.analysis.TrackFeatures f = ANALYSIS.analyse(x);
        assertThat(f.key().name() + " " + f.key().scale()).isEqualTo("Eb major");
        assertThat(f.pitchProfile().tuningHz()).isCloseTo(440 * Math.pow(2, cents / 1200), org.assertj.core.api.Assertions.within(1.0));
        assertThat(ANALYSIS.analyse(cadence(9, true)).pitchProfile().tuningHz()).isCloseTo(440, org.assertj.core.api.Assertions.within(1.0));
    }

    private static float[] detunedTriad(int root, boolean minor, double seconds, double cents) {
        int[] notes = {root, root + (minor ? 3 : 4), root + 7};
        float[] x = new float[(int) (seconds * SR)];
        for (int n : notes) {
            for (int h = 1; h <= 4; h++) {
                Signals.mix(x, Signals.sine(Signals.midiToHz(n + cents / 100) * h, seconds, SR, 0.15 / h));
            }
        }
        return x;
    }

    @Test
    void camelotCodesFollowTheWheel() {
        assertThat(new KeyEstimator.Key(0, false, 1).camelot()).isEqualTo("8B");   // C major
        assertThat(new KeyEstimator.Key(9, true, 1).camelot()).isEqualTo("8A");    // A minor
        assertThat(new KeyEstimator.Key(7, false, 1).camelot()).isEqualTo("9B");   // G major
        assertThat(new KeyEstimator.Key(4, true, 1).camelot()).isEqualTo("9A");    // E minor
        assertThat(new KeyEstimator.Key(5, false, 1).camelot()).isEqualTo("7B");   // F major
        assertThat(new KeyEstimator.Key(11, false, 1).camelot()).isEqualTo("1B");  // B major
        assertThat(new KeyEstimator.Key(8, true, 1).camelot()).isEqualTo("1A");    // G# minor
        assertThat(new KeyEstimator.Key(0, true, 1).camelot()).isEqualTo("5A");    // C minor
    }

    /** All 24 keys: conventional spelling, Camelot and Open Key, from each tonic pitch class 0 (C) to 11. */
    @Test
    void spellingCamelotAndOpenKeyOfAll24Keys() {
        String[] major = {"C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
        String[] majorCamelot = {"8B", "3B", "10B", "5B", "12B", "7B", "2B", "9B", "4B", "11B", "6B", "1B"};
        String[] majorOpen = {"1d", "8d", "3d", "10d", "5d", "12d", "7d", "2d", "9d", "4d", "11d", "6d"};
        String[] minor = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"};
        String[] minorCamelot = {"5A", "12A", "7A", "2A", "9A", "4A", "11A", "6A", "1A", "8A", "3A", "10A"};
        String[] minorOpen = {"10m", "5m", "12m", "7m", "2m", "9m", "4m", "11m", "6m", "1m", "8m", "3m"};
        for (int t = 0; t < 12; t++) {
            KeyEstimator.Key M = new KeyEstimator.Key(t, false, 1);
            KeyEstimator.Key m = new KeyEstimator.Key(t, true, 1);
            assertThat(M.name() + " " + M.camelot() + " " + M.openKey()).as("major on %d", t)
                    .isEqualTo(major[t] + " " + majorCamelot[t] + " " + majorOpen[t]);
            assertThat(m.name() + " " + m.camelot() + " " + m.openKey()).as("minor on %d", t)
                    .isEqualTo(minor[t] + " " + minorCamelot[t] + " " + minorOpen[t]);
            // relative keys share the number on both wheels
            KeyEstimator.Key relative = new KeyEstimator.Key((t + 9) % 12, true, 1);
            assertThat(relative.camelot().replace("A", "")).isEqualTo(M.camelot().replace("B", ""));
            assertThat(relative.openKey().replace("m", "")).isEqualTo(M.openKey().replace("d", ""));
            assertThat(KeyNames.pitchClass(major[t])).isEqualTo(t);
            assertThat(KeyNames.pitchClass(minor[t])).isEqualTo(t);
        }
        assertThat(KeyNames.pitchClass("A#")).isEqualTo(10);
        assertThat(KeyNames.pitchClass("Gb")).isEqualTo(6);
        assertThat(KeyNames.pitchClass("Cb")).isEqualTo(11);
        assertThat(KeyNames.pitchClass("H")).isEqualTo(-1);
        assertThat(KeyNames.pitchClass(null)).isEqualTo(-1);
    }

    @Test
    void silenceHasNoKey() {
        assertThat(KeyEstimator.estimate(new double[12], KeyEstimator.PROFILE)).isNull();
        assertThat(KeyEstimator.profile(new double[org.trackflow.udfs.tonal.Hpcp.SIZE])).as("silence has no profile").isNull();
    }
}
