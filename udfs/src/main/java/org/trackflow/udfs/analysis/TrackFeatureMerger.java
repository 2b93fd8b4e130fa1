package org.trackflow.udfs.analysis;

import org.trackflow.udfs.stats.SeriesStats;

/**
 * Merges a track's {@link ChunkPartial}s, which must be given in chunk order: the merge order is fixed so
 * that the result is bit-identical whatever the parallelism that produced the partials.
 */
public final class TrackFeatureMerger {
    private final SeriesStats frames = new SeriesStats(FrameFeatureLayout.SERIES);
    private int nextIndex;

    /** Adds the partial of chunk {@code index}; chunks must come as 0, 1, 2, ... */
    public void add(int index, ChunkPartial partial) {
        if (index != nextIndex) {
            throw new IllegalStateException("chunk " + index + " merged out of order, expected " + nextIndex);
        }
        nextIndex++;
        frames.merge(partial.frames);
    }

    public TrackFrameFeatures result() {
        return new TrackFrameFeatures(frames);
    }
}
