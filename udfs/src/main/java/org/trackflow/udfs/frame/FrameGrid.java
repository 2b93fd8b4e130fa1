package org.trackflow.udfs.frame;

/**
 * The global analysis frame grid: frame {@code k} covers samples {@code [k*hop, k*hop + length)} of the
 * whole track at the analysis rate, zero-padded past the end. There is no centring (unlike librosa's
 * {@code center=True}): a frame's content then depends only on the track, never on where a chunk starts.
 *
 * <p>A track of {@code n > 0} samples has the fewest frames that cover every sample: one frame when
 * {@code n <= length}, otherwise {@code 1 + ceil((n - length) / hop)}.
 */
public final class FrameGrid {
    /** Frame length in samples (FFT size). */
    public static final int FRAME_LENGTH = 2048;
    /** Hop between frames in samples. */
    public static final int HOP = 512;
    /** Default analysis rate, Hz. */
    public static final int DEFAULT_ANALYSIS_RATE = 22_050;

    private FrameGrid() {}

    /** Number of frames of a track of {@code samples} samples. */
    public static long frameCount(long samples) {
        if (samples <= 0) {
            return 0;
        }
        if (samples <= FRAME_LENGTH) {
            return 1;
        }
        return 1 + Math.floorDiv(samples - FRAME_LENGTH + HOP - 1, HOP);
    }

    /** First sample of frame {@code k}. */
    public static long frameStart(long k) {
        return k * HOP;
    }

    /** Frames per chunk for a chunk duration, at least one. */
    public static int framesPerChunk(double chunkSeconds, int analysisRate) {
        return (int) Math.max(1, Math.round(chunkSeconds * analysisRate / HOP));
    }
}
