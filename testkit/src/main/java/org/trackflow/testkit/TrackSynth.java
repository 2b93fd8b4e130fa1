package org.trackflow.testkit;

import java.util.SplittableRandom;

/**
 * Renders short music-like stereo tracks with a known tempo, key and character: a drum pattern
 * (kick, snare, hi-hat), a bass line and a chord pad following I-V-vi-IV (major) or i-VI-iv-V (minor),
 * plus an optional noise texture. Wavetable oscillators keep rendering cheap. Deterministic per seed.
 */
public final class TrackSynth {

    /** What a track sounds like. */
    public record Spec(double bpm, int keyRoot, boolean minor, double drums, double pad, double noise,
                       double brightness, double seconds, long seed) {}

    private static final int TABLE = 4096;
    private static final int[] MAJOR_PROGRESSION = {0, 7, 9, 5};   // I V vi IV
    private static final boolean[] MAJOR_MINOR_CHORD = {false, false, true, false};
    private static final int[] MINOR_PROGRESSION = {0, 8, 5, 7};    // i VI iv V (harmonic minor)
    private static final boolean[] MINOR_MINOR_CHORD = {true, false, true, false};

    private TrackSynth() {}

    /** Renders {@code spec} as two channels at {@code sampleRate}, peak about 0.8. */
    public static float[][] render(Spec spec, int sampleRate) {
        return spec.minor() ? render(spec, sampleRate, MINOR_PROGRESSION, MINOR_MINOR_CHORD)
                : render(spec, sampleRate, MAJOR_PROGRESSION, MAJOR_MINOR_CHORD);
    }

    /**
     * The same with another chord progression (semitones above the key's root, one chord a bar, and which
     * chords are minor): another song in the same key and tempo.
     */
    public static float[][] render(Spec spec, int sampleRate, int[] prog, boolean[] chordMinor) {
        int n = (int) Math.round(spec.seconds() * sampleRate);
        float[] left = new float[n];
        float[] right = new float[n];
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        double beat = 60.0 / spec.bpm();
        float[] table = bandLimitedSaw(spec.brightness());

        // Chords: one per bar (4 beats).
        double bar = 4 * beat;
        int bars = (int) Math.ceil(spec.seconds() / bar);
        for (int b = 0; b < bars; b++) {
            int root = 48 + spec.keyRoot() + prog[b % prog.length];
            int third = chordMinor[b % chordMinor.length] ? 3 : 4;
            int[] notes = {root + 12, root + 12 + third, root + 19};
            int start = (int) (b * bar * sampleRate);
            int len = (int) (bar * sampleRate);
            for (int k = 0; k < notes.length; k++) {
                addTone(k % 2 == 0 ? left : right, k % 2 == 0 ? right : left, table, Signals.midiToHz(notes[k]),
                        start, len, sampleRate, 0.12 * spec.pad(), 0.25, 0.6);
            }
            // Bass: root on every beat.
            for (int q = 0; q < 4; q++) {
                int s = (int) ((b * bar + q * beat) * sampleRate);
                addTone(left, right, table, Signals.midiToHz(root - 12), s, (int) (beat * 0.9 * sampleRate),
                        sampleRate, 0.18 * Math.max(spec.pad(), spec.drums()), 0.01, 0.5);
            }
        }
        // Drums: kick on 1 and 3 (every beat when drums > 0.7), snare on 2 and 4, hats on eighths (on the
        // beat only when the drums are faint, as in ambient music, whose pulse would otherwise be the hats').
        int beats = (int) Math.ceil(spec.seconds() / beat);
        for (int q = 0; q < beats; q++) {
            int s = (int) (q * beat * sampleRate);
            if (spec.drums() > 0.7 || q % 2 == 0) {
                kick(left, right, s, sampleRate, 0.7 * spec.drums());
            }
            if (q % 2 == 1) {
                snare(left, right, s, sampleRate, 0.6 * spec.drums(), rnd);
            }
            for (int e = 0; e < (spec.drums() < 0.3 ? 1 : 2); e++) {
                hat(left, right, s + (int) (e * beat / 2 * sampleRate), sampleRate, 0.12 * spec.drums(), rnd);
            }
        }
        if (spec.noise() > 0) {
            double lp = 0;
            for (int i = 0; i < n; i++) {
                double w = 2 * rnd.nextDouble() - 1;
                lp += 0.3 * (w - lp);
                double mod = 0.6 + 0.4 * Math.sin(2 * Math.PI * i / (sampleRate * beat * 2));
                left[i] += (float) (spec.noise() * 0.15 * lp * mod);
                right[i] += (float) (spec.noise() * 0.15 * (2 * rnd.nextDouble() - 1) * 0.5 * mod);
            }
        }
        normalise(left, right, 0.8f);
        return new float[][] {left, right};
    }

