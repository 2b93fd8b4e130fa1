package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.trackflow.schemas.TrackRecord;

/**
 * The manifest a scan diffs the library against: the current view, with the committed history it does
 * not hold yet applied in memory (read-only). So the scan source never writes the output: compaction is
 * a step of its own, after a scan's rows are committed, and a scan sees the same files whether it ran or not.
 */
public final class ManifestReader {
    private ManifestReader() {}

    /** What a manifest needs of a row. */
    private record Entry(String path, long size, long mtime, long contentKey, long trackId, byte status, int version, long scan,
                         String audioHash, String settings, String models) {
        static Entry of(TrackRecord r, long scan) {
            return new Entry(r.getPath(), r.getSizeBytes(), r.getMtimeMs(),
                    r.getContentKey() == null ? 0 : ContentKey.parse(r.getContentKey()), CurrentView.id(r),
                    RowKinds.ERROR.equals(r.getStatus()) ? Manifest.ERROR : Manifest.OK, r.getFeaturesVersion(), scan,
                    r.getAudioHash(), RowKinds.OK.equals(r.getStatus()) ? AnalysisSettings.ofRow(r.getAnalysisSettings(), r.getAnalysisMode()) : null,
                    modelKeys(r.getModels()));
        }

        /**
         * The models a row ran: {@code name=sha256} of each, sorted, joined by {@code ;}; one that failed on the
         * track counts too (the same file would fail again: another file, another sha, runs again).
         */
        static String modelKeys(java.util.Map<String, String> models) {
            if (models == null) {
                return "";
            }
            return models.entrySet().stream().map(e -> e.getKey() + "=" + org.trackflow.udfs.model.ModelState.sha256(e.getValue())).sorted()
                    .collect(java.util.stream.Collectors.joining(";"));
        }

        /** A move's, touch's or retag's new file with the analysis (status, feature set, settings) of the row before. */
        Entry movedFrom(Entry old) {
            java.util.TreeSet<String> both = new java.util.TreeSet<>();
            for (String k : (old.models + ";" + models).split(";")) {
                if (!k.isEmpty()) {
                    both.add(k);
                }
            }
            return new Entry(path, size, mtime, contentKey, trackId, old.status, old.version, scan,
                    audioHash != null ? audioHash : old.audioHash, old.settings, String.join(";", both));
        }
    }

    /** What a manifest reads of a row: its file, identity and analysis, none of its features. */
    static final org.apache.avro.Schema COLUMNS = ParquetFiles.only(TrackRecord.getClassSchema(), java.util.Set.of("track_id", "path",
            "size_bytes", "mtime_ms", "status", "scan_id", "change", "content_key", "features_version", "audio_hash", "analysis_settings", "analysis_mode", "models"));

    public static Manifest read(CurrentView view) throws IOException {
        List<Output.HistoryFile> newer = view.unfolded();
        // Per track, the row of the highest scan among the newer files (the first such row, as compaction).
        Map<Long, Entry> latest = new HashMap<>();
        Map<Long, Boolean> gone = new HashMap<>();
        Map<Long, Boolean> moved = new HashMap<>();
        Map<Long, Entry> analysed = new HashMap<>();
        for (Output.HistoryFile f : newer) {
            ParquetFiles.read(view.output().storage(), f.uri(), TrackRecord.class, COLUMNS, r -> {
                Entry e = Entry.of(r, f.scan());
                boolean isMove = RowKinds.carriesFeatures(r.getChange());
                if (!isMove && RowKinds.OK.equals(r.getStatus()) || RowKinds.ERROR.equals(r.getStatus())) {
                    analysed.put(e.trackId(), e);
                }
                Entry before = latest.get(e.trackId());
                if (before == null || f.scan() > before.scan()) {
                    latest.put(e.trackId(), e);
                    gone.put(e.trackId(), RowKinds.DELETED.equals(r.getStatus()));
                    moved.put(e.trackId(), isMove);
                }
            });
        }
        Manifest.Builder b = new Manifest.Builder();
        view.forEach(COLUMNS, r -> {
            Entry e = Entry.of(r, r.getScanId());
            Entry newest = latest.get(e.trackId());
            if (newest == null || r.getScanId() > newest.scan()) {
                add(b, e);
                latest.remove(e.trackId());
            } else if (moved.get(e.trackId()) && !gone.get(e.trackId())) {
                add(b, newest.movedFrom(analysed.getOrDefault(e.trackId(), e)));
                latest.remove(e.trackId());
            }
        });
        for (Entry e : latest.values()) {
            if (!gone.get(e.trackId())) {
                Entry old = analysed.get(e.trackId());
                add(b, moved.get(e.trackId()) && old != null ? e.movedFrom(old) : e);
            }
        }
        return b.build();
    }

    private static void add(Manifest.Builder b, Entry e) {
        b.add(e.path(), e.size(), e.mtime(), e.contentKey(), e.trackId(), e.status(), e.version(), e.audioHash(), e.settings(), e.models());
    }
}
