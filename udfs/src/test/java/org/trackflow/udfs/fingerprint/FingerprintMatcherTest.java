package org.trackflow.udfs.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FingerprintMatcherTest {
    private static int[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt();
        }
        return x;
    }

    @Test
    void identicalFingerprintsMatchAtOffsetZero() {
        int[] a = random(500, 1);
        FingerprintMatcher.Match m = FingerprintMatcher.compare(a, a.clone());
        assertThat(m.offset()).isZero();
        assertThat(m.overlap()).isEqualTo(500);
        assertThat(m.bitErrorRate()).isZero();
        assertThat(m.sameRecording()).isTrue();
    }

    @Test
    void findsTheOffsetOfExtraAudioInFront() {
        int[] a = random(600, 2);
        int[] b = new int[600 + 17];
        System.arraycopy(random(17, 9), 0, b, 0, 17); // 17 items (2.1 s) of something else first
        System.arraycopy(a, 0, b, 17, 600);
        FingerprintMatcher.Match m = FingerprintMatcher.compare(a, b);
        assertThat(m.offset()).isEqualTo(17);
        assertThat(m.offsetSeconds()).isCloseTo(2.105, within(0.001));
        assertThat(m.overlap()).isEqualTo(600);
        assertThat(m.bitErrorRate()).isZero();
        FingerprintMatcher.Match back = FingerprintMatcher.compare(b, a);
        assertThat(back.offset()).isEqualTo(-17);
    }

    @Test
    void flippedBitsCountAsErrors() {
        int[] a = random(400, 3);
        int[] b = Arrays.copyOf(a, a.length);
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < b.length; i++) {
            for (int k = 0; k < 4; k++) { // 4 of 32 bits, distinct positions: BER 0.125
                b[i] ^= 1 << ((i + 8 * k + r.nextInt(8)) & 31);
            }
        }
        FingerprintMatcher.Match m = FingerprintMatcher.compare(a, b);
        assertThat(m.offset()).isZero();
        assertThat(m.bitErrorRate()).isCloseTo(0.125, within(1e-9));
        assertThat(m.sameRecording()).isTrue();
    }

    @Test
    void unrelatedFingerprintsDifferInHalfTheirBits() {
        FingerprintMatcher.Match m = FingerprintMatcher.compare(random(900, 5), random(900, 6));
        assertThat(m.bitErrorRate()).isBetween(0.45, 0.5);
        assertThat(m.sameRecording()).isFalse();
    }

    @Test
    void needsTheMinimumOverlapUnlessAFingerprintIsShorter() {
        int[] a = random(300, 7);
        int[] tail = Arrays.copyOfRange(a, 250, 300); // 50 items: shorter than MIN_OVERLAP
        FingerprintMatcher.Match m = FingerprintMatcher.compare(a, tail, 300, FingerprintMatcher.MIN_OVERLAP);
        assertThat(m.offset()).isEqualTo(-250);
        assertThat(m.overlap()).isEqualTo(50);
        assertThat(m.bitErrorRate()).isZero();
        // An offset beyond the search finds no alignment of the true part.
        assertThat(FingerprintMatcher.compare(a, tail, 10, 50).bitErrorRate()).isGreaterThan(0.4);
        assertThat(FingerprintMatcher.compare(new int[0], a).overlap()).isZero();
        assertThat(FingerprintMatcher.DEFAULT_MAX_OFFSET).isEqualTo(40);
        assertThat(FingerprintMatcher.MIN_OVERLAP).isEqualTo(81);
    }
}
