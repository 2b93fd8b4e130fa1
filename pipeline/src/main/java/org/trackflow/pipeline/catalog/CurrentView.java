package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.trackflow.schemas.TrackRecord;

/**
 * The current view, {@code current/tracks.parquet}: the latest row of every track that still exists. Its
 * footer names the scan it is up to date with and the history files it holds. {@link #compact} folds newer
 * history into it: streaming, holding in memory only the ids of newer rows (two longs each) and the rows of
 * moved tracks. A run killed half way leaves its committed rows in history; the next compaction picks them
 * up, so nothing is lost and nothing is analysed twice.
 */
public final class CurrentView {
    static final String SCAN_ID_KEY = "trackflow.scan_id";
    /** History files already folded into the current view, one "scan-NNNNNN/name" per line. */
    static final String FOLDED_KEY = "trackflow.folded";

    private final Output output;
    private final Storage storage;

    public CurrentView(Output output) {
        this.output = output;
        this.storage = output.storage();
    }

    public Output output() {
        return output;
    }

    /** Whether the output has a current view yet. */
    public boolean exists() throws IOException {
        return storage.exists(output.currentFile());
    }

    /** Scan id the current view is up to date with (0 when there is none). */
    public long scanId() throws IOException {
        return scanId(footer());
    }

    /** The id the next scan takes: one more than any scan seen in the output. */
    public long nextScanId() throws IOException {
        long[] scans = output.historyScans();
        return Math.max(scanId(), scans.length > 0 ? scans[scans.length - 1] : 0) + 1;
    }

