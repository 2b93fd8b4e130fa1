package org.trackflow.pipeline.catalog;

import java.io.IOException;

/** What the output says about a scan and about the library, counted from committed rows. */
public final class ScanSummary {
    private ScanSummary() {}

    /** What one scan committed to the history: rows by kind, and the audio analysed. */
    public record ScanCounts(long scan, long ok, long errors, long moved, long deleted, double audioSeconds) {
        public long analysed() {
            return ok + errors;
        }

        public boolean nothing() {
            return ok + errors + moved + deleted == 0;
        }
    }

    /** The current view: tracks, errors among them, ok tracks analysed by an older feature set. */
    public record LibraryCounts(long tracks, long errors, long outdated) {}

    /** Counts of the committed rows of scan {@code scanId} (all zero when it wrote none). */
    public static ScanCounts scan(Output output, long scanId) throws IOException {
        long[] c = new long[4];
        double[] audio = new double[1];
        for (Output.HistoryFile f : output.historyFiles(scanId)) {
            ParquetFiles.read(output.storage(), f.uri(), org.trackflow.schemas.TrackRecord.class, r -> {
                if (RowKinds.DELETED.equals(r.getStatus())) {
                    c[3]++;
                } else if (RowKinds.MOVED.equals(r.getChange())) {
                    c[2]++;
                } else if (RowKinds.ERROR.equals(r.getStatus())) {
                    c[1]++;
                } else {
                    c[0]++;
                    audio[0] += r.getDurationS() == null ? 0 : r.getDurationS();
                }
            });
        }
        return new ScanCounts(scanId, c[0], c[1], c[2], c[3], audio[0]);
    }

    /** Counts of the current view; {@code version} is the running feature set's. */
    public static LibraryCounts library(CurrentView view, int version) throws IOException {
        long[] c = new long[3];
        view.forEach(r -> {
            c[0]++;
            if (RowKinds.ERROR.equals(r.getStatus())) {
                c[1]++;
            } else if (r.getFeaturesVersion() < version) {
                c[2]++;
            }
        });
        return new LibraryCounts(c[0], c[1], c[2]);
    }
}
