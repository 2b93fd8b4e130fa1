package org.trackflow.udfs.loudness;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.Signals;

/** EBU Tech 3341 (loudness) and Tech 3342 (loudness range) test signals. */
class LoudnessMeterTest {
    @TempDir
    Path dir;

    /** Stereo 1 kHz sine, both channels at the given dBFS (peak) for the given seconds, back to back. */
    private static float[][] tones(int rate, double[][] levelsAndSeconds) {
        float[][] parts = new float[levelsAndSeconds.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Signals.sine(1000, levelsAndSeconds[i][1], rate, Math.pow(10, levelsAndSeconds[i][0] / 20));
        }
        float[] m = Signals.concat(parts);
        return new float[][] {m, m.clone()};
    }

    private static LoudnessMeter.Result measure(int rate, double[][] program) {
        float[][] x = tones(rate, program);
        LoudnessMeter meter = new LoudnessMeter(rate, 2);
        // feed in odd-sized pieces, as a decoder would
        for (int pos = 0; pos < x[0].length; pos += 1153) {
            int n = Math.min(1153, x[0].length - pos);
            meter.accept(new float[][] {java.util.Arrays.copyOfRange(x[0], pos, pos + n),
                    java.util.Arrays.copyOfRange(x[1], pos, pos + n)}, n);
        }
        return meter.result();
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void tech3341IntegratedLoudnessWithinOneTenthLu(int rate) {
        assertThat(measure(rate, new double[][] {{-23, 20}}).integratedLufs()).isCloseTo(-23.0, within(0.1));
        assertThat(measure(rate, new double[][] {{-33, 20}}).integratedLufs()).isCloseTo(-33.0, within(0.1));
        // case 3: the relative gate drops the quiet parts
        assertThat(measure(rate, new double[][] {{-36, 10}, {-23, 60}, {-36, 10}}).integratedLufs()).isCloseTo(-23.0, within(0.1));
        // case 4: the absolute gate too
        assertThat(measure(rate, new double[][] {{-72, 10}, {-36, 10}, {-23, 60}, {-36, 10}, {-72, 10}}).integratedLufs())
                .isCloseTo(-23.0, within(0.1));
        assertThat(measure(rate, new double[][] {{-23, 20}}).peakDbfs()).isCloseTo(-23.0, within(0.01));
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void tech3342LoudnessRangeWithinOneLu(int rate) {
        assertThat(measure(rate, new double[][] {{-20, 20}, {-30, 20}}).rangeLu()).isCloseTo(10, within(1.0));
        assertThat(measure(rate, new double[][] {{-20, 20}, {-15, 20}}).rangeLu()).isCloseTo(5, within(1.0));
        assertThat(measure(rate, new double[][] {{-40, 20}, {-20, 20}}).rangeLu()).isCloseTo(20, within(1.0));
        assertThat(measure(rate, new double[][] {{-50, 20}, {-35, 20}, {-20, 20}, {-35, 20}, {-50, 20}}).rangeLu())
                .isCloseTo(15, within(1.0));
    }

    /**
     * Channels are filtered in pairs, an odd one alone: a channel's energy must not depend on which path
     * it took. Two equal channels hold exactly twice the energy of one (+10 log10 2 LU), three equal
     * ones three times, and swapping a stereo pair's channels changes nothing.
     */
    @Test
    void pairedAndSingleChannelFilteringAgree() {
        int rate = 44_100;
        float[] music = Signals.mix(Signals.chord(new double[] {196, 247, 294}, 12, rate, 0.3),
                Signals.whiteNoise(12, rate, 0.05, 9));
        float[] other = Signals.whiteNoise(12, rate, 0.2, 4);
        double mono = measure(rate, new float[][] {music}).integratedLufs();
        assertThat(measure(rate, new float[][] {music, music}).integratedLufs() - mono)
                .isCloseTo(10 * Math.log10(2), within(1e-9));
        assertThat(measure(rate, new float[][] {music, music, music}).integratedLufs() - mono)
                .isCloseTo(10 * Math.log10(3), within(1e-9));
        assertThat(measure(rate, new float[][] {music, other}).integratedLufs())
                .isEqualTo(measure(rate, new float[][] {other, music}).integratedLufs());
    }

    /** Feeds planar audio in odd-sized pieces, as a decoder would. */
    private static LoudnessMeter.Result measure(int rate, float[][] x) {
        LoudnessMeter meter = new LoudnessMeter(rate, x.length);
        for (int pos = 0; pos < x[0].length; pos += 1153) {
            int n = Math.min(1153, x[0].length - pos);
            float[][] piece = new float[x.length][];
            for (int c = 0; c < x.length; c++) {
                piece[c] = java.util.Arrays.copyOfRange(x[c], pos, pos + n);
            }
            meter.accept(piece, n);
        }
        return meter.result();
    }

    /**
     * EBU Tech 3341 case 6: 1 kHz, L and R at -28 dBFS, C at -24 dBFS, Ls and Rs at -30 dBFS: -23.0 LUFS
     * only if the surrounds weigh 1.41 (1.0 would give -23.5).
     */
    private static float[][] case6(int rate, boolean withLfe) {
        float[] front = Signals.sine(1000, 20, rate, Math.pow(10, -28 / 20.0));
        float[] centre = Signals.sine(1000, 20, rate, Math.pow(10, -24 / 20.0));
        float[] surround = Signals.sine(1000, 20, rate, Math.pow(10, -30 / 20.0));
        // a full-scale 50 Hz LFE would add 3 LU if it were weighted: BS.1770 leaves it out
        float[] lfe = Signals.sine(50, 20, rate, 0.9);
        return withLfe ? new float[][] {front, front, centre, lfe, surround, surround}
                : new float[][] {front, front, centre, surround, surround};
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void tech3341Case6SurroundChannelsInTheDefaultOrderWeigh141(int rate) {
        assertThat(measure(rate, case6(rate, false)).integratedLufs()).isCloseTo(-23.0, within(0.1));
        assertThat(measure(rate, case6(rate, true)).integratedLufs()).isCloseTo(-23.0, within(0.1));
        assertThat(LoudnessMeter.channelWeights(5)).containsExactly(1, 1, 1, 1.41, 1.41);
        assertThat(LoudnessMeter.channelWeights(6)).containsExactly(1, 1, 1, 0, 1.41, 1.41);
        assertThat(LoudnessMeter.channelWeights(2)).containsExactly(1, 1);
    }

    /** A plain PCM WAV (format tag 1, no WAVE_FORMAT_EXTENSIBLE channel mask): a layout FFmpeg cannot know. */
    private static void writePlainWav(Path file, float[][] x, int rate) throws java.io.IOException {
        int ch = x.length;
        int n = x[0].length;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * ch * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * ch * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) ch).putInt(rate)
                .putInt(rate * ch * 2).putShort((short) (ch * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * ch * n);
        for (int i = 0; i < n; i++) {
            for (float[] c : x) {
                b.putShort((short) Math.round(Math.max(-1, Math.min(1, c[i])) * 32767));
            }
        }
        Files.write(file, b.array());
    }

    @Test
    void fiveChannelWavWithoutAChannelMaskMeasuresAsTech3341Case6() throws Exception {
        Path file = dir.resolve("case6.wav");
        writePlainWav(file, case6(48_000, false), 48_000);
        TrackAnalysis.Result r = new TrackAnalysis(22_050, 30).analyse(file);
        assertThat(r.info().channels()).isEqualTo(5);
        assertThat(r.loudness().integratedLufs()).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void silenceHasNoLoudnessAndNoPeakButNoNaNLeaksAsANumber() {
        LoudnessMeter meter = new LoudnessMeter(44_100, 2);
        meter.accept(new float[2][44_100 * 5], 44_100 * 5);
        LoudnessMeter.Result r = meter.result();
        assertThat(r.integratedLufs()).isNaN();
        assertThat(r.rangeLu()).isNaN();
        assertThat(r.peakDbfs()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void encodedTestToneMeasuresTheSameThroughTheDecoder(int rate) throws Exception {
        Path file = dir.resolve("tone-" + rate + ".flac");
        AudioEncoder.encode(tones(rate, new double[][] {{-23, 20}}), rate, AudioEncoder.Format.FLAC, file, Map.of());
        TrackAnalysis.Result r = new TrackAnalysis(FrameGrid.DEFAULT_ANALYSIS_RATE, 30).analyse(file);
        assertThat(r.loudness().integratedLufs()).isCloseTo(-23.0, within(0.1));
        assertThat(Files.size(file)).isPositive();
    }
}
