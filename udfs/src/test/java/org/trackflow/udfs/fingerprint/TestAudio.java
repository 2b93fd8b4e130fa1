package org.trackflow.udfs.fingerprint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Deterministic music-like test audio for the fingerprint tests, independent of the project's synthesiser
 * so that stored known answers stay valid: a melody over a chord progression, a bass line and a little
 * noise, in int16 (StrictMath, so every JVM renders the same samples).
 */
final class TestAudio {
    private TestAudio() {}

    /** {@code channels} of int16 samples at {@code rate}; {@code seed} picks the key, tempo and noise. */
    static short[][] render(int rate, int channels, double seconds, long seed) {
        int n = (int) Math.round(seconds * rate);
        SplittableRandom rnd = new SplittableRandom(seed);
        int key = 45 + rnd.nextInt(12);
        double beat = 0.35 + 0.2 * rnd.nextDouble();
        int[] progression = {0, 7, 9, 5};
        int[] melody = new int[64];
        for (int i = 0; i < melody.length; i++) {
            melody[i] = new int[] {0, 2, 4, 7, 9, 12}[rnd.nextInt(6)];
        }
        short[][] out = new short[channels][n];
        double phaseM = 0;
        double phaseB = 0;
        double[] phaseC = new double[3];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            int b = (int) (t / beat);
            int root = key + progression[(b / 4) % 4];
            double env = Math.exp(-3 * (t - b * beat) / beat);
            phaseM += hz(root + 12 + melody[b % melody.length]) / rate;
            phaseB += hz(root - 12) / rate;
            double chord = 0;
            int[] triad = {0, 4, 7};
            for (int k = 0; k < 3; k++) {
                phaseC[k] += hz(root + triad[k]) / rate;
                chord += StrictMath.sin(2 * Math.PI * phaseC[k]);
            }
            double left = 0.30 * env * StrictMath.sin(2 * Math.PI * phaseM) + 0.08 * chord
                    + 0.20 * StrictMath.sin(2 * Math.PI * phaseB) + 0.03 * (2 * rnd.nextDouble() - 1);
            double right = 0.25 * env * StrictMath.sin(2 * Math.PI * phaseM + 0.5) + 0.10 * chord
                    + 0.20 * StrictMath.sin(2 * Math.PI * phaseB) + 0.03 * (2 * rnd.nextDouble() - 1);
            for (int c = 0; c < channels; c++) {
                double v = channels == 1 ? 0.5 * (left + right) : c % 2 == 0 ? left : right;
                out[c][i] = (short) Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
            }
        }
        return out;
    }

    private static double hz(int midi) {
        return 440 * StrictMath.pow(2, (midi - 69) / 12.0);
    }

    /** Planar float as the decoder delivers a 16-bit source: {@code s / 32768}. */
    static float[][] toFloat(short[][] x) {
        float[][] f = new float[x.length][x[0].length];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < x[c].length; i++) {
                f[c][i] = x[c][i] / 32768f;
            }
        }
        return f;
    }

    /** Feeds {@code audio} to {@code fp} in decoder-sized blocks and returns the fingerprint. */
    static int[] fingerprint(Fingerprinter fp, float[][] audio, int rate, int block) {
        int n = audio[0].length;
        float[][] buf = new float[audio.length][block];
        for (int i = 0; i < n; i += block) {
            int m = Math.min(block, n - i);
            for (int c = 0; c < audio.length; c++) {
                System.arraycopy(audio[c], i, buf[c], 0, m);
            }
            fp.consume(buf, m, rate);
        }
        return fp.finish();
    }

    /** 16-bit PCM WAV. */
    static void writeWav(Path file, short[][] x, int rate) throws IOException {
        int channels = x.length;
        int n = x[0].length;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n * channels).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n * channels).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n * channels);
        for (int i = 0; i < n; i++) {
            for (short[] ch : x) {
                b.putShort(ch[i]);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(b.array());
        }
    }
}
