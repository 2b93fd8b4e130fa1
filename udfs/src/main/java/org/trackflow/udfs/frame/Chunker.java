package org.trackflow.udfs.frame;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a stream of analysis-rate samples into {@link AudioChunk}s on the global {@link FrameGrid}, while
 * the stream is being decoded: memory stays bounded by one chunk whatever the track's length.
 *
 * <p>Chunk {@code i} holds frames {@code [i*F, (i+1)*F)} (the last chunk fewer) plus one pre-roll frame
 * when {@code i > 0}. A chunk is emitted as soon as a sample beyond its last frame arrives (which proves
 * another frame, so another chunk, follows); {@link #finish()} emits the final chunk, marked last.
 */
public final class Chunker {
    private final int framesPerChunk;
    private final int segment;
    private final Consumer<AudioChunk> out;

    private float[] buffer = new float[1 << 16];
    /** Global index of buffer[0]. */
    private long bufferStart;
    private int buffered;
    private int nextIndex;
    private boolean finished;

    public Chunker(int framesPerChunk, Consumer<AudioChunk> out) {
        this(framesPerChunk, 0, out);
    }

    /** A chunker for one segment of a track (fast mode cuts each excerpt on a grid of its own). */
    public Chunker(int framesPerChunk, int segment, Consumer<AudioChunk> out) {
        if (framesPerChunk < 1) {
            throw new IllegalArgumentException("framesPerChunk must be >= 1");
        }
        this.framesPerChunk = framesPerChunk;
        this.segment = segment;
        this.out = out;
    }

    /** Samples received so far. */
    public long received() {
        return bufferStart + buffered;
    }

    public void accept(float[] src, int off, int len) {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        if (buffered + len > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + len));
        }
        System.arraycopy(src, off, buffer, buffered, len);
        buffered += len;
        // Emit every chunk proven complete and not last.
        while (received() > lastSampleExclusive(nextIndex)) {
            emit(nextIndex, framesPerChunk, false);
        }
    }

    /** Ends the stream: emits the final chunk. Returns the track's frame count (0 for no samples). */
    public long finish() {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        finished = true;
        long total = received();
        long frames = FrameGrid.frameCount(total);
        long first = (long) nextIndex * framesPerChunk;
        if (frames > first) {
            emit(nextIndex, (int) (frames - first), true);
        }
        return frames;
    }

    /** One past the last sample chunk {@code i} reads when it is full. */
    private long lastSampleExclusive(int i) {
        return ((long) (i + 1) * framesPerChunk - 1) * FrameGrid.HOP + FrameGrid.FRAME_LENGTH;
    }

    private void emit(int i, int frameCount, boolean last) {
        long firstFrame = (long) i * framesPerChunk;
        long start = FrameGrid.frameStart(firstFrame > 0 ? firstFrame - 1 : 0);
        long end = FrameGrid.frameStart(firstFrame + frameCount - 1) + FrameGrid.FRAME_LENGTH;
        float[] samples = new float[(int) (end - start)];
        int from = (int) (start - bufferStart);
        int available = Math.min(samples.length, buffered - from);
        if (available > 0) {
            System.arraycopy(buffer, from, samples, 0, available);
        }
        nextIndex++;
        // Keep what the next chunk needs: from its pre-roll frame on.
        long keepFrom = FrameGrid.frameStart((long) nextIndex * framesPerChunk - 1);
        int drop = (int) Math.min(buffered, Math.max(0, keepFrom - bufferStart));
        System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
        buffered -= drop;
        bufferStart += drop;
        AudioChunk chunk = new AudioChunk(i, last, start, firstFrame, frameCount, samples);
        chunk.segment = segment;
        if (last) {
            chunk.trackSamples = received();
        }
        out.accept(chunk);
    }
}
