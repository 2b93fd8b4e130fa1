package org.trackflow.pipeline.flink.ops;

import org.trackflow.pipeline.model.TrackRecords;

import org.apache.flink.api.common.accumulators.IntCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.catalog.Change;
import org.trackflow.schemas.TrackRecord;

/** The rows of moves, touches and deletions, which need no audio: made straight from the scan's change. */
public class ChangeRows extends RichMapFunction<ScannedFile, TrackRecord> {
    private final String analysisMode;
    private transient IntCounter moved;
    private transient IntCounter deleted;
    private transient IntCounter touched;

    public ChangeRows(String analysisMode) {
        this.analysisMode = analysisMode;
    }

    @Override
    public void open(OpenContext openContext) {
        moved = getRuntimeContext().getIntCounter(TrackRecordCounter.MOVED);
        deleted = getRuntimeContext().getIntCounter(TrackRecordCounter.DELETED);
        touched = getRuntimeContext().getIntCounter(TrackRecordCounter.TOUCHED);
    }

    @Override
    public TrackRecord map(ScannedFile f) {
        (f.changeKind() == Change.Kind.DELETED ? deleted : f.changeKind() == Change.Kind.TOUCHED ? touched : moved).add(1);
        return TrackRecords.unanalysed(f, analysisMode, System.currentTimeMillis());
    }
}
