package org.trackflow.pipeline.flink.ops;

import org.trackflow.pipeline.model.TrackRecords;

import org.apache.flink.api.common.accumulators.DoubleCounter;
import org.apache.flink.api.common.accumulators.IntCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.trackflow.pipeline.model.ChunkResult;
import org.trackflow.pipeline.model.TrackMeta;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.analysis.TrackFeatureMerger;

/**
 * Keyed by track: keeps chunk results in state until all of a track's chunks are in (the last one tells
 * how many there are), then merges them in chunk order, so the row is bit-identical whatever the
 * parallelism or the order chunks arrived in, and emits one {@link TrackRecord}.
 */
public class TrackAggregator extends KeyedProcessFunction<String, ChunkResult, TrackRecord> {
    public static final String TRACKS_OK = "tracks_ok";
    public static final String TRACKS_ERROR = "tracks_error";
    public static final String AUDIO_SECONDS = "audio_seconds";

    private final String analysisMode;
    private final int analysisRate;
    private transient MapState<Integer, ChunkResult> chunks;
    private transient ValueState<Integer> expected;
    private transient ValueState<Integer> received;
    private transient IntCounter ok;
    private transient IntCounter errors;
    private transient DoubleCounter audioSeconds;
    private transient Counter tracksOk;
    private transient Counter tracksError;
    private transient Counter audioMillis;

    public TrackAggregator(String analysisMode, int analysisRate) {
        this.analysisMode = analysisMode;
        this.analysisRate = analysisRate;
    }

    @Override
    public void open(OpenContext openContext) {
        chunks = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("chunks", Types.INT, TypeInformation.of(ChunkResult.class)));
        expected = getRuntimeContext().getState(new ValueStateDescriptor<>("expected", Types.INT));
        received = getRuntimeContext().getState(new ValueStateDescriptor<>("received", Types.INT));
        ok = getRuntimeContext().getIntCounter(TRACKS_OK);
        errors = getRuntimeContext().getIntCounter(TRACKS_ERROR);
        audioSeconds = getRuntimeContext().getDoubleCounter(AUDIO_SECONDS);
        tracksOk = getRuntimeContext().getMetricGroup().counter("tracksAnalysed");
        tracksError = getRuntimeContext().getMetricGroup().counter("trackErrors");
        audioMillis = getRuntimeContext().getMetricGroup().counter("audioMillisAnalysed");
    }

    @Override
    public void processElement(ChunkResult r, Context ctx, Collector<TrackRecord> out) throws Exception {
        chunks.put(r.index, r);
        int got = received.value() == null ? 1 : received.value() + 1;
        received.update(got);
        if (r.last) {
            expected.update(r.index + 1);
        }
        Integer total = expected.value();
        if (total == null || got < total) {
            return;
        }
        TrackMeta meta = chunks.get(total - 1).meta;
        if (meta.modelsOnly) {
            out.collect(TrackRecords.modelsOnly(ctx.getCurrentKey(), meta, analysisMode, System.currentTimeMillis()));
            chunks.clear();
            expected.clear();
            received.clear();
            return;
        }
        if (meta.retagged) {
            // the same audio in a rewritten container: the row carries the new tags, the fold keeps the features
            out.collect(TrackRecords.retagged(ctx.getCurrentKey(), meta, analysisMode, System.currentTimeMillis()));
            chunks.clear();
            expected.clear();
            received.clear();
            return;
        }
        String error = meta.error;
        TrackFeatureMerger merger = new TrackFeatureMerger(analysisRate);
        for (int i = 0; i < total && error == null; i++) {
            ChunkResult c = chunks.get(i);
            if (c.error != null) {
                error = c.error;
            } else if (c.partial != null) {
                merger.add(i, c.partial);
            }
        }
        long now = System.currentTimeMillis();
        TrackRecord row = error == null
                ? TrackRecords.ok(ctx.getCurrentKey(), meta, merger.result(meta.source()), analysisMode, now)
                : TrackRecords.error(ctx.getCurrentKey(), meta, error, analysisMode, now);
        if (error == null) {
            ok.add(1);
            tracksOk.inc();
            audioSeconds.add(meta.durationSeconds);
            audioMillis.inc(Math.round(meta.durationSeconds * 1000));
        } else {
            errors.add(1);
            tracksError.inc();
        }
        out.collect(row);
        chunks.clear();
        expected.clear();
        received.clear();
    }
}
