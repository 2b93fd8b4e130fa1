package org.trackflow.udfs.fingerprint;

/**
 * Compares two raw Chromaprint fingerprints the way AcoustID-style duplicate finders do: slide one against
 * the other over a few seconds of offsets, and at each offset count the differing bits of the overlapping
 * items (Hamming distance); the best alignment's bit error rate (BER) tells whether the two are the same
 * recording.
 *
 * <p>Choosing the threshold: the 32 bits of an item are coarse quantized contrasts of the chroma image, so
 * re-encoding, resampling or a lossy codec only moves responses that lie close to a quantizer threshold.
 * Measured with this class (default search) on ten real Ogg Vorbis tracks (Wesnoth's soundtrack) and
 * their transcodes: MP3 192k or 64k, Opus, AAC, 22 kHz mono MP3 all below 0.011; a start shifted by a
 * quarter or half of an item (31 or 62 ms of silence in front) 0.03 and 0.06; EQ, -6 dB and 96k AAC 0.07.
 * Different tracks: 0.40 to 0.51 (synthetic songs built on the same chord progressions: from 0.34). Two
 * arrangements of one piece for a game (the same backing under other instruments: freedroidrpg's
 * AmbientBattle and TechBattle, two drascula themes) sit at 0.18 to 0.19, and are not the same recording.
 * So {@link #SAME_RECORDING_BER} = 0.15: twice the worst copy seen, below those arrangements
 * (bench/results/duplicates.md). A hi-res copy (24 bits at 48, 88.2 or 96 kHz, resampled by swr or soxr with
 * dither) reads 0.000 against its 44.1 kHz original; the two arrangements read 0.184 with the same duration to
 * the hundredth of a second, so no looser threshold for close durations is safe. Demand an overlap of {@link #MIN_OVERLAP} items (about 10 s): over a few items
 * the best of many offsets can be low by chance. The default search covers offsets of 5 s; a version
 * with a longer intro needs a larger {@code maxOffset} (30 s cut from the start: BER 0.45 at the default,
 * 0.038 when the search reaches the true offset of 242 items).
 */
public final class FingerprintMatcher {
    /** BER below which two fingerprints are taken for the same recording. */
    public static final double SAME_RECORDING_BER = 0.15;
    /** Default offset search: 5 s either way. */
    public static final int DEFAULT_MAX_OFFSET = (int) Math.round(5 / Fingerprinter.ITEM_SECONDS);
    /** Overlap needed for a verdict: about 10 s. */
    public static final int MIN_OVERLAP = (int) Math.round(10 / Fingerprinter.ITEM_SECONDS);

    /**
     * The best alignment: {@code a[i]} lines up with {@code b[i + offset]}, so a positive offset means
     * {@code b} has {@code offset} items ({@code offset * 0.1238} s) of extra audio in front of the music.
     *
     * @param offset items {@code b} is shifted by
     * @param overlap items compared
     * @param bitErrorRate differing bits over {@code 32 * overlap}; 1 when nothing overlaps
     */
    public record Match(int offset, int overlap, double bitErrorRate) {
        public double offsetSeconds() {
            return offset * Fingerprinter.ITEM_SECONDS;
        }

        /**
         * BER below {@link #SAME_RECORDING_BER} ({@link #compare} only returns alignments with the overlap
         * it was asked for).
         */
        public boolean sameRecording() {
            return bitErrorRate < SAME_RECORDING_BER && overlap > 0;
        }
    }

    private FingerprintMatcher() {}

    /** Best alignment within {@link #DEFAULT_MAX_OFFSET} items, over at least {@link #MIN_OVERLAP} items. */
    public static Match compare(int[] a, int[] b) {
        return compare(a, b, DEFAULT_MAX_OFFSET, MIN_OVERLAP);
    }

    /**
     * Best alignment over offsets {@code -maxOffset..maxOffset}, among those that overlap by at least
     * {@code minOverlap} items (capped at the shorter fingerprint's length, so short tracks still compare).
     * Ties go to the smaller shift.
     */
    public static Match compare(int[] a, int[] b, int maxOffset, int minOverlap) {
        if (maxOffset < 0 || minOverlap < 1) {
            throw new IllegalArgumentException("maxOffset " + maxOffset + ", minOverlap " + minOverlap);
        }
        int needed = Math.min(minOverlap, Math.min(a.length, b.length));
        Match best = new Match(0, 0, 1.0);
        if (needed == 0) {
            return best;
        }
        long bestErrors = 0;
        for (int k = 0; k <= 2 * maxOffset; k++) {
            // 0, 1, -1, 2, -2, ...: the first minimum found is the smallest shift.
            int offset = (k + 1) / 2 * (k % 2 == 1 ? 1 : -1);
            int from = Math.max(0, -offset);
            int to = Math.min(a.length, b.length - offset);
            int overlap = to - from;
            if (overlap < needed) {
                continue;
            }
            long errors = 0;
            for (int i = from; i < to; i++) {
                errors += Integer.bitCount(a[i] ^ b[i + offset]);
            }
            // errors / overlap < bestErrors / best.overlap, without rounding.
            if (best.overlap == 0 || errors * best.overlap < bestErrors * overlap) {
                best = new Match(offset, overlap, errors / (32.0 * overlap));
                bestErrors = errors;
            }
        }
        return best;
    }
}
