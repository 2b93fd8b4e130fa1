package org.trackflow.udfs.analysis;

import java.nio.file.Path;
import org.trackflow.udfs.audio.AudioDecodeException;
import org.trackflow.udfs.audio.AudioDecoder;
import org.trackflow.udfs.audio.AudioInfo;
import org.trackflow.udfs.audio.AudioListener;
import org.trackflow.udfs.frame.Chunker;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.loudness.LoudnessMeter;

/**
 * The whole analysis of one file in a plain loop, without Flink: decode, chunk, analyse, merge. The job
 * runs exactly these steps spread over operators; tests and the benchmark's baseline call this.
 */
public final class TrackAnalysis {
    /** What analysing a file gives. */
    public record Result(AudioInfo info, TrackFeatures features, LoudnessMeter.Result loudness) {}

    private final int sampleRate;
    private final int framesPerChunk;
    private final AudioDecoder decoder;
    private final ChunkAnalyzer analyzer;

    public TrackAnalysis(int sampleRate, double chunkSeconds) {
        this.sampleRate = sampleRate;
        this.framesPerChunk = FrameGrid.framesPerChunk(chunkSeconds, sampleRate);
        this.decoder = new AudioDecoder(sampleRate);
        this.analyzer = new ChunkAnalyzer(sampleRate);
    }

    public Result analyse(Path file) throws AudioDecodeException {
        TrackFeatureMerger merger = new TrackFeatureMerger(sampleRate);
        Chunker chunker = new Chunker(framesPerChunk, c -> merger.add(c.index, analyzer.analyze(c)));
        LoudnessMeter[] meter = new LoudnessMeter[1];
        AudioInfo info = decoder.decode(file, new AudioListener() {
            @Override
            public void sourceAudio(float[][] channels, int frames, int rate) {
                if (meter[0] == null) {
                    meter[0] = new LoudnessMeter(rate, channels.length);
                }
                meter[0].accept(channels, frames);
            }

            @Override
            public void analysisAudio(float[] samples, int length) {
                chunker.accept(samples, 0, length);
            }
        });
        chunker.finish();
        return new Result(info, merger.result(), meter[0].result());
    }

    /** Analyses a mono signal already at the analysis rate (no decoding, no loudness). */
    public TrackFeatures analyse(float[] mono) {
        TrackFeatureMerger merger = new TrackFeatureMerger(sampleRate);
        Chunker chunker = new Chunker(framesPerChunk, c -> merger.add(c.index, analyzer.analyze(c)));
        chunker.accept(mono, 0, mono.length);
        chunker.finish();
        return merger.result();
    }
}
