package org.trackflow.udfs.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void frameCountCoversEverySampleWithTheFewestFrames() {
        assertThat(FrameGrid.frameCount(0)).isZero();
        assertThat(FrameGrid.frameCount(1)).isEqualTo(1);
        assertThat(FrameGrid.frameCount(2048)).isEqualTo(1);
        assertThat(FrameGrid.frameCount(2049)).isEqualTo(2);
        assertThat(FrameGrid.frameCount(2048 + 512)).isEqualTo(2);
        assertThat(FrameGrid.frameCount(2048 + 513)).isEqualTo(3);
        for (long n = 1; n < 10_000; n += 37) {
            long f = FrameGrid.frameCount(n);
            // the last frame starts inside the track, and covers its last sample
            assertThat(FrameGrid.frameStart(f - 1)).isLessThan(n);
            assertThat(FrameGrid.frameStart(f - 1) + FrameGrid.FRAME_LENGTH).isGreaterThanOrEqualTo(n);
        }
    }

    /** Property: for random lengths, chunk sizes and feeding patterns, the chunks tile the whole grid. */
    @Test
    void chunksTileTheGlobalFrameGridWithTheRightSamples() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = r.nextInt(0, 60_000);
            int framesPerChunk = r.nextInt(1, 40);
            float[] signal = new float[n];
            for (int i = 0; i < n; i++) {
                signal[i] = i + 1; // non-zero, position-coded
            }
            List<AudioChunk> chunks = new ArrayList<>();
            Chunker chunker = new Chunker(framesPerChunk, chunks::add);
            int pos = 0;
            while (pos < n) {
                int len = Math.min(n - pos, r.nextInt(1, 5000));
                chunker.accept(signal, pos, len);
                pos += len;
            }
            long frames = chunker.finish();
            assertThat(frames).isEqualTo(FrameGrid.frameCount(n));

            long nextFrame = 0;
            for (int c = 0; c < chunks.size(); c++) {
                AudioChunk chunk = chunks.get(c);
                assertThat(chunk.index).isEqualTo(c);
                assertThat(chunk.last).isEqualTo(c == chunks.size() - 1);
                assertThat(chunk.firstFrame).isEqualTo(nextFrame);
                if (!chunk.last) {
                    assertThat(chunk.frameCount).isEqualTo(framesPerChunk);
                }
                long firstNeeded = FrameGrid.frameStart(chunk.hasPreRoll() ? chunk.firstFrame - 1 : 0);
                assertThat(chunk.startSample).isEqualTo(firstNeeded);
                long end = FrameGrid.frameStart(chunk.firstFrame + chunk.frameCount - 1) + FrameGrid.FRAME_LENGTH;
                assertThat(chunk.samples).hasSize((int) (end - chunk.startSample));
                for (int i = 0; i < chunk.samples.length; i++) {
                    long global = chunk.startSample + i;
                    float expected = global < n ? signal[(int) global] : 0f;
                    assertThat(chunk.samples[i]).isEqualTo(expected);
                }
                nextFrame += chunk.frameCount;
            }
            assertThat(nextFrame).isEqualTo(frames);
        }
    }
}
