package org.trackflow.pipeline.flink.ops;

/** Accumulator names for the rows of moves and deletions (counted where those rows are made). */
public final class TrackRecordCounter {
    public static final String MOVED = "rows_moved";
    public static final String TOUCHED = "rows_touched";
    public static final String DELETED = "rows_deleted";

    private TrackRecordCounter() {}
}
