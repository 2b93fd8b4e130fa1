package org.trackflow.pipeline.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.trackflow.pipeline.model.ChunkResult;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.model.TrackChunk;
import org.trackflow.pipeline.flink.ops.ChunkFeatures;
import org.trackflow.pipeline.flink.ops.DecodeAndChunk;
import org.trackflow.pipeline.flink.ops.TrackAggregator;
import org.trackflow.pipeline.flink.sink.ParquetSinks;
import org.trackflow.pipeline.flink.source.LibraryScanSource;
import org.trackflow.pipeline.flink.ops.ChangeRows;
import org.trackflow.pipeline.flink.sink.ScanBucketAssigner;
import org.trackflow.pipeline.flink.source.ScanConfig;
import org.trackflow.pipeline.catalog.AnalysisSettings;
import org.trackflow.udfs.model.ModelSpec;
import org.trackflow.pipeline.catalog.ChangeDetector;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.pipeline.flink.stage.AfterScanStage;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.analysis.FeatureSet;
import java.time.Duration;
import org.trackflow.udfs.decode.Excerpts;

/**
 * The trackflow dataflow, defined once and used by the command line and the tests alike:
 *
 * <pre>
 * library scan (FLIP-27: diff against the output) -> decode + chunk -> chunk features
 *   -> keyBy(track) -> aggregate -> union(moves, deletions) -> Parquet (tracks/scan-NNNNNN/)
 *   source: scan N complete (its rows committed) -> the after-scan stage (current view, duplicates, playlists,
 *   report, index: AfterScanStage)
 * </pre>
 *
 * Decoding and chunk features are chained in one task: files already spread over the slots (one
 * split per file, on request), and the chunks' PCM never leaves the thread that decoded it. With
 * {@code spreadChunks} a rebalance between them spreads one file's chunks over every slot instead, for
 * libraries of a few very long files (mixes, concerts).
 */
public final class TrackflowPipeline {
    private TrackflowPipeline() {}

    /**
     * What the job analyses, where it writes, how it scans, and what it makes after each scan: the one
     * settings record the command line fills and the job graph reads.
     */
    public record Settings(String library, String out, int analysisRate, double chunkSeconds, Excerpts excerpts,
                           boolean watch, Duration scanInterval, boolean retryErrors, boolean reanalyzeOutdated,
                           boolean spreadChunks, PlaylistOptions playlists, boolean keepDuplicates, String writeTags,
                           java.util.List<ModelSpec> models) implements java.io.Serializable {
        /** Without writing tags. */
        public Settings(String library, String out, int analysisRate, double chunkSeconds, Excerpts excerpts, boolean watch,
                        Duration scanInterval, boolean retryErrors, boolean reanalyzeOutdated, boolean spreadChunks, PlaylistOptions playlists,
                        boolean keepDuplicates) {
            this(library, out, analysisRate, chunkSeconds, excerpts, watch, scanInterval, retryErrors, reanalyzeOutdated, spreadChunks,
                    playlists, keepDuplicates, AfterScan.WRITE_TAGS_OFF, java.util.List.of());
        }

        /** Full analysis of every file, one scan, default playlists. */
        public static Settings full(String library, String out, int analysisRate, double chunkSeconds) {
            return new Settings(library, out, analysisRate, chunkSeconds, Excerpts.WHOLE, false, Duration.ofMinutes(15),
                    false, false, false, PlaylistOptions.defaults(), false);
        }

        /** The same, analysing only these excerpts of each track (fast mode). */
        public Settings withExcerpts(Excerpts e) {
            return new Settings(library, out, analysisRate, chunkSeconds, e, watch, scanInterval, retryErrors, reanalyzeOutdated,
                    spreadChunks, playlists, keepDuplicates, writeTags, models);
        }

        /** The same, with each file's chunks spread over all slots (or not). */
        public Settings withSpreadChunks(boolean spread) {
            return new Settings(library, out, analysisRate, chunkSeconds, excerpts, watch, scanInterval, retryErrors,
                    reanalyzeOutdated, spread, playlists, keepDuplicates, writeTags, models);
        }

        /** The same, scanning: once, or every {@code interval}; retrying failed files; re-analysing outdated ones. */
        public Settings withScan(boolean watchMode, Duration interval, boolean retry, boolean reanalyze) {
            return new Settings(library, out, analysisRate, chunkSeconds, excerpts, watchMode, interval, retry, reanalyze,
                    spreadChunks, playlists, keepDuplicates, writeTags, models);
        }

        /** The same, with these playlists (and every copy of a recording in them, or not). */
        public Settings withPlaylists(PlaylistOptions options, boolean keepCopies) {
            return new Settings(library, out, analysisRate, chunkSeconds, excerpts, watch, scanInterval, retryErrors, reanalyzeOutdated,
                    spreadChunks, options, keepCopies, writeTags, models);
        }

        /** The same, writing BPM, key and ReplayGain into the files after each scan: off, on or dry-run. */
        public Settings withWriteTags(String mode) {
            return new Settings(library, out, analysisRate, chunkSeconds, excerpts, watch, scanInterval, retryErrors, reanalyzeOutdated,
                    spreadChunks, playlists, keepDuplicates, mode, models);
        }

        /** The same, running these learned models on every track analysed (and on every track that lacks one). */
        public Settings withModels(java.util.List<ModelSpec> specs) {
            return new Settings(library, out, analysisRate, chunkSeconds, excerpts, watch, scanInterval, retryErrors, reanalyzeOutdated,
                    spreadChunks, playlists, keepDuplicates, writeTags, java.util.List.copyOf(specs));
        }

        /** What the after-scan stage makes. */
        public AfterScan.Settings afterScan() {
            return new AfterScan.Settings(library, playlists, keepDuplicates, writeTags, models);
        }

        ScanConfig scanConfig() {
            return new ScanConfig(library, out, watch, scanInterval, changeOptions(), afterScan());
        }

        /** What the library scan counts as a change. */
        public ChangeDetector.Options changeOptions() {
            return new ChangeDetector.Options(retryErrors, reanalyzeOutdated, FeatureSet.VERSION, analysisSettings(), ModelSpec.keys(models));
        }

        public String analysisMode() {
            return AnalysisSettings.mode(analysisSettings());
        }

        /** What shapes the numbers besides the feature set, as rows record it. */
        public String analysisSettings() {
            return AnalysisSettings.key(analysisRate, excerpts.count(), excerpts.seconds());
        }
    }

