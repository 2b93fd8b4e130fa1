package org.trackflow.pipeline.flink.sink;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.schemas.TrackRecord;

/** Rows go to {@code tracks/scan-NNNNNN/} by the scan that made them, so history can be read scan by scan. */
public final class ScanBucketAssigner implements BucketAssigner<TrackRecord, String> {
    @Override
    public String getBucketId(TrackRecord row, Context context) {
        return Output.scanBucket(row.getScanId());
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
