package org.trackflow.pipeline.flink.ops;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.trackflow.pipeline.model.ChunkResult;
import org.trackflow.pipeline.model.TrackChunk;
import org.trackflow.udfs.analysis.ChunkAnalyzer;

/** Frame features of one chunk (one FFT per frame), summarised into a mergeable partial. */
public class ChunkFeatures extends RichMapFunction<TrackChunk, ChunkResult> {
    public static final String FEATURE_NANOS = "features_ns";

    private final int analysisRate;
    private transient ChunkAnalyzer analyzer;
    private transient LongCounter featureNanos;
    private transient Counter chunksAnalysed;
    private transient Counter framesAnalysed;
    private transient Counter featureMillis;

    public ChunkFeatures(int analysisRate) {
        this.analysisRate = analysisRate;
    }

    @Override
    public void open(OpenContext openContext) {
        analyzer = new ChunkAnalyzer(analysisRate);
        featureNanos = getRuntimeContext().getLongCounter(FEATURE_NANOS);
        chunksAnalysed = getRuntimeContext().getMetricGroup().counter("chunksAnalysed");
        framesAnalysed = getRuntimeContext().getMetricGroup().counter("framesAnalysed");
        featureMillis = getRuntimeContext().getMetricGroup().counter("featureMillis");
    }

    @Override
    public ChunkResult map(TrackChunk in) {
        ChunkResult r = new ChunkResult();
        r.trackId = in.trackId;
        r.index = in.seq;
        r.last = in.trackLast;
        r.meta = in.meta;
        if (in.chunk.frameCount > 0) {
            long started = System.nanoTime();
            try {
                r.partial = analyzer.analyze(in.chunk);
            } catch (RuntimeException e) {
                r.error = "feature extraction failed on chunk " + r.index + ": " + e;
            }
            long spent = System.nanoTime() - started;
            featureNanos.add(spent);
            featureMillis.inc(spent / 1_000_000);
            chunksAnalysed.inc();
            framesAnalysed.inc(in.chunk.frameCount);
        }
        return r;
    }
}
