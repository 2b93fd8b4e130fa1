package org.trackflow.udfs.analysis;

import org.trackflow.udfs.stats.SeriesStats;

/**
 * What one chunk contributes to its track: mergeable summaries of its frames' features. Partials of a
 * track's chunks, merged in chunk order by {@link TrackFeatureMerger}, give the whole-track values.
 */
public class ChunkPartial {
    /** Summary of the frame features, laid out by {@link FrameFeatureLayout}. */
    public SeriesStats frames;

    public ChunkPartial() {}

    public ChunkPartial(SeriesStats frames) {
        this.frames = frames;
    }
}