    private static float[] bandLimitedSaw(double brightness) {
        int harmonics = 2 + (int) Math.round(14 * Math.max(0, Math.min(1, brightness)));
        float[] t = new float[TABLE];
        for (int h = 1; h <= harmonics; h++) {
            for (int i = 0; i < TABLE; i++) {
                t[i] += (float) (Math.sin(2 * Math.PI * h * i / TABLE) / h);
            }
        }
        return t;
    }

    private static void addTone(float[] a, float[] b, float[] table, double hz, int start, int len, int sr,
                                double amp, double attack, double pan) {
        int att = Math.max(1, (int) (attack * sr));
        double phase = 0;
        double inc = hz * TABLE / sr;
        int end = Math.min(a.length, start + len);
        for (int i = start; i < end; i++) {
            int k = i - start;
            double env = Math.min(1.0, (double) k / att) * Math.min(1.0, (double) (end - i) / (0.02 * sr));
            float v = (float) (amp * env * table[(int) phase]);
            a[i] += v * (float) pan;
            b[i] += v * (float) (1 - pan);
            phase += inc;
            if (phase >= TABLE) {
                phase -= TABLE;
            }
        }
    }

    private static void kick(float[] l, float[] r, int start, int sr, double amp) {
        int len = (int) (0.25 * sr);
        double phase = 0;
        for (int k = 0; k < len && start + k < l.length; k++) {
            double t = (double) k / sr;
            double f = 50 + 100 * Math.exp(-t * 30);
            phase += 2 * Math.PI * f / sr;
            float v = (float) (amp * Math.exp(-t * 12) * Math.sin(phase));
            l[start + k] += v;
            r[start + k] += v;
        }
    }

    private static void snare(float[] l, float[] r, int start, int sr, double amp, SplittableRandom rnd) {
        int len = (int) (0.18 * sr);
        for (int k = 0; k < len && start + k < l.length; k++) {
            double t = (double) k / sr;
            double env = Math.exp(-t * 25);
            double v = amp * env * (0.7 * (2 * rnd.nextDouble() - 1) + 0.3 * Math.sin(2 * Math.PI * 190 * t));
            l[start + k] += (float) v;
            r[start + k] += (float) v;
        }
    }

    private static void hat(float[] l, float[] r, int start, int sr, double amp, SplittableRandom rnd) {
        int len = (int) (0.05 * sr);
        double prev = 0;
        for (int k = 0; k < len && start + k < l.length; k++) {
            double w = 2 * rnd.nextDouble() - 1;
            double hp = w - prev;  // first difference: a crude high-pass
            prev = w;
            double v = amp * Math.exp(-(double) k / sr * 80) * hp;
            l[start + k] += (float) (0.8 * v);
            r[start + k] += (float) v;
        }
    }

    private static void normalise(float[] a, float[] b, float peak) {
        float max = 1e-9f;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.max(Math.abs(a[i]), Math.abs(b[i])));
        }
        float g = peak / max;
        for (int i = 0; i < a.length; i++) {
            a[i] *= g;
            b[i] *= g;
        }
    }
}
