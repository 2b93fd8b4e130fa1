package org.trackflow.udfs.analysis;

/** The version of the feature set; bump it whenever a feature's definition or computation changes. */
public final class FeatureSet {
    /**
     * 1: the features of docs/features.md as of trackflow 0.1. 2: key spelling (Bb, not A#), Open Key, no tempo
     * without a pulse, 5.0 surround weights, Essentia's danceability and dynamic complexity, the HPCP key and the
     * metrical-level tempo (issue 12); musly's timbre model, timbre_mean and timbre_cov (issue 14). 3: the key's pitch profile with Essentia's HPCP band
     * preset (bass and treble normalised per frame; issue 12). 4: the fluctuation pattern (issue 14). 5: the tempo
     * falls back on the beat-period path's most common period when its median has no pulse (issue 16).
     */
    public static final int VERSION = 5;

    private FeatureSet() {}
}
