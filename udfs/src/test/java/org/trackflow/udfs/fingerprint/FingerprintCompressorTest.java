package org.trackflow.udfs.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCompressorTest {
    /**
     * What Debian's {@code fpcalc} 1.5.1 printed for {@code TestAudio.render(44100, 2, 12, 7)} written as a
     * 16-bit WAV; re-checked against fpcalc below when it is installed.
     */
    static final String KNOWN = "AQAAS0yyRZnSBTVx9zh6oRGH6_TQUEk_aC_-LGiq7Kh1HH_Q8ziaSyvxHD-WbDwxJSryB-Fhrkc_XMJT-DGeEB9-"
            + "PD3RRtrxD8ZxHXUw40c2SYfSZciPHmV-3MR_tDmaDdfx42zxXEHl1PibQJcNsxcuoZeOE8ePHj8TVMoxJhKDJY5mHBdOwGfQHzkeHUVY"
            + "AoJAwgRViBEBAkNAAsMUIAQhxohCxjiCCjfAKESAEAA5xRwTDGgGACBAIEuZZgA7kIEijgE";

    @TempDir
    Path dir;

    private static int[] knownAudioFingerprint() {
        return TestAudio.fingerprint(new Fingerprinter(), TestAudio.toFloat(TestAudio.render(44100, 2, 12, 7)), 44100, 1152);
    }

    @Test
    void encodesWhatFpcalcPrints() throws Exception {
        int[] raw = knownAudioFingerprint();
        assertThat(raw).hasSize(75); // 12 s: 94 frames, 4 to the smoothing, 15 to the classifier windows
        assertThat(FingerprintCompressor.encode(raw)).isEqualTo(KNOWN);
        FingerprintCompressor.Decoded decoded = FingerprintCompressor.decode(KNOWN);
        assertThat(decoded.algorithm()).isEqualTo(FingerprintCompressor.ALGORITHM_TEST2);
        assertThat(decoded.items()).containsExactly(raw);

        if (Fpcalc.available()) {
            Path wav = dir.resolve("known.wav");
            TestAudio.writeWav(wav, TestAudio.render(44100, 2, 12, 7), 44100);
            assertThat(Fpcalc.compressed(wav)).as("fpcalc's FINGERPRINT= for the known audio").isEqualTo(KNOWN);
            assertThat(Fpcalc.raw(wav)).containsExactly(raw);
        }
    }

    @Test
    void roundTripsArbitraryItemsIncludingLongGaps() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int[] items = new int[rnd.nextInt(0, 400)];
            for (int i = 0; i < items.length; i++) {
                switch (rnd.nextInt(5)) {
                    case 0 -> items[i] = 0;
                    case 1 -> items[i] = 0x80000001; // gap of 31 bits: an exceptional value
                    case 2 -> items[i] = -1;
                    case 3 -> items[i] = i > 0 ? items[i - 1] ^ (1 << rnd.nextInt(32)) : 1;
                    default -> items[i] = rnd.nextInt();
                }
            }
            String text = FingerprintCompressor.encode(items);
            assertThat(text).doesNotContain("=", "+", "/");
            assertThat(FingerprintCompressor.decode(text).items()).containsExactly(items);
        }
    }

    @Test
    void packsGapsAsChromaprintDoes() {
        // One item 0b1001: gaps 1 and 3, then the terminating 0 -> 3-bit values 1, 3, 0 (LSB first).
        byte[] b = FingerprintCompressor.compress(new int[] {9}, 1);
        assertThat(b).containsExactly(1, 0, 0, 1, (byte) (1 | 3 << 3), 0);
        // A gap of 10: normal value 7 and exceptional 3.
        byte[] e = FingerprintCompressor.compress(new int[] {1 << 9}, 1);
        assertThat(e).containsExactly(1, 0, 0, 1, 7, 3);
        assertThat(FingerprintCompressor.compress(new int[0], 1)).containsExactly(1, 0, 0, 0);
    }

    @Test
    void rejectsTruncatedInput() {
        byte[] b = FingerprintCompressor.compress(new int[] {9, 12345, 1 << 30}, 1);
        assertThatThrownBy(() -> FingerprintCompressor.decompress(java.util.Arrays.copyOf(b, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FingerprintCompressor.decompress(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
