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
 * The enumerator's checkpoint: whether the (once-mode) scan finished, the last scan id, the scans whose rows
 * are not all committed yet (with how many changes each handed out), the changes not yet handed to a reader,
 * and (watch mode) the changes handed out whose rows the output may not show yet.
 */
public record ScanEnumeratorState(boolean scanned, long lastScanId, java.util.Map<Long, Integer> openScans, List<ChangeSplit> pending,
                                  List<ChangeSplit> inFlight) {

    public static final class Serializer implements SimpleVersionedSerializer<ScanEnumeratorState> {
        @Override
        public int getVersion() {
            return 4; // 4: changed files carry their stored audio hash
        }

        @Override
        public byte[] serialize(ScanEnumeratorState state) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeBoolean(state.scanned());
                out.writeLong(state.lastScanId());
                out.writeInt(state.openScans().size());
                for (java.util.Map.Entry<Long, Integer> e : new java.util.TreeMap<>(state.openScans()).entrySet()) {
                    out.writeLong(e.getKey());
                    out.writeInt(e.getValue());
                }
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

        private static List<ChangeSplit> readList(DataInputStream in, int version) throws IOException {
            int n = in.readInt();
            List<ChangeSplit> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // states before version 4 wrote splits without the stored audio hash
                list.add(ChangeSplit.read(in, version >= 4 ? 2 : 1));
            }
            return list;
        }

        @Override
        public ScanEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
            if (version < 2 || version > 4) {
                throw new IOException("unknown enumerator state version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                boolean scanned = in.readBoolean();
                long last = in.readLong();
                // version 2 (before the after-scan stage ran in the job) kept no open scans
                java.util.Map<Long, Integer> open = new java.util.TreeMap<>();
                for (int i = version >= 3 ? in.readInt() : 0; i > 0; i--) {
                    open.put(in.readLong(), in.readInt());
                }
                return new ScanEnumeratorState(scanned, last, open, readList(in, version), readList(in, version));
            }
        }
    }
}
