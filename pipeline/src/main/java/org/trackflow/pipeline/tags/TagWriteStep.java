package org.trackflow.pipeline.tags;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.catalog.RowKinds;
import org.trackflow.schemas.TrackRecord;

/**
 * {@code --write-tags}: after a scan is folded in, BPM, key and ReplayGain written into the files of the
 * tracks analysed since the last write (on the first run with the option, every analysed track), one file
 * at a time ({@link TagWriter}); with {@code dry-run} nothing is written and the report says what would be.
 * The report, one line per file considered ({@link Output#tagsReport}), and the scan written through
 * ({@link Output#tagsWritten}) are in the output. The next scan sees the written files as retagged: their
 * features stay, nothing is decoded.
 */
public final class TagWriteStep {
    private static final Logger LOG = LoggerFactory.getLogger(TagWriteStep.class);
    /** What the step reads of a row. */
    static final org.apache.avro.Schema COLUMNS = ParquetFiles.only(TrackRecord.getClassSchema(), Set.of("track_id", "path",
            "size_bytes", "mtime_ms", "status", "scan_id", "change", "bpm", "key", "scale", "loudness_lufs", "peak_dbfs", "audio_hash"));

    /** How many files each outcome had. */
    public record Report(int written, int wouldWrite, int already, int skipped) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d written, %d would be written, %d already held the values, %d skipped",
                    written, wouldWrite, already, skipped);
        }
    }

    private TagWriteStep() {}

    /** Writes (or lists, {@code dryRun}) the tags of {@code view}'s tracks analysed since the last write. */
    public static Report run(CurrentView view, Path library, boolean dryRun) throws IOException {
        Output output = view.output();
        long since = output.storage().exists(output.tagsWritten()) ? Long.parseLong(output.storage().readText(output.tagsWritten()).strip()) : 0;
        List<TrackRecord> rows = new ArrayList<>();
        view.forEach(COLUMNS, r -> {
            // the first write takes every track; later ones the tracks analysed since
            if (RowKinds.OK.equals(r.getStatus()) && (since == 0 || r.getScanId() > since && !RowKinds.carriesFeatures(r.getChange()))) {
                rows.add(r);
            }
        });
        int[] counts = new int[4];
        StringBuilder tsv = new StringBuilder("path\toutcome\tdetail\n");
        for (TrackRecord r : rows) {
            TagWriter.Result res = TagWriter.write(library.resolve(r.getPath()), r, dryRun);
            counts[res.outcome().ordinal()]++;
            tsv.append(r.getPath()).append('\t').append(res.outcome().name().toLowerCase(Locale.ROOT)).append('\t')
                    .append(res.reason() != null ? res.reason() : describe(res.changes())).append('\n');
        }
        output.storage().writeAtomically(output.tagsReport(), tsv.toString());
        if (!dryRun) {
            output.storage().writeAtomically(output.tagsWritten(), view.scanId() + "\n");
        }
        Report report = new Report(counts[0], counts[1], counts[2], counts[3]);
        LOG.info("Tags of {} tracks{}: {}", rows.size(), dryRun ? " (dry run)" : "", report);
        return report;
    }

    private static String describe(Map<String, String[]> changes) {
        StringBuilder s = new StringBuilder();
        changes.forEach((field, v) -> s.append(s.isEmpty() ? "" : "; ").append(field).append(' ')
                .append(v[0] == null ? "(none)" : v[0]).append(" -> ").append(v[1]));
        return s.toString();
    }
}