    /** Adds the job to {@code env}. */
    public static DataStream<TrackRecord> define(StreamExecutionEnvironment env, Settings s) {
        DataStream<ScannedFile> changes = env
                .fromSource(new LibraryScanSource(s.scanConfig()), WatermarkStrategy.noWatermarks(), "library-scan")
                .uid("library-scan");
        DataStream<TrackChunk> chunks = changes
                .filter(ScannedFile::analysed).name("to-analyse").uid("to-analyse")
                .process(new DecodeAndChunk(s.analysisRate(), s.chunkSeconds(), s.excerpts(), s.models()))
                .name("decode-and-chunk").uid("decode-and-chunk");
        // Spread: chunks of one long file go to every slot; the aggregator puts them back in order.
        DataStream<ChunkResult> results = (s.spreadChunks() ? chunks.rebalance() : chunks)
                .map(new ChunkFeatures(s.analysisRate()))
                .name("chunk-features").uid("chunk-features");
        DataStream<TrackRecord> analysed = results
                .keyBy(r -> r.trackId, Types.STRING)
                .process(new TrackAggregator(s.analysisSettings(), s.analysisRate()))
                .name("track-aggregate").uid("track-aggregate");
        // Moves, touches and deletions need no audio: their rows come straight from the scan.
        DataStream<TrackRecord> unanalysed = changes
                .filter(ScannedFile::unanalysed).name("moved-or-deleted").uid("moved-or-deleted")
                .map(new ChangeRows(s.analysisSettings())).name("change-rows").uid("change-rows");
        DataStream<TrackRecord> tracks = analysed.union(unanalysed);
        tracks.sinkTo(ParquetSinks.of(TrackRecord.class, new Output(new FlinkStorage(), s.out()).history(), Output.historyFilePrefix(), new ScanBucketAssigner()))
                .name("tracks-parquet").uid("tracks-parquet");
        // A scan whose rows are all committed is announced by the source: the after-scan stage follows.
        AfterScanStage.define(changes.filter(f -> f.scanComplete).name("scan-complete").uid("scan-complete"), s.out(), s.afterScan());
        return tracks;
    }
}
