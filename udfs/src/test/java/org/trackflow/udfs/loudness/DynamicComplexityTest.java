package org.trackflow.udfs.loudness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.trackflow.testkit.Signals;
import org.trackflow.testkit.TrackSynth;

/** Dynamic complexity against a direct, whole-array transcription of Essentia's DynamicComplexity. */
class DynamicComplexityTest {
    /** Essentia 2.1 DynamicComplexity::compute at 44.1 kHz, frameSize 0.2 s, as written there (in double). */
    static double essentia(float[] signal, int sampleRate) {
        int frameSize = (int) Math.floor(0.2 * sampleRate);
        double c = Math.exp(-1.0 / (0.035 * sampleRate));
        double[] weight = new double[frameSize];
        double vWeight = 1;
        for (int i = frameSize - 1; i >= 0; i--) {
            weight[i] = vWeight;
            vWeight *= c;
        }
        double[] samps = new double[signal.length];
        samps[0] = 0.98595 * signal[0];
        for (int i = 1; i < signal.length; i++) {
            samps[i] = 0.98595 * signal[i] - 0.98595 * signal[i - 1] + 0.9719 * samps[i - 1];
        }
        int frames = signal.length / frameSize;
        double vms = 0;
        java.util.List<Double> db = new java.util.ArrayList<>();
        for (int i = 0; i < frames; i++) {
            double ip = 0;
            for (int k = 0; k < frameSize; k++) {
                double s = samps[i * frameSize + k];
                ip += weight[k] * s * s;
            }
            vms = vWeight * vms + (1 - c) * ip;
            db.add(vms < 1e-10 ? -100 : 10 * Math.log10(vms));
        }
        while (!db.isEmpty() && db.get(0) == -100) {
            db.remove(0);
        }
        while (!db.isEmpty() && db.get(db.size() - 1) == -100) {
            db.remove(db.size() - 1);
        }
        double s = 0;
        double loudness = 0;
        for (double v : db) {
            s += Math.pow(0.9, -v);
        }
        for (double v : db) {
            loudness += Math.pow(0.9, -v) / s * v;
        }
        double complexity = 0;
        for (double v : db) {
            complexity += Math.abs(v - loudness);
        }
        return complexity / db.size();
    }

    /** Fed in odd-sized pieces, as the decoder would. */
    private static double ours(float[] mono, int rate) {
        DynamicComplexity dc = new DynamicComplexity(rate);
        for (int pos = 0; pos < mono.length; pos += 1153) {
            int n = Math.min(1153, mono.length - pos);
            dc.accept(java.util.Arrays.copyOfRange(mono, pos, pos + n), n);
        }
        return dc.result();
    }

    @Test
    void matchesEssentiasDefinitionOnMusicLikeAudio() {
        int rate = 44_100;
        float[][] stereo = TrackSynth.render(new TrackSynth.Spec(96, 3, true, 0.7, 0.8, 0.3, 0.6, 30, 11), rate);
        float[] mono = new float[stereo[0].length];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = (stereo[0][i] + stereo[1][i]) / 2;
        }
        double expected = essentia(mono, rate);
        assertThat(expected).isGreaterThan(0.5);
        assertThat(ours(mono, rate)).isCloseTo(expected, within(1e-6 * expected));
    }

    @Test
    void theDecoderMeasuresItOnTheAnalysisSignal() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("dc", ".flac");
        try {
            float[][] stereo = TrackSynth.render(new TrackSynth.Spec(96, 3, true, 0.7, 0.8, 0.3, 0.6, 30, 11), 44_100);
            org.trackflow.testkit.AudioEncoder.encode(stereo, 44_100, org.trackflow.testkit.AudioEncoder.Format.FLAC, file, java.util.Map.of());
            float[] mono = new float[stereo[0].length];
            for (int i = 0; i < mono.length; i++) {
                mono[i] = (stereo[0][i] + stereo[1][i]) / 2;
            }
            double measured = new org.trackflow.udfs.analysis.TrackAnalysis(22_050, 30).analyse(file).loudness().dynamicComplexityLu();
            // at 22 050 Hz on the resampled signal against Essentia's definition at 44.1 kHz: this synthetic mix's
            // hi-hats put much of its fluctuation above 11 kHz (real recordings: bench/results/accuracy.md)
            assertThat(measured).isCloseTo(essentia(mono, 44_100), within(0.2 * essentia(mono, 44_100)));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void levelStepsAndSilence() {
        int rate = 48_000;
        float[] steady = Signals.sine(1000, 20, rate, 0.1);
        assertThat(ours(steady, rate)).isCloseTo(0, within(0.01));
        // two equal halves 10 dB apart: every frame deviates 5 dB from any level between them
        float[] stepped = Signals.concat(Signals.sine(1000, 20, rate, 0.1), Signals.sine(1000, 20, rate, 0.0316));
        assertThat(ours(stepped, rate)).isCloseTo(5, within(0.1));
        // digital silence before and after is dropped (the smeared energy's decay into it is not, in Essentia either)
        float[] padded = Signals.concat(new float[5 * 44_100], Signals.sine(1000, 20, 44_100, 0.1),
                Signals.sine(1000, 20, 44_100, 0.0316), new float[5 * 44_100]);
        assertThat(ours(padded, 44_100)).isCloseTo(essentia(padded, 44_100), within(1e-6)).isBetween(5.0, 6.0);
        assertThat(ours(new float[5 * rate], rate)).isNaN();
    }
}
