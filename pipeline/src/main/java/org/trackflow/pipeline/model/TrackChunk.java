package org.trackflow.pipeline.model;

import org.trackflow.udfs.frame.AudioChunk;

/**
 * A chunk of decoded audio of one track on its way to feature extraction. The last chunk of a track
 * carries its {@link TrackMeta}; a track that failed to decode is a single last chunk with no audio and
 * {@code meta.error} set. A Flink POJO.
 */
public class TrackChunk {
    public String trackId;
    public AudioChunk chunk;
    public TrackMeta meta;

    public TrackChunk() {}

    public TrackChunk(String trackId, AudioChunk chunk, TrackMeta meta) {
        this.trackId = trackId;
        this.chunk = chunk;
        this.meta = meta;
    }
}
