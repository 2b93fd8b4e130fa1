package org.trackflow.udfs.frame;

/**
 * A contiguous run of analysis frames of one track, with the samples they need.
 *
 * <p>{@code samples[0]} is global sample {@code startSample}. The chunk analyses frames
 * {@code firstFrame .. firstFrame + frameCount - 1}; when {@code firstFrame > 0} the samples start one hop
 * earlier, at frame {@code firstFrame - 1}, so that features that compare a frame with its predecessor
 * (flux, onset strength) see the same predecessor as a whole-track analysis. Samples past the end of
 * the array are zero (the end of the track).
 *
 * <p>A plain mutable bean so that stream processors can serialise it field by field.
 */
public class AudioChunk {
    /** Index of the chunk within its segment (the whole track, or one excerpt in fast mode). */
    public int index;
    /** Whether the chunk ends its segment. */
    public boolean last;
    /** Which segment: 0 for the whole track; excerpts are 0, 1, 2 ... */
    public int segment;
    public long startSample;
    public long firstFrame;
    public int frameCount;
    public float[] samples;
    /** Samples in the whole track: known, and set, on the last chunk only (-1 elsewhere). */
    public long trackSamples = -1;

    public AudioChunk() {}

    public AudioChunk(int index, boolean last, long startSample, long firstFrame, int frameCount, float[] samples) {
        this.index = index;
        this.last = last;
        this.startSample = startSample;
        this.firstFrame = firstFrame;
        this.frameCount = frameCount;
        this.samples = samples;
    }

    /** First global sample this chunk owns: the first hop of each of its frames belongs to it alone. */
    public long ownedStart() {
        return FrameGrid.frameStart(firstFrame);
    }

    /** One past the last sample this chunk owns (the track's end for the last chunk). */
    public long ownedEnd() {
        return last ? trackSamples : FrameGrid.frameStart(firstFrame + frameCount);
    }

    /** Whether the chunk carries the frame before its first one (every chunk but the track's first). */
    public boolean hasPreRoll() {
        return firstFrame > 0;
    }
}
