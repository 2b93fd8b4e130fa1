package org.trackflow.pipeline.model;

import org.trackflow.udfs.frame.AudioChunk;

/**
 * A chunk of decoded audio of one track on its way to feature extraction. The last chunk of a track
 * carries its {@link TrackMeta}; a track that failed to decode is a single last chunk with no audio and
 * {@code meta.error} set. A Flink POJO.
 */
public class TrackChunk {
    public String trackId;
    /** Position of the chunk in the track: 0, 1, 2 ... across segments. */
    public int seq;
    /** Whether this is the track's last chunk (then {@code meta} is set). */
    public boolean trackLast;
    public AudioChunk chunk;
    public TrackMeta meta;

    public TrackChunk() {}

    public TrackChunk(String trackId, int seq, boolean trackLast, AudioChunk chunk, TrackMeta meta) {
        this.trackId = trackId;
        this.seq = seq;
        this.trackLast = trackLast;
        this.chunk = chunk;
        this.meta = meta;
    }
}
