package org.trackflow.pipeline.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** One audio file to analyse, as the scan saw it. The split id is the relative path. */
public record FileSplit(String absolutePath, String relativePath, long sizeBytes, long mtimeMs) implements SourceSplit {

    @Override
    public String splitId() {
        return relativePath;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(absolutePath);
        out.writeUTF(relativePath);
        out.writeLong(sizeBytes);
        out.writeLong(mtimeMs);
    }

    static FileSplit read(DataInputStream in) throws IOException {
        return new FileSplit(in.readUTF(), in.readUTF(), in.readLong(), in.readLong());
    }

    /** Versioned binary form for checkpoints. */
    public static final class Serializer implements SimpleVersionedSerializer<FileSplit> {
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(FileSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                split.write(out);
            }
            return bytes.toByteArray();
        }

        @Override
        public FileSplit deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown FileSplit version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return read(in);
            }
        }
    }
}
