package org.trackflow.udfs.synth;

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
}
