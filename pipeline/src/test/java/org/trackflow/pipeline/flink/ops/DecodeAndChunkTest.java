package org.trackflow.pipeline.flink.ops;


import org.trackflow.udfs.decode.Excerpts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.TestLibraries;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.model.TrackChunk;
import org.trackflow.pipeline.catalog.Change;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.testkit.TrackSynth;

class DecodeAndChunkTest {
    @TempDir
    Path dir;

    private List<TrackChunk> decode(ScannedFile f, double chunkSeconds) throws Exception {
        try (OneInputStreamOperatorTestHarness<ScannedFile, TrackChunk> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new DecodeAndChunk(FrameGrid.DEFAULT_ANALYSIS_RATE, chunkSeconds, org.trackflow.udfs.decode.Excerpts.WHOLE))) {
            h.processElement(f, 0);
            return h.extractOutputValues();
        }
    }

    private static ScannedFile scanned(Path file, String rel) throws Exception {
        return ScannedFile.of(new Change(Change.Kind.NEW, rel, file.toString(),
                Files.exists(file) ? Files.size(file) : 123, 0, 1, 2, null), 1);
    }

    @Test
    void aFileThatVanishedAfterTheScanIsOneErrorChunk() throws Exception {
        Path file = TestLibraries.write(dir, "gone.flac", new TrackSynth.Spec(100, 0, false, 0.5, 0.5, 0, 0.5, 3, 1),
                AudioEncoder.Format.FLAC);
        ScannedFile f = scanned(file, "gone.flac");
        Files.delete(file);
        List<TrackChunk> out = decode(f, 30);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).trackLast).isTrue();
        assertThat(out.get(0).chunk.frameCount).isZero();
        assertThat(out.get(0).meta.error).contains("vanished");
        assertThat(out.get(0).meta.relativePath).isEqualTo("gone.flac");
    }

    @Test
    void longFilesAreCutIntoChunksAsTheyDecodeAndOnlyTheLastCarriesMetadata() throws Exception {
        Path file = TestLibraries.write(dir, "long.wav", new TrackSynth.Spec(128, 2, true, 0.8, 0.5, 0, 0.5, 23, 2),
                AudioEncoder.Format.WAV);
        List<TrackChunk> out = decode(scanned(file, "long.wav"), 5);
        int framesPerChunk = FrameGrid.framesPerChunk(5, FrameGrid.DEFAULT_ANALYSIS_RATE);
        long frames = FrameGrid.frameCount(23L * FrameGrid.DEFAULT_ANALYSIS_RATE);
        assertThat(out).hasSize((int) ((frames + framesPerChunk - 1) / framesPerChunk));
        for (int i = 0; i < out.size(); i++) {
            TrackChunk c = out.get(i);
            assertThat(c.seq).isEqualTo(i);
            assertThat(c.chunk.index).isEqualTo(i);
            assertThat(c.trackLast).isEqualTo(i == out.size() - 1);
            assertThat(c.meta == null).isEqualTo(i < out.size() - 1);
            // bounded memory: a chunk holds its frames' samples and no more
            assertThat(c.chunk.samples.length).isLessThanOrEqualTo(framesPerChunk * FrameGrid.HOP + FrameGrid.FRAME_LENGTH);
        }
        TrackChunk last = out.get(out.size() - 1);
        assertThat(last.meta.codec).isEqualTo("pcm_s16le");
        assertThat(last.meta.durationSeconds).isEqualTo(23.0);
        assertThat(last.meta.title).isEqualTo("Track long.wav");
        assertThat(last.meta.error).isNull();
    }
}
