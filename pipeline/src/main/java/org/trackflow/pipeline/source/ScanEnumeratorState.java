package org.trackflow.pipeline.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The enumerator's checkpoint: whether the scan finished, and the files not yet handed to a reader. */
public record ScanEnumeratorState(boolean scanned, List<FileSplit> pending) {

    public static final class Serializer implements SimpleVersionedSerializer<ScanEnumeratorState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ScanEnumeratorState state) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeBoolean(state.scanned());
                out.writeInt(state.pending().size());
                for (FileSplit s : state.pending()) {
                    s.write(out);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public ScanEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown enumerator state version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                boolean scanned = in.readBoolean();
                int n = in.readInt();
                List<FileSplit> pending = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    pending.add(FileSplit.read(in));
                }
                return new ScanEnumeratorState(scanned, pending);
            }
        }
    }
}
