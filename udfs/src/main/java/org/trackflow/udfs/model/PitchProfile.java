package org.trackflow.udfs.model;

/**
 * A learned pitch profile from Basic Pitch's posteriorgrams (Bittner et al., "A Lightweight Instrument-Agnostic
 * Model for Polyphonic Note Transcription and Multipitch Estimation", ICASSP 2022): per frame, {@code note}
 * holds the probability of each of the 88 piano keys (A0 = MIDI 21) sounding and {@code onset} of one starting.
 * Pooled over the track into {@value #DIMS} numbers:
 * <ol>
 *   <li>0-11: the pitch-class profile, the note probability of each key that sounds (0.3 and more, Basic Pitch's
 *       frame threshold) summed onto its pitch class (C = 0) over all frames, normalised to sum 1 (a key
 *       estimate reads it like a chromagram: {@link #keyProfile});</li>
 *   <li>12: note activity, the mean over frames of the largest note probability;</li>
 *   <li>13: polyphony, the mean number of keys above 0.5 (Basic Pitch's note threshold) per frame;</li>
 *   <li>14, 15: pitch register, the mean and standard deviation of the MIDI pitch of the sounding keys weighted
 *       by their probability, in octaves above C4 (0 = middle C) and octaves;</li>
 *   <li>16: onsets per second, the summed onset probabilities above 0.5 per second of audio.</li>
 * </ol>
 */
public final class PitchProfile {
    public static final int DIMS = 17;
    static final int KEYS = 88;
    static final int LOWEST_MIDI = 21;
    /** Basic Pitch's output frame rate: 86 frames per second of 22 050 Hz audio (hop 256, rounded). */
    static final double FRAMES_PER_SECOND = 22050.0 / 256;
    /** Basic Pitch's own note and onset threshold. */
    static final float NOTE = 0.5f;
    /** A key counts towards the profile and register from this probability on (Basic Pitch's frame threshold). */
    static final float SOUNDING = 0.3f;

    private final double[] pitchClass = new double[12];
    private double activity;
    private double polyphony;
    private double weight;
    private double pitchSum;
    private double pitchSumSq;
    private double onsets;
    private long frames;

    void add(float[] note, float[] onset) {
        float top = 0;
        int above = 0;
        for (int k = 0; k < KEYS; k++) {
            float p = note[k];
            top = Math.max(top, p);
            above += p > NOTE ? 1 : 0;
            onsets += onset[k] > NOTE ? onset[k] : 0;
            if (p < SOUNDING) {
                continue; // the posteriors' floor, summed over 88 keys, would flatten every profile
            }
            int midi = LOWEST_MIDI + k;
            pitchClass[midi % 12] += p;
            weight += p;
            pitchSum += p * (double) midi;
            pitchSumSq += p * (double) midi * midi;
        }
        activity += top;
        polyphony += above;
        frames++;
    }

    float[] result() {
        if (frames == 0) {
            return null;
        }
        float[] out = new float[DIMS];
        double total = 0;
        for (double v : pitchClass) {
            total += v;
        }
        for (int c = 0; c < 12; c++) {
            out[c] = total > 0 ? (float) (pitchClass[c] / total) : 0;
        }
        out[12] = (float) (activity / frames);
        out[13] = (float) (polyphony / frames);
        double mean = weight > 0 ? pitchSum / weight : 60;
        double var = weight > 0 ? Math.max(0, pitchSumSq / weight - mean * mean) : 0;
        out[14] = (float) ((mean - 60) / 12);
        out[15] = (float) (Math.sqrt(var) / 12);
        out[16] = (float) (onsets / (frames / FRAMES_PER_SECOND));
        return out;
    }

    /** The pitch-class part of a profile (12 values, C first): what a key estimate reads. */
    public static double[] keyProfile(float[] profile) {
        double[] pcp = new double[12];
        for (int c = 0; c < 12; c++) {
            pcp[c] = profile[c];
        }
        return pcp;
    }
}
