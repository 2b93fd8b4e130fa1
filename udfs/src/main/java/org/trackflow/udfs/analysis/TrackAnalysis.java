package org.trackflow.udfs.analysis;

import java.nio.file.Path;
import org.trackflow.udfs.decode.AudioDecodeException;
import org.trackflow.udfs.decode.Excerpts;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.Chunker;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.loudness.LoudnessMeter;

/**
 * The whole analysis of one file in a plain loop, without Flink: decode, chunk, analyse, merge. The job
 * runs exactly these steps spread over operators; tests and the benchmark's baseline call this.
 */
public final class TrackAnalysis {
    /** What analysing a file gives. */
    public record Result(TrackDecoder.Decoded decoded, TrackFeatures features) {
        public org.trackflow.udfs.decode.AudioInfo info() {
            return decoded.info();
        }

        public LoudnessMeter.Result loudness() {
            return decoded.loudness();
        }
    }

    private final int sampleRate;
    private final int framesPerChunk;
    private final TrackDecoder decoder;
    private final ChunkAnalyzer analyzer;

    public TrackAnalysis(int sampleRate, double chunkSeconds) {
        this(sampleRate, chunkSeconds, Excerpts.WHOLE);
    }

    public TrackAnalysis(int sampleRate, double chunkSeconds, Excerpts excerpts) {
        this.sampleRate = sampleRate;
        this.framesPerChunk = FrameGrid.framesPerChunk(chunkSeconds, sampleRate);
        this.decoder = new TrackDecoder(sampleRate, chunkSeconds, excerpts);
        this.analyzer = new ChunkAnalyzer(sampleRate);
    }

    public Result analyse(Path file) throws AudioDecodeException {
        TrackFeatureMerger merger = new TrackFeatureMerger(sampleRate);
        TrackDecoder.Decoded decoded = decoder.decode(file, new TrackDecoder.ChunkSink() {
            @Override
            public void chunk(AudioChunk chunk, int seq) {
                merger.add(seq, analyzer.analyze(chunk));
            }

            @Override
            public void last(AudioChunk chunk, int seq, TrackDecoder.Decoded d) {
                merger.add(seq, analyzer.analyze(chunk));
            }
        });
        return new Result(decoded, merger.result(decoded.source()));
    }

    /** Analyses a mono signal already at the analysis rate (no decoding, no loudness). */
    public TrackFeatures analyse(float[] mono) {
        return analyse(mono, sampleRate, framesPerChunk, analyzer);
    }

    /** The same in chunks of {@code framesPerChunk} frames (any number: the features do not depend on it). */
    public static TrackFeatures analyse(float[] mono, int sampleRate, int framesPerChunk) {
        return analyse(mono, sampleRate, framesPerChunk, new ChunkAnalyzer(sampleRate));
    }

    private static TrackFeatures analyse(float[] mono, int sampleRate, int framesPerChunk, ChunkAnalyzer analyzer) {
        TrackFeatureMerger merger = new TrackFeatureMerger(sampleRate);
        Chunker chunker = new Chunker(framesPerChunk, c -> merger.add(c.index, analyzer.analyze(c)));
        chunker.accept(mono, 0, mono.length);
        chunker.finish();
        return merger.result();
    }
}
