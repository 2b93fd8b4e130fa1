package org.trackflow.testkit;

import java.util.SplittableRandom;

/** Test signals whose features are known analytically: tones, noise, clicks, chords. */
public final class Signals {
    private Signals() {}

    /** {@code amplitude * sin(2 pi f t)}. */
    public static float[] sine(double frequency, double seconds, int sampleRate, double amplitude) {
        int n = (int) Math.round(seconds * sampleRate);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return x;
    }

    /** Uniform white noise in [-amplitude, amplitude], reproducible from the seed. */
    public static float[] whiteNoise(double seconds, int sampleRate, double amplitude, long seed) {
        int n = (int) Math.round(seconds * sampleRate);
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * (2 * r.nextDouble() - 1));
        }
        return x;
    }

    /** Equal-amplitude sines at the given frequencies, summed and scaled to peak below {@code amplitude}. */
    public static float[] chord(double[] frequencies, double seconds, int sampleRate, double amplitude) {
        int n = (int) Math.round(seconds * sampleRate);
        float[] x = new float[n];
        double a = amplitude / frequencies.length;
        for (double f : frequencies) {
            for (int i = 0; i < n; i++) {
                x[i] += (float) (a * Math.sin(2 * Math.PI * f * i / sampleRate));
            }
        }
        return x;
    }

    /** Frequency of a MIDI note (A4 = 69 = 440 Hz). */
    public static double midiToHz(double midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }

    /** Adds {@code b} into {@code a} in place (up to the shorter length) and returns {@code a}. */
    public static float[] mix(float[] a, float[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** 10 ms decaying noise bursts ("clicks") on every beat at {@code bpm}. */
    public static float[] clickTrack(double bpm, double seconds, int sampleRate, double amplitude, long seed) {
        float[] x = new float[(int) Math.round(seconds * sampleRate)];
        SplittableRandom r = new SplittableRandom(seed);
        for (double t = 0; t < seconds; t += 60 / bpm) {
            addClick(x, t, sampleRate, amplitude, r);
        }
        return x;
    }

    /** The same clicks at irregular intervals (0.1-0.9 s apart, reproducible from the seed): onsets with no pulse. */
    public static float[] irregularClicks(double seconds, int sampleRate, double amplitude, long seed) {
        float[] x = new float[(int) Math.round(seconds * sampleRate)];
        SplittableRandom r = new SplittableRandom(seed);
        for (double t = r.nextDouble(); t < seconds; t += 0.1 + 0.8 * r.nextDouble()) {
            addClick(x, t, sampleRate, amplitude, r);
        }
        return x;
    }

    /** Adds one 10 ms decaying noise burst at {@code t} seconds. */
    private static void addClick(float[] x, double t, int sampleRate, double amplitude, SplittableRandom r) {
        int start = (int) Math.round(t * sampleRate);
        int len = (int) (0.01 * sampleRate);
        for (int i = 0; i < len && start + i < x.length; i++) {
            x[start + i] += (float) (amplitude * Math.exp(-5.0 * i / len) * (2 * r.nextDouble() - 1));
        }
    }

    /** Sines at {@code midiNotes} held for {@code seconds} each, one after the other (a melody or scale). */
    public static float[] notes(int[] midiNotes, double seconds, int sampleRate, double amplitude) {
        int per = (int) Math.round(seconds * sampleRate);
        float[] x = new float[per * midiNotes.length];
        for (int k = 0; k < midiNotes.length; k++) {
            double f = midiToHz(midiNotes[k]);
            for (int i = 0; i < per; i++) {
                double env = Math.min(1, Math.min(i, per - i) / (0.01 * sampleRate));
                x[k * per + i] = (float) (amplitude * env * Math.sin(2 * Math.PI * f * i / sampleRate));
            }
        }
        return x;
    }

    /** Concatenates signals. */
    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
