package org.trackflow.udfs.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.trackflow.udfs.decode.AudioListener;

class FingerprinterTest {
    private static final Fingerprinter.Downmix EXACT = Fingerprinter.Downmix.AFTER_RESAMPLING;

    private static int[] fingerprint(float[][] audio, int rate, double maxSeconds, Fingerprinter.SourceFormat f, int block) {
        return TestAudio.fingerprint(new Fingerprinter(maxSeconds, f, EXACT), audio, rate, block);
    }

    @Test
    void yieldsOneItemPerHopAfterTheFirstNineteenFrames() {
        float[][] audio = TestAudio.toFloat(TestAudio.render(11025, 1, 30, 1));
        // 330750 samples: 240 frames of 4096 every 1365, minus 4 (smoothing) and 15 (classifier windows).
        assertThat(fingerprint(audio, 11025, 120, Fingerprinter.SourceFormat.AUTO, 4096)).hasSize(221);
        assertThat(Fingerprinter.ITEM_SECONDS).isEqualTo(1365.0 / 11025);
    }

    @Test
    void stopsAtTheLengthLimitCountedAt11025Hz() {
        float[][] audio = TestAudio.toFloat(TestAudio.render(44100, 2, 130, 2));
        Fingerprinter fp = new Fingerprinter();
        int[] full = TestAudio.fingerprint(fp, audio, 44100, 4608);
        assertThat(full).hasSize(948); // fpcalc's 120 s: 1323000 samples, 967 frames
        assertThat(fp.isComplete()).isTrue();
        assertThat(fp.fingerprintedSeconds()).isEqualTo(120.0);
        // The items only depend on audio up to them, so a shorter limit gives a prefix.
        int[] ten = fingerprint(audio, 44100, 10, Fingerprinter.SourceFormat.AUTO, 999);
        assertThat(ten).hasSize(59).containsExactly(Arrays.copyOf(full, 59));
    }

    @Test
    void detectsTheSourceFormatAndIgnoresBlockSizes() {
        float[][] int16 = TestAudio.toFloat(TestAudio.render(48000, 2, 20, 3));
        int[] auto = fingerprint(int16, 48000, 120, Fingerprinter.SourceFormat.AUTO, 1024);
        assertThat(auto).containsExactly(fingerprint(int16, 48000, 120, Fingerprinter.SourceFormat.INT16, 4096));
        float[][] floats = TestAudio.toFloat(TestAudio.render(48000, 2, 20, 3));
        for (float[] ch : floats) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] *= 0.9f;
            }
        }
        int[] autoFloat = fingerprint(floats, 48000, 120, Fingerprinter.SourceFormat.AUTO, 960);
        assertThat(autoFloat).containsExactly(fingerprint(floats, 48000, 120, Fingerprinter.SourceFormat.FLOAT, 1152));
        // Scaling by 0.9 leaves the normalised chroma, so the fingerprint, nearly unchanged.
        assertThat(FingerprintMatcher.compare(auto, autoFloat).bitErrorRate()).isLessThan(0.05);
    }

    @Test
    void downmixBeforeResamplingGivesTheSameFingerprintHere() {
        float[][] audio = TestAudio.toFloat(TestAudio.render(44100, 2, 40, 4));
        int[] exact = fingerprint(audio, 44100, 120, Fingerprinter.SourceFormat.AUTO, 1152);
        int[] fast = TestAudio.fingerprint(new Fingerprinter(120, Fingerprinter.SourceFormat.AUTO,
                Fingerprinter.Downmix.BEFORE_RESAMPLING), audio, 44100, 1152);
        assertThat(FingerprintMatcher.compare(exact, fast).bitErrorRate()).isLessThan(0.002);
    }

    @Test
    void listenerTakesOnlyAudioFromTheStartOfTheTrack() {
        float[][] audio = TestAudio.toFloat(TestAudio.render(22050, 1, 20, 5));
        Fingerprinter fp = new Fingerprinter();
        AudioListener l = fp.listener();
        l.segmentStart(0, 0);
        l.sourceAudio(audio, audio[0].length, 22050);
        l.segmentEnd(0);
        l.segmentStart(1, 95.0); // an excerpt further on: not contiguous, ignored
        l.sourceAudio(audio, audio[0].length, 22050);
        assertThat(fp.finish()).containsExactly(fingerprint(audio, 22050, 120, Fingerprinter.SourceFormat.AUTO, 2048));

        Fingerprinter excerptsOnly = new Fingerprinter();
        excerptsOnly.listener().segmentStart(0, 30.0);
        assertThat(excerptsOnly.finish()).isEmpty();
    }

    @Test
    void rejectsMisuse() {
        Fingerprinter fp = new Fingerprinter();
        assertThat(fp.finish()).isEmpty(); // no audio at all
        assertThatThrownBy(() -> fp.consume(new float[1][10], 10, 44100)).isInstanceOf(IllegalStateException.class);
        Fingerprinter changing = new Fingerprinter();
        changing.consume(new float[2][100], 100, 44100);
        assertThatThrownBy(() -> changing.consume(new float[2][100], 100, 48000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fingerprinter(-1, Fingerprinter.SourceFormat.AUTO, EXACT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
