package org.trackflow.udfs.analysis;

import org.trackflow.udfs.tonal.KeyEstimator;

/**
 * A track's analysis once its chunks are merged in order, what every whole-track feature is estimated
 * from: the onset envelope and the 10 ms energy blocks (with where each segment, the whole track or a
 * fast-mode excerpt, starts in them), the summed pitch-class peaks, the fluctuation pattern's segment sums,
 * and what decoding measured on the source signal ({@link SourceMeasures}).
 */
public final class MergedTrack {
    final float[] onset;
    final int onsetLength;
    final int[] onsetSegments;
    final double frameRate;
    final float[] energy;
    final int energyLength;
    final int[] energySegments;
    final double blockRate;
    final double[] pitch;
    final double[] fluctuationSums;
    final int fluctuationSegments;
    final SourceMeasures source;
    private KeyEstimator.Profile profile;
    private boolean profiled;

    MergedTrack(float[] onset, int onsetLength, int[] onsetSegments, double frameRate, float[] energy, int energyLength,
                int[] energySegments, double blockRate, double[] pitch, double[] fluctuationSums, int fluctuationSegments,
                SourceMeasures source) {
        this.onset = onset;
        this.onsetLength = onsetLength;
        this.onsetSegments = onsetSegments;
        this.frameRate = frameRate;
        this.energy = energy;
        this.energyLength = energyLength;
        this.energySegments = energySegments;
        this.blockRate = blockRate;
        this.pitch = pitch;
        this.fluctuationSums = fluctuationSums;
        this.fluctuationSegments = fluctuationSegments;
        this.source = source;
    }

    /** The tuned pitch-class profile the key is read from (computed once), or null for silence. */
    KeyEstimator.Profile pitchProfile() {
        if (!profiled) {
            profile = KeyEstimator.profile(pitch);
            profiled = true;
        }
        return profile;
    }
}
