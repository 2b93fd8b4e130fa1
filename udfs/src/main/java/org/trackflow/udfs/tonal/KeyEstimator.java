package org.trackflow.udfs.tonal;

/**
 * Key and scale from a track's mean chroma: the Pearson correlation with the 24 rotations of the
 * Krumhansl-Kessler probe-tone profiles (Krumhansl, "Cognitive Foundations of Musical Pitch", 1990),
 * the best one winning; as Essentia's {@code Key(profileType='krumhansl')} on a whole-track chroma.
 * Strength is that correlation (-1..1). The Camelot code places the key on the wheel DJs use for
 * harmonic mixing: numbers step by fifths, A minor, B major; relative keys share a number. Names, Camelot and
 * Open Key codes: {@link KeyNames}.
 */
public final class KeyEstimator {
    static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

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

    private KeyEstimator() {}

    /** The best-correlated key, or null for a chroma without variation (silence). */
    public static Key estimate(double[] chroma) {
        Key best = null;
        for (int tonic = 0; tonic < 12; tonic++) {
            for (boolean minor : new boolean[] {false, true}) {
                double r = correlation(chroma, minor ? MINOR : MAJOR, tonic);
                if (!Double.isNaN(r) && (best == null || r > best.strength())) {
                    best = new Key(tonic, minor, r);
                }
            }
        }
        return best;
    }

    /** Pearson correlation of chroma with the profile rotated so that its tonic is {@code tonic}. */
    static double correlation(double[] chroma, double[] profile, int tonic) {
        double mc = 0;
        double mp = 0;
        for (int i = 0; i < 12; i++) {
            mc += chroma[i];
            mp += profile[i];
        }
        mc /= 12;
        mp /= 12;
        double num = 0;
        double dc = 0;
        double dp = 0;
        for (int i = 0; i < 12; i++) {
            double c = chroma[i] - mc;
            double p = profile[Math.floorMod(i - tonic, 12)] - mp;
            num += c * p;
            dc += c * c;
            dp += p * p;
        }
        return dc > 0 ? num / Math.sqrt(dc * dp) : Double.NaN;
    }
}
