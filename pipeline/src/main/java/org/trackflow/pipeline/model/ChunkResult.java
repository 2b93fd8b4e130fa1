package org.trackflow.pipeline.model;

import org.trackflow.udfs.analysis.ChunkPartial;

/** The features of one chunk, keyed by track for aggregation. A Flink POJO. */
public class ChunkResult {
    public String trackId;
    public int index;
    public boolean last;
    /** Null when the track failed before this chunk produced anything. */
    public ChunkPartial partial;
    /** Set on the last chunk only. */
    public TrackMeta meta;
    /** Why analysing this chunk failed, or null. */
    public String error;

    public ChunkResult() {}
}
