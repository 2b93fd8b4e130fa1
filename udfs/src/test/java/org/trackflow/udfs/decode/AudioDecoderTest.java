package org.trackflow.udfs.decode;

import org.trackflow.udfs.frame.FrameGrid;

import org.trackflow.testkit.AudioEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.trackflow.testkit.AudioEncoder.Format;
import org.trackflow.udfs.spectral.SpectralCentroid;
import org.trackflow.udfs.spectral.Spectrum;
import org.trackflow.testkit.Signals;

class AudioDecoderTest {
    private static final int ANALYSIS_RATE = FrameGrid.DEFAULT_ANALYSIS_RATE;

    @TempDir
    Path dir;

    /** Collects what the decoder emits. */
    static final class Capture implements AudioListener {
        float[] mono = new float[0];
        int length;
        long sourceFrames;
        int sourceChannels;

        @Override
        public void sourceAudio(float[][] channels, int frames, int rate) {
            sourceFrames += frames;
            sourceChannels = channels.length;
        }

        @Override
        public void analysisAudio(float[] samples, int n) {
            if (length + n > mono.length) {
                mono = Arrays.copyOf(mono, Math.max(2 * mono.length, length + n));
            }
            System.arraycopy(samples, 0, mono, length, n);
            length += n;
        }
    }

    private Path encodeTone(Format format, int rate, double seconds, double hz) throws Exception {
        float[] tone = Signals.sine(hz, seconds, rate, 0.5);
        Path file = dir.resolve("tone." + format.extension);
        AudioEncoder.encode(new float[][] {tone, tone.clone()}, rate, format, file,
                Map.of("title", "Tone \u00e9\u00e8 \u266b", "artist", "Test"));
        return file;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"WAV", "WAV24", "FLAC", "MP3", "OPUS", "M4A"})
    void decodesEveryFormatToMonoAtTheAnalysisRate(Format format) throws Exception {
        int rate = format == Format.OPUS ? 48_000 : 44_100;
        Path file = encodeTone(format, rate, 3.0, 1000);
        Capture c = new Capture();
        AudioInfo info = new AudioDecoder(ANALYSIS_RATE).decode(file, c);

        assertThat(info.channels()).isEqualTo(2);
        assertThat(c.sourceChannels).isEqualTo(2);
        assertThat(info.sampleRate()).isEqualTo(rate);
        assertThat(info.warning()).isNull();
        // lossy codecs add encoder delay/padding of a few ms
        assertThat(info.durationSeconds()).isCloseTo(3.0, within(0.1));
        assertThat((double) c.length).isCloseTo(info.durationSeconds() * ANALYSIS_RATE, within(300.0));
        assertThat(info.tags()).containsEntry("artist", "Test");
        assertThat(info.tags().get("title")).isEqualTo("Tone \u00e9\u00e8 \u266b");

        Spectrum s = new Spectrum(ANALYSIS_RATE);
        s.compute(c.mono, ANALYSIS_RATE); // one second in
        assertThat(SpectralCentroid.of(s.magnitude, s.frequencies)).isCloseTo(1000, within(25.0));
        // mean downmix of two equal channels keeps the amplitude (FFmpeg's -ac 1 would add 3 dB)
        float peak = 0;
        for (int i = ANALYSIS_RATE; i < 2 * ANALYSIS_RATE; i++) {
            peak = Math.max(peak, Math.abs(c.mono[i]));
        }
        assertThat((double) peak).isCloseTo(0.5, within(0.03));
    }

    @Test
    void losslessDecodeIsExactAtTheSourceRate() throws Exception {
        Path file = encodeTone(Format.FLAC, ANALYSIS_RATE, 1.0, 440);
        Capture c = new Capture();
        AudioInfo info = new AudioDecoder(ANALYSIS_RATE).decode(file, c);
        float[] expected = Signals.sine(440, 1.0, ANALYSIS_RATE, 0.5);
        assertThat(c.length).isEqualTo(expected.length);
        assertThat(info.codec()).isEqualTo("flac");
        for (int i = 0; i < expected.length; i++) {
            assertThat(c.mono[i]).isCloseTo(expected[i], within(1.0f / 32768 + 1e-6f));
        }
    }

    @Test
    void zeroByteFileIsAClearError() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.mp3"));
        assertThatThrownBy(() -> new AudioDecoder(ANALYSIS_RATE).decode(file, new Capture()))
                .isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("cannot open");
    }

    @Test
    void textFileNamedMp3IsAClearError() throws Exception {
        Path file = dir.resolve("notes.mp3");
        Files.writeString(file, "These are not the droids you are looking for.\n".repeat(200), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new AudioDecoder(ANALYSIS_RATE).decode(file, new Capture()))
                .isInstanceOf(AudioDecodeException.class);
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> new AudioDecoder(ANALYSIS_RATE).decode(dir.resolve("gone.flac"), new Capture()))
                .isInstanceOf(AudioDecodeException.class)
                .hasMessageContaining("vanished");
    }

    @Test
    void truncatedFileDecodesUpToTheBreakAndSaysSo() throws Exception {
        Path whole = encodeTone(Format.FLAC, 44_100, 10.0, 300);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.flac");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2 + 7));
        Capture c = new Capture();
        AudioInfo info = new AudioDecoder(ANALYSIS_RATE).decode(cut, c);
        assertThat(info.durationSeconds()).isBetween(3.0, 7.0);
        assertThat(info.warning()).contains("decoded").contains("10.0 s");
    }

    @Test
    void truncatedMp3StillYieldsItsAudio() throws Exception {
        Path whole = encodeTone(Format.MP3, 44_100, 10.0, 300);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.mp3");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2 + 13));
        Capture c = new Capture();
        AudioInfo info = new AudioDecoder(ANALYSIS_RATE).decode(cut, c);
        assertThat(info.durationSeconds()).isBetween(4.0, 6.0);
        assertThat(c.length).isGreaterThan(4 * ANALYSIS_RATE);
    }
}
