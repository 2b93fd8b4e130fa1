package org.trackflow.udfs.tonal;

/**
 * Key profiles: how much each pitch class, counted from the tonic, weighs in a major and in a minor key. The
 * values are those of Essentia's {@code Key} ({@code key.cpp}) and libkeyfinder ({@code constants.cpp}).
 * Compared on the accuracy corpus in {@code bench/results/accuracy.md}.
 */
public enum KeyProfile {
    /** Krumhansl and Kessler's probe-tone ratings (Krumhansl, "Cognitive Foundations of Musical Pitch", 1990). */
    KRUMHANSL(new double[] {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88},
            new double[] {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17}),
    /** Temperley's revision of them ("What's key for key?", Music Perception 17, 1999). */
    TEMPERLEY(new double[] {5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0},
            new double[] {5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0}),
    /** Faraldo et al., profiles from electronic dance music (AES Semantic Audio 2017): Essentia's {@code edma}. */
    EDMA(new double[] {1.00, 0.29, 0.50, 0.40, 0.60, 0.56, 0.32, 0.80, 0.31, 0.45, 0.42, 0.39},
            new double[] {1.00, 0.31, 0.44, 0.58, 0.33, 0.49, 0.29, 0.78, 0.43, 0.29, 0.53, 0.32}),
    /**
     * Faraldo et al. 2017, median profiles of a Beatport set with the four least relevant degrees zeroed:
     * Essentia's {@code bgate}, the default of its KeyExtractor.
     */
    BGATE(new double[] {1.00, 0.00, 0.42, 0.00, 0.53, 0.37, 0.00, 0.77, 0.00, 0.38, 0.21, 0.30},
            new double[] {1.00, 0.00, 0.36, 0.39, 0.00, 0.38, 0.00, 0.74, 0.27, 0.00, 0.42, 0.23}),
    /** Sha'ath's libkeyfinder (KeyFinder), its octave-independent profile. */
    KEYFINDER(new double[] {7.2390, 3.5035, 3.5845, 2.8451, 5.8190, 4.5587, 2.4478, 6.9947, 3.3911, 4.5561, 4.0739, 4.4593},
            new double[] {7.0026, 3.1436, 4.3590, 5.4042, 3.6723, 4.0897, 3.9079, 6.1996, 3.6342, 2.8724, 5.3547, 3.8324});

    final double[] major;
    final double[] minor;

    KeyProfile(double[] major, double[] minor) {
        this.major = major;
        this.minor = minor;
    }
}
