package org.trackflow.udfs.tonal;

/**
 * Key and scale of a track from its harmonic pitch class profile, as Essentia's {@code KeyExtractor} decides
 * it, with the track's tuning estimated first:
 * <ol>
 *   <li>the sum of the frames' fine profiles ({@link Hpcp}, bass and treble each normalised per frame: Essentia's
 *       HPCP band preset) gives the tuning ({@link Tuning#offset}) and the
 *       12 tuned pitch classes ({@link Tuning#fold});</li>
 *   <li>max-normalised, and classes under {@value #GATE} set to 0 (Essentia's {@code pcpThreshold});</li>
 *   <li>Pearson correlation with the 24 rotations of the major and minor {@link KeyProfile} ({@link #PROFILE}
 *       by default: bgate, Essentia's default, the best on the accuracy corpus); the best correlation wins and is
 *       the strength (-1..1).</li>
 * </ol>
 * Names, Camelot and Open Key codes: {@link KeyNames}.
 */
public final class KeyEstimator {
    /**
     * The profile set used, chosen on the accuracy corpus (bench/results/accuracy.md, "Key profiles": 45
     * recordings, 19 where QM and Essentia agree, 12 MIDI songs). With the band preset of {@link Hpcp}: bgate
     * (Essentia's default) agrees with that consensus on 17, edma 17, keyfinder 16, krumhansl 11, temperley 9;
     * MIREX score against Essentia 0.84, 0.82, 0.77, 0.74, 0.67; MIDI keys 12/12 for bgate, keyfinder and
     * krumhansl, 11 for edma (a shuffle in Bb read as F), 6 for temperley. Until features_version 3 (frames
     * summed unnormalised, no band preset) edma: 16, 0.81, 12/12; bgate 15, 0.80, 12/12.
     */
    public static final KeyProfile PROFILE = KeyProfile.BGATE;
    /** Pitch classes below this share of the strongest are dropped before correlating (Essentia's 0.2). */
    static final double GATE = 0.2;

    /** A key: tonic pitch class (0 = C), scale, correlation. */
    public record Key(int tonic, boolean minor, double strength) {
        /** The tonic as the key signature spells it ({@link KeyNames}): "Bb" major, "C#" minor. */
        public String name() {
            return KeyNames.spell(tonic, minor);
        }

        public String scale() {
            return minor ? "minor" : "major";
        }

        /** Camelot wheel code, e.g. 8B for C major, 8A for A minor. */
        public String camelot() {
            return KeyNames.camelot(tonic, minor);
        }

        /** Traktor's Open Key code, e.g. 1d for C major, 1m for A minor. */
        public String openKey() {
            return KeyNames.openKey(tonic, minor);
        }
    }

    /** A track's tuned pitch class profile (C first, max-normalised, before the gate) and its tuning. */
    public record Profile(double[] pcp, double tuningHz) {}

    private KeyEstimator() {}

    /** The tuned, max-normalised 12-bin profile of accumulated peaks ({@link Hpcp}), or null for silence. */
    public static Profile profile(double[] accumulated) {
        double[] fine = Hpcp.window(accumulated);
        double offset = Tuning.offset(fine);
        double[] pcp = Tuning.fold(fine, offset);
        double max = 0;
        for (double v : pcp) {
            max = Math.max(max, v);
        }
        if (!(max > 0)) {
            return null;
        }
        for (int i = 0; i < 12; i++) {
            pcp[i] /= max;
        }
        return new Profile(pcp, Tuning.referenceHz(offset));
    }

    /** The best-correlated key of a 12-bin profile (C first) after the gate, or null for one without variation. */
    public static Key estimate(double[] pcp, KeyProfile profile) {
        double max = 0;
        for (double v : pcp) {
            max = Math.max(max, v);
        }
        double[] gated = new double[12];
        for (int i = 0; i < 12; i++) {
            gated[i] = max > 0 && pcp[i] / max >= GATE ? pcp[i] / max : 0;
        }
        Key best = null;
        for (int tonic = 0; tonic < 12; tonic++) {
            for (boolean minor : new boolean[] {false, true}) {
                double r = correlation(gated, minor ? profile.minor : profile.major, tonic);
                if (!Double.isNaN(r) && (best == null || r > best.strength())) {
                    best = new Key(tonic, minor, r);
                }
            }
        }
        return best;
    }

    /** Pearson correlation of a profile with the key profile rotated so that its tonic is {@code tonic}. */
    static double correlation(double[] pcp, double[] profile, int tonic) {
        double mc = 0;
        double mp = 0;
        for (int i = 0; i < 12; i++) {
            mc += pcp[i];
            mp += profile[i];
        }
        mc /= 12;
        mp /= 12;
        double num = 0;
        double dc = 0;
        double dp = 0;
        for (int i = 0; i < 12; i++) {
            double c = pcp[i] - mc;
            double p = profile[Math.floorMod(i - tonic, 12)] - mp;
            num += c * p;
            dc += c * c;
            dp += p * p;
        }
        return dc > 0 ? num / Math.sqrt(dc * dp) : Double.NaN;
    }
}
