package org.trackflow.pipeline.flink.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The enumerator's checkpoint: whether the (once-mode) scan finished, the last scan id, the changes not
 * yet handed to a reader, and (watch mode) the changes handed out whose rows the output may not show yet.
 */
public record ScanEnumeratorState(boolean scanned, long lastScanId, List<ChangeSplit> pending, List<ChangeSplit> inFlight) {

    public static final class Serializer implements SimpleVersionedSerializer<ScanEnumeratorState> {
        @Override
        public int getVersion() {
            return 2;
        }

        @Override
        public byte[] serialize(ScanEnumeratorState state) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeBoolean(state.scanned());
                out.writeLong(state.lastScanId());
                writeList(out, state.pending());
                writeList(out, state.inFlight());
            }
            return bytes.toByteArray();
        }

        private static void writeList(DataOutputStream out, List<ChangeSplit> splits) throws IOException {
            out.writeInt(splits.size());
            for (ChangeSplit s : splits) {
                s.write(out);
            }
        }

        private static List<ChangeSplit> readList(DataInputStream in) throws IOException {
            int n = in.readInt();
            List<ChangeSplit> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(ChangeSplit.read(in));
            }
            return list;
        }

        @Override
        public ScanEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
            if (version != 2) {
                throw new IOException("unknown enumerator state version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new ScanEnumeratorState(in.readBoolean(), in.readLong(), readList(in), readList(in));
            }
        }
    }
}
