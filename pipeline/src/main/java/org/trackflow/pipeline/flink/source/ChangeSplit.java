package org.trackflow.pipeline.flink.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.trackflow.pipeline.catalog.Change;

/** One change a scan found (a file to analyse, a move, a deletion), tagged with the scan's id. */
public record ChangeSplit(Change change, long scanId) implements SourceSplit {

    @Override
    public String splitId() {
        return scanId + ":" + change.relativePath();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(scanId);
        out.writeUTF(change.kind().name());
        out.writeUTF(change.relativePath());
        out.writeUTF(change.absolutePath());
        out.writeLong(change.sizeBytes());
        out.writeLong(change.mtimeMs());
        out.writeLong(change.contentKey());
        out.writeLong(change.trackId());
        out.writeBoolean(change.previousPath() != null);
        if (change.previousPath() != null) {
            out.writeUTF(change.previousPath());
        }
        out.writeBoolean(change.previousAudioHash() != null);
        if (change.previousAudioHash() != null) {
            out.writeUTF(change.previousAudioHash());
        }
    }

    static ChangeSplit read(DataInputStream in, int version) throws IOException {
        long scan = in.readLong();
        Change.Kind kind = Change.Kind.valueOf(in.readUTF());
        String rel = in.readUTF();
        String abs = in.readUTF();
        long size = in.readLong();
        long mtime = in.readLong();
        long key = in.readLong();
        long track = in.readLong();
        String previous = in.readBoolean() ? in.readUTF() : null;
        String audioHash = version >= 2 && in.readBoolean() ? in.readUTF() : null;
        return new ChangeSplit(new Change(kind, rel, abs, size, mtime, key, track, previous, audioHash), scan);
    }

    /** Versioned binary form for checkpoints. */
    public static final class Serializer implements SimpleVersionedSerializer<ChangeSplit> {
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 2; // 2: the stored audio hash of a changed file
        }

        @Override
        public byte[] serialize(ChangeSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                split.write(out);
            }
            return bytes.toByteArray();
        }

        @Override
        public ChangeSplit deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1 && version != 2) {
                throw new IOException("unknown ChangeSplit version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return read(in, version);
            }
        }
    }
}
