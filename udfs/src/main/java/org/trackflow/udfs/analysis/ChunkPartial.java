package org.trackflow.udfs.analysis;

import org.trackflow.udfs.stats.CoMoments;
import org.trackflow.udfs.stats.SeriesStats;

/**
 * What one chunk contributes to its track: mergeable summaries of its frames' features, and the
 * per-frame envelopes that whole-track estimators (tempo, onset rate, danceability) need. Partials of a
 * track's chunks, merged in chunk order by {@link TrackFeatureMerger}, give the whole-track values.
 */
public class ChunkPartial {
    /** Summary of the frame features, laid out by {@link FrameFeatures}. */
    public SeriesStats frames;
    /** Co-moments of each feature of {@link FrameFeatures#WITH_COVARIANCE}, in that order. */
    public CoMoments[] moments;
    /** Onset strength of each frame of the chunk. */
    public float[] onset;
    /** Standard deviation of each 10 ms block that starts in the chunk's own samples (see EnergyBlocks). */
    public float[] energy;
    /**
     * Sum of the harmonic pitch class profiles ({@link org.trackflow.udfs.tonal.Hpcp}) of the chunk's frames
     * whose global index is a multiple of {@link ChunkAnalyzer#HPCP_EVERY}.
     */
    public double[] pitch;
    /**
     * The fluctuation pattern ({@link org.trackflow.udfs.rhythm.FluctuationPattern}): the sum over the segments
     * the chunk holds entirely and their number (null when no segment boundary falls in the chunk, else
     * non-null even if no segment is whole: the merger reads it as "a boundary"); the region levels of its
     * frames before its first boundary (all of them if it holds none) and from its last one on (null if it
     * holds none), which the merger joins with the neighbouring chunks'.
     */
    public double[] fluctuationSums;
    public int fluctuationSegments;
    public float[] fluctuationHead;
    public float[] fluctuationTail;
    /** The segment the chunk belongs to (0 unless fast mode analysed excerpts). */
    public int segment;

    public ChunkPartial() {}

    public ChunkPartial(SeriesStats frames, CoMoments[] moments, float[] onset, float[] energy) {
        this.frames = frames;
        this.moments = moments;
        this.onset = onset;
        this.energy = energy;
    }
}
