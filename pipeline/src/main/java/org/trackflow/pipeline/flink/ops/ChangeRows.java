package org.trackflow.pipeline.flink.ops;

import org.trackflow.pipeline.model.TrackRecords;

import org.apache.flink.api.common.accumulators.IntCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.catalog.Change;
import org.trackflow.pipeline.model.TrackMeta;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.decode.AudioDecodeException;
import org.trackflow.udfs.decode.AudioProbe;

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
        TrackRecord row = TrackRecords.unanalysed(f, analysisMode, System.currentTimeMillis());
        if (f.changeKind() == Change.Kind.TOUCHED) {
            // the same size and sampled blocks, but a tag edit may lie outside them: the tags as the file has them now
            // (its container's headers, no packet read); the fold takes them when there are any
            try {
                TrackMeta m = new TrackMeta();
                m.tags(AudioProbe.tags(java.nio.file.Path.of(f.absolutePath)));
                row.setTitle(m.title);
                row.setArtist(m.artist);
                row.setAlbum(m.album);
                row.setAlbumArtist(m.albumArtist);
                row.setGenre(m.genre);
                row.setYear(m.year);
                row.setTrackNo(m.trackNumber);
            } catch (AudioDecodeException e) {
                // unreadable now: the row keeps the tags it had
            }
        }
        return row;
    }
}
