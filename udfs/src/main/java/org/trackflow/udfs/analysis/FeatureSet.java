package org.trackflow.udfs.analysis;

/** The version of the feature set; bump it whenever a feature's definition or computation changes. */
public final class FeatureSet {
    /**
     * 1: the features of docs/features.md as of trackflow 0.1. 2: musly's timbre model (timbre_mean,
     * timbre_cov).
     */
    public static final int VERSION = 2;

    private FeatureSet() {}
}
