package org.trackflow.pipeline;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.trackflow.pipeline.model.ChunkResult;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.model.TrackChunk;
import org.trackflow.pipeline.ops.ChunkFeatures;
import org.trackflow.pipeline.ops.DecodeAndChunk;
import org.trackflow.pipeline.ops.TrackAggregator;
import org.trackflow.pipeline.sink.ParquetSinks;
import org.trackflow.pipeline.source.LibraryScanSource;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.audio.AudioDecoder.Excerpts;

/**
 * The trackflow dataflow, defined once and used by the command line and the tests alike:
 *
 * <pre>
 * library scan (FLIP-27) -> decode + chunk -> rebalance -> chunk features -> keyBy(track) -> aggregate
 *   -> Parquet (tracks/)
 * </pre>
 */
public final class TrackflowPipeline {
    /** Sub-folder of the output with the per-track rows. */
    public static final String TRACKS = "tracks";

    private TrackflowPipeline() {}

    /** What the job analyses and where it writes. */
    public record Settings(String library, String out, int analysisRate, double chunkSeconds, Excerpts excerpts) {
        /** Full analysis of every file. */
        public static Settings full(String library, String out, int analysisRate, double chunkSeconds) {
            return new Settings(library, out, analysisRate, chunkSeconds, Excerpts.WHOLE);
        }

        public String analysisMode() {
            return excerpts.count() > 0 ? "fast" : "full";
        }
    }

    /** Adds the job to {@code env}. */
    public static DataStream<TrackRecord> define(StreamExecutionEnvironment env, Settings s) {
        DataStream<ScannedFile> files = env
                .fromSource(new LibraryScanSource(s.library()), WatermarkStrategy.noWatermarks(), "library-scan")
                .uid("library-scan");
        DataStream<TrackChunk> chunks = files
                .process(new DecodeAndChunk(s.analysisRate(), s.chunkSeconds(), s.excerpts()))
                .name("decode-and-chunk").uid("decode-and-chunk");
        // Chunks of one long file spread over every slot; the aggregator puts them back in order.
        DataStream<ChunkResult> results = chunks
                .rebalance()
                .map(new ChunkFeatures(s.analysisRate()))
                .name("chunk-features").uid("chunk-features");
        DataStream<TrackRecord> tracks = results
                .keyBy(r -> r.trackId, Types.STRING)
                .process(new TrackAggregator(s.analysisMode(), s.analysisRate()))
                .name("track-aggregate").uid("track-aggregate");
        tracks.sinkTo(ParquetSinks.of(TrackRecord.class, s.out() + "/" + TRACKS, "tracks"))
                .name("tracks-parquet").uid("tracks-parquet");
        return tracks;
    }
}