    private static long scanId(Map<String, String> footer) {
        String v = footer.get(SCAN_ID_KEY);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static Set<String> folded(Map<String, String> footer) {
        String v = footer.get(FOLDED_KEY);
        return v == null || v.isEmpty() ? new HashSet<>() : new HashSet<>(Arrays.asList(v.split("\n")));
    }

    private Map<String, String> footer() throws IOException {
        String f = output.currentFile();
        return storage.exists(f) ? ParquetFiles.footer(storage, f) : Map.of();
    }

    /** Rows of the current view, streamed. */
    public void forEach(ParquetFiles.RowConsumer<TrackRecord> consumer) throws IOException {
        forEach(null, consumer);
    }

    /** As above, with only the columns of {@code projection} read ({@link ParquetFiles#read}); null for all. */
    public void forEach(org.apache.avro.Schema projection, ParquetFiles.RowConsumer<TrackRecord> consumer) throws IOException {
        if (storage.exists(output.currentFile())) {
            ParquetFiles.read(storage, output.currentFile(), TrackRecord.class, projection, consumer);
        }
    }

    /** Every row of the current view, every column. */
    public List<TrackRecord> rows() throws IOException {
        List<TrackRecord> rows = new java.util.ArrayList<>();
        forEach(rows::add);
        return rows;
    }

    /** The same, with only the columns of {@code projection} read. */
    public List<TrackRecord> rows(org.apache.avro.Schema projection) throws IOException {
        List<TrackRecord> rows = new java.util.ArrayList<>();
        forEach(projection, rows::add);
        return rows;
    }

    /** Committed history files the current view does not hold yet. */
    public List<Output.HistoryFile> unfolded() throws IOException {
        Set<String> folded = folded(footer());
        return output.historyFiles().stream().filter(f -> !folded.contains(f.key())).toList();
    }

    /**
     * Folds every committed history file the current view does not hold yet into it, and returns the scan
     * id it is then up to date with. Files are tracked one by one, since a running watch-mode scan keeps
     * committing files after a compaction has seen its first ones. Per track the row of the highest scan
     * wins; deleted tracks leave; a moved, touched or retagged track keeps its features.
     */
    public long compact() throws IOException {
        Map<String, String> footer = footer();
        Set<String> folded = folded(footer);
        List<Output.HistoryFile> newer = output.historyFiles().stream().filter(f -> !folded.contains(f.key())).toList();
        if (newer.isEmpty()) {
            return scanId(footer);
        }
        // Pass 1: which scan has the last word on each track touched by the newer files; keep the rows that carry
        // a track's features to its new file (moved, touched, retagged, models), every one since its last analysis:
        // a retag followed by a move before one fold must keep the retag's tags
        LatestScans latest = new LatestScans();
        Map<Long, List<TrackRecord>> moved = new HashMap<>();
        for (Output.HistoryFile f : newer) {
            ParquetFiles.read(storage, f.uri(), TrackRecord.class, r -> {
                long id = id(r);
                latest.put(id, f.scan());
                if (RowKinds.carriesFeatures(r.getChange())) {
                    moved.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(r);
                } else {
                    moved.remove(id);
                }
            });
        }
        latest.seal();
        long upTo = Math.max(scanId(footer), newer.stream().mapToLong(Output.HistoryFile::scan).max().orElse(0));
        Set<String> nowFolded = new TreeSet<>(folded);
        newer.forEach(f -> nowFolded.add(f.key()));
        write(upTo, String.join("\n", nowFolded), writer -> {
            // Old rows stay unless newer history has a later word on their track (a late file of an older
            // scan does not override a newer row); moved ones take their new place with their features.
            forEach(r -> {
                long id = id(r);
                if (!latest.contains(id) || r.getScanId() > latest.scan(id)) {
                    writer.write(r);
                    latest.drop(id);
                    moved.remove(id); // a late file's move is older than this row: it has no word either
                } else if (moved.containsKey(id)) {
                    writer.write(carried(r, moved.remove(id)));
                }
            });
            // Then each touched track's last row, unless it is gone. A move whose old row is itself in newer
            // history (added, then moved, before any compaction) takes the features of that row.
            Map<Long, TrackRecord> analysedBeforeMove = new HashMap<>();
            for (Output.HistoryFile f : newer) {
                ParquetFiles.read(storage, f.uri(), TrackRecord.class, r -> {
                    long id = id(r);
                    if (moved.containsKey(id) && !RowKinds.carriesFeatures(r.getChange()) && RowKinds.OK.equals(r.getStatus())) {
                        analysedBeforeMove.put(id, r);
                    }
                    if (latest.take(id, f.scan()) && !RowKinds.DELETED.equals(r.getStatus())
                            && !RowKinds.carriesFeatures(r.getChange())) {
                        writer.write(r);
                    }
                });
            }
            for (Map.Entry<Long, List<TrackRecord>> m : moved.entrySet()) {
                TrackRecord old = analysedBeforeMove.get(m.getKey());
                List<TrackRecord> rows = m.getValue();
                writer.write(old != null ? carried(old, rows) : rows.get(rows.size() - 1));
            }
        });
        return upTo;
    }

    /**
     * Rewrites the current view with every row passed through {@code update} (what compaction folded
     * stays as it is: the footer is kept), atomically; used by steps that annotate the view, such as
     * duplicate groups.
     */
    public void rewrite(java.util.function.UnaryOperator<TrackRecord> update) throws IOException {
        Map<String, String> footer = footer();
        if (footer.isEmpty()) {
            return;
        }
        write(scanId(footer), footer.getOrDefault(FOLDED_KEY, ""), writer -> forEach(r -> writer.write(update.apply(r))));
    }

    /** Writes {@code rows} as the current view, up to date with {@code scanId} (tools and benchmarks). */
    public void write(Iterable<TrackRecord> rows, long scanId) throws IOException {
        write(scanId, "", writer -> {
            for (TrackRecord r : rows) {
                writer.write(r);
            }
        });
    }

    /** {@code old} with each of {@code moves} applied in scan order ({@link #movedRow}). */
    static TrackRecord carried(TrackRecord old, List<TrackRecord> moves) {
        List<TrackRecord> inOrder = new java.util.ArrayList<>(moves);
        inOrder.sort(java.util.Comparator.comparingLong(TrackRecord::getScanId));
        TrackRecord r = old;
        for (TrackRecord m : inOrder) {
            r = movedRow(r, m);
        }
        return r;
    }

    /**
     * The old row's features and analysis with the file of a move, touch or retag (path, size, time, content
     * key, scan, change); a retag brings its tags, and so does a touch that could read them; models-only rows
     * their models.
     */
    static TrackRecord movedRow(TrackRecord old, TrackRecord move) {
        TrackRecord r = TrackRecord.newBuilder(old).build();
        r.setPath(move.getPath());
        r.setSizeBytes(move.getSizeBytes());
        r.setMtimeMs(move.getMtimeMs());
        r.setScanId(move.getScanId());
        r.setChange(move.getChange());
        r.setContentKey(move.getContentKey());
        if (RowKinds.MODELS.equals(move.getChange())) {
            java.util.Map<String, java.util.List<Float>> vectors = old.getModelVectors() == null ? new java.util.TreeMap<>()
                    : new java.util.TreeMap<>(old.getModelVectors());
            java.util.Map<String, String> models = old.getModels() == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(old.getModels());
            if (move.getModels() != null) {
                for (String name : move.getModels().keySet()) {
                    vectors.remove(name); // a model run again: its new outcome replaces the old one
                }
                models.putAll(move.getModels());
            }
            if (move.getModelVectors() != null) {
                vectors.putAll(move.getModelVectors());
            }
            r.setModels(models.isEmpty() ? null : models);
            r.setModelVectors(vectors.isEmpty() ? null : vectors);
        }
        boolean touchedWithTags = RowKinds.TOUCHED.equals(move.getChange()) && (move.getTitle() != null || move.getArtist() != null
                || move.getAlbum() != null || move.getGenre() != null);
        if (RowKinds.RETAGGED.equals(move.getChange()) || touchedWithTags) {
            r.setTitle(move.getTitle());
            r.setArtist(move.getArtist());
            r.setAlbum(move.getAlbum());
            r.setAlbumArtist(move.getAlbumArtist());
            r.setGenre(move.getGenre());
            r.setYear(move.getYear());
            r.setTrackNo(move.getTrackNo());
        }
        return r;
    }

    static long id(TrackRecord r) {
        return Long.parseUnsignedLong(r.getTrackId(), 16);
    }

    /**
     * Row groups of the current view: the units the neighbour index's parts are read in, side by side (a
     * million rows make about a hundred).
     */
    static final long ROW_GROUP_BYTES = 32L << 20;

    /** Writes the current view, up to date with {@code scanId} and holding {@code foldedFiles}, atomically. */
    private void write(long scanId, String foldedFiles, ParquetFiles.Rows<TrackRecord> rows) throws IOException {
        ParquetFiles.writeAtomically(storage, output.currentFile(), TrackRecord.getClassSchema(), TrackRecord.class,
                Map.of(SCAN_ID_KEY, Long.toString(scanId), FOLDED_KEY, foldedFiles), ROW_GROUP_BYTES, rows);
    }
}
