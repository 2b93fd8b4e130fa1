package org.trackflow.udfs.decode;

/** Receives decoded audio as it comes out of the decoder. Buffers are reused: copy what you keep. */
public interface AudioListener {
    /**
     * Audio at the source rate and channel layout, one array per channel, {@code frames} valid samples each,
     * at {@code sampleRate}.
     * For measures that must see the source as it is (loudness, peak).
     */
    default void sourceAudio(float[][] channels, int frames, int sampleRate) {}

    /** Mono audio at the analysis rate ({@code mean} of the channels, then resampled). */
    void analysisAudio(float[] samples, int length);

    /**
     * A contiguous stretch of audio begins: the whole track (segment 0), or in excerpt mode each excerpt,
     * at {@code startSeconds} into the track. Audio of different segments is not contiguous.
     */
    default void segmentStart(int segment, double startSeconds) {}

    /** The segment's audio is complete (resampler drained). */
    default void segmentEnd(int segment) {}
}
