package org.trackflow.udfs.analysis;

/** The version of the feature set; bump it whenever a feature's definition or computation changes. */
public final class FeatureSet {
    /** 1: the features of docs/features.md as of trackflow 0.1. */
    public static final int VERSION = 1;

    private FeatureSet() {}
}
