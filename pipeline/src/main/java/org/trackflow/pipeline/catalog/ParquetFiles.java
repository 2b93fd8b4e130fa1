package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * The one Avro-Parquet reader and writer of the output (current view, playlists; the job's sink writes history), on any
 * {@link Storage}: ZSTD, the record's Avro schema, and key-value metadata in the footer.
 */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** Receives rows; may throw. */
    public interface RowConsumer<T> {
        void accept(T row) throws IOException;
    }

    /** Streams every row of {@code uri} into {@code consumer}. */
    public static <T extends SpecificRecord> void read(Storage storage, String uri, Class<T> type, RowConsumer<T> consumer)
            throws IOException {
        read(storage, uri, type, null, consumer);
    }

    /**
     * As above, reading only the columns of {@code projection} (a subset of the record's schema; null for
     * all): the others are never decoded and get their schema default (so a projection may leave out only
     * fields that have one).
     */
    public static <T extends SpecificRecord> void read(Storage storage, String uri, Class<T> type, Schema projection,
                                                       RowConsumer<T> consumer) throws IOException {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        // Rows are read into the record's own schema, matched by field name: a file written before a field
        // was added gets that field's default (Avro schema resolution), and unread columns get theirs.
        org.apache.parquet.avro.AvroReadSupport.setAvroReadSchema(conf, SpecificData.get().getSchema(type));
        if (projection != null) {
            org.apache.parquet.avro.AvroReadSupport.setRequestedProjection(conf, projection);
        }
        try (ParquetReader<T> reader = AvroParquetReader.<T>builder(input(storage, uri))
                .withDataModel(SpecificData.getForClass(type)).withConf(conf).build()) {
            T row;
            while ((row = reader.read()) != null) {
                consumer.accept(row);
            }
        }
    }

    /**
     * Streams the rows of the row groups whose midpoints lie in {@code [start, end)} (byte offsets of the file,
     * as {@link #rowGroups} gives them), reading only the columns of {@code projection}.
     */
    public static <T extends SpecificRecord> void read(Storage storage, String uri, Class<T> type, Schema projection, long start, long end,
                                                       RowConsumer<T> consumer) throws IOException {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        org.apache.parquet.avro.AvroReadSupport.setAvroReadSchema(conf, SpecificData.get().getSchema(type));
        if (projection != null) {
            org.apache.parquet.avro.AvroReadSupport.setRequestedProjection(conf, projection);
        }
        try (ParquetReader<T> reader = AvroParquetReader.<T>builder(input(storage, uri))
                .withDataModel(SpecificData.getForClass(type)).withConf(conf).withFileRange(start, end).build()) {
            T row;
            while ((row = reader.read()) != null) {
                consumer.accept(row);
            }
        }
    }

    /** A row group: where it starts in the file and how many rows it holds. */
    public record RowGroup(long start, long rows) {}

    /** The file's row groups, in file order. */
    public static java.util.List<RowGroup> rowGroups(Storage storage, String uri) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(input(storage, uri))) {
            return reader.getFooter().getBlocks().stream().map(b -> new RowGroup(b.getStartingPos(), b.getRowCount())).toList();
        }
    }

    /** {@code schema} without the fields named in {@code drop}: a projection for {@link #read}. */
    public static Schema without(Schema schema, java.util.Set<String> drop) {
        java.util.List<Schema.Field> kept = new java.util.ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            if (!drop.contains(f.name())) {
                kept.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
    }

    /** {@code schema} with only the fields named in {@code keep} and those without a default (which a read cannot leave out). */
    public static Schema only(Schema schema, java.util.Set<String> keep) {
        java.util.Set<String> drop = new java.util.HashSet<>();
        for (Schema.Field f : schema.getFields()) {
            if (!keep.contains(f.name()) && f.hasDefaultValue()) {
                drop.add(f.name());
            }
        }
        return without(schema, drop);
    }

    /** The footer's key-value metadata. */
    public static Map<String, String> footer(Storage storage, String uri) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(input(storage, uri))) {
            return reader.getFooter().getFileMetaData().getKeyValueMetaData();
        }
    }

    /** Writes rows. */
    public interface Rows<T> {
        void writeTo(ParquetWriter<T> writer) throws IOException;
    }

    /**
     * Writes {@code type} rows to {@code uri} whole or not at all ({@link Storage#writeAtomically}), with
     * {@code metadata} in its footer.
     */
    public static <T extends SpecificRecord> void writeAtomically(Storage storage, String uri, Schema schema, Class<T> type,
                                                                  Map<String, String> metadata, Rows<T> rows) throws IOException {
        writeAtomically(storage, uri, schema, type, metadata, ParquetWriter.DEFAULT_BLOCK_SIZE, rows);
    }

    /** As above, with row groups of about {@code rowGroupBytes} (the units a reader of a byte range reads). */
    public static <T extends SpecificRecord> void writeAtomically(Storage storage, String uri, Schema schema, Class<T> type,
                                                                  Map<String, String> metadata, long rowGroupBytes, Rows<T> rows)
            throws IOException {
        storage.writeAtomically(uri, out -> {
            try (ParquetWriter<T> writer = AvroParquetWriter.<T>builder(output(out))
                    .withRowGroupSize(rowGroupBytes)
                    .withSchema(schema)
                    .withDataModel(SpecificData.getForClass(type))
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .withExtraMetaData(metadata)
                    .build()) {
                rows.writeTo(writer);
            }
        });
    }

    private static InputFile input(Storage storage, String uri) throws IOException {
        long length = storage.length(uri);
        return new InputFile() {
            @Override
            public long getLength() {
                return length;
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                Storage.SeekableInput in = storage.open(uri);
                return new DelegatingSeekableInputStream(in) {
                    @Override
                    public long getPos() throws IOException {
                        return in.position();
                    }

                    @Override
                    public void seek(long newPos) throws IOException {
                        in.seek(newPos);
                    }
                };
            }
        };
    }

    private static OutputFile output(OutputStream out) {
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) {
                return stream(out);
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) {
                return stream(out);
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 64L << 20;
            }
        };
    }

    /** Counts the bytes written: Parquet needs the position, which not every stream knows. */
    private static PositionOutputStream stream(OutputStream out) {
        return new PositionOutputStream() {
            private long pos;

            @Override
            public long getPos() {
                return pos;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                pos++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                pos += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush(); // the stream is closed by whoever opened it (Storage.writeAtomically)
            }
        };
    }
}
