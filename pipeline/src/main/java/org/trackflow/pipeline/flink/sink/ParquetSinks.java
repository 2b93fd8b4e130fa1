package org.trackflow.pipeline.flink.sink;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Exactly-once Parquet sinks: part files are written hidden (in-progress) and become visible only when
 * a checkpoint (or the end of a bounded run) commits them, so a reader never sees a partial file.
 */
public final class ParquetSinks {
    private ParquetSinks() {}

    /**
     * A sink of Avro specific records into sub-folders of {@code dir} chosen by {@code buckets}, ZSTD-compressed,
     * files {@code <prefix>-*.parquet}.
     */
    public static <T extends SpecificRecordBase> FileSink<T> of(Class<T> type, String dir, String prefix,
                                                               org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner<T, String> buckets) {
        return FileSink.forBulkFormat(new Path(dir), writerFactory(type))
                .withBucketAssigner(buckets)
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".parquet").build())
                .build();
    }

    /** Like {@code AvroParquetWriters.forSpecificRecord}, but compressed (that one writes uncompressed). */
    static <T extends SpecificRecordBase> ParquetWriterFactory<T> writerFactory(Class<T> type) {
        return new ParquetWriterFactory<>(new SpecificRecordBuilder<>(type));
    }

    /**
     * A named class, not a lambda: the job jar relocates flink-parquet, and a serialized lambda's
     * recorded interface name would no longer match the relocated one.
     */
    private static final class SpecificRecordBuilder<T extends SpecificRecordBase> implements ParquetBuilder<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;

        SpecificRecordBuilder(Class<T> type) {
            this.type = type;
        }

        @Override
        public org.apache.parquet.hadoop.ParquetWriter<T> createWriter(org.apache.parquet.io.OutputFile out) throws java.io.IOException {
            // getForClass: the model of the class's own (user-code) class loader.
            SpecificData model = SpecificData.getForClass(type);
            return AvroParquetWriter.<T>builder(out)
                    .withSchema(model.getSchema(type))
                    .withDataModel(model)
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .build();
        }
    }
}
