package org.trackflow.pipeline.catalog;

import java.io.IOException;

/** What the output says about a scan and about the library, counted from committed rows. */
public final class ScanSummary {
    private ScanSummary() {}

    /** What one scan committed to the history: rows by kind, and the audio analysed. */
    public record ScanCounts(long scan, long ok, long errors, long moved, long deleted, double audioSeconds, long touched, long retagged,
                             long otherSettings, long modelsOnly) {
        public long analysed() {
            return ok + errors;
        }

        public boolean nothing() {
            return ok + errors + moved + deleted + touched + retagged + modelsOnly == 0;
        }
    }

    /** The current view: tracks, errors among them, ok tracks analysed by an older feature set. */
    public record LibraryCounts(long tracks, long errors, long outdated) {}

    /** What the counts read of a row. */
    private static final org.apache.avro.Schema COLUMNS = ParquetFiles.only(org.trackflow.schemas.TrackRecord.getClassSchema(),
            java.util.Set.of("status", "change", "duration_s"));

    /** Counts of the committed rows of scan {@code scanId} (all zero when it wrote none). */
    public static ScanCounts scan(Output output, long scanId) throws IOException {
        long[] c = new long[8];
        double[] audio = new double[1];
        for (Output.HistoryFile f : output.historyFiles(scanId)) {
            ParquetFiles.read(output.storage(), f.uri(), org.trackflow.schemas.TrackRecord.class, COLUMNS, r -> {
                if (RowKinds.DELETED.equals(r.getStatus())) {
                    c[3]++;
                } else if (RowKinds.MOVED.equals(r.getChange())) {
                    c[2]++;
                } else if (RowKinds.TOUCHED.equals(r.getChange())) {
                    c[4]++;
                } else if (RowKinds.RETAGGED.equals(r.getChange())) {
                    c[5]++;
                } else if (RowKinds.MODELS.equals(r.getChange())) {
                    c[7]++;
                } else if (RowKinds.ERROR.equals(r.getStatus())) {
                    c[1]++;
                } else {
                    c[0]++;
                    c[6] += RowKinds.SETTINGS.equals(r.getChange()) ? 1 : 0;
                    audio[0] += r.getDurationS() == null ? 0 : r.getDurationS();
                }
            });
        }
        return new ScanCounts(scanId, c[0], c[1], c[2], c[3], audio[0], c[4], c[5], c[6], c[7]);
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
