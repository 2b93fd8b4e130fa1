package org.trackflow.pipeline.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.trackflow.schemas.TrackRecord;

/**
 * The output folder as the manifest of record. {@code tracks/scan-NNNNNN/} holds every row each scan
 * committed (history, append-only); {@code current/tracks.parquet} holds the latest row of every track
 * that still exists, and names in its metadata the history files it holds. {@link #refresh} folds newer history into the
 * current view: streaming, holding in memory only the ids of newer rows (two longs each) and the rows of
 * moved tracks. A run killed half way leaves its committed rows in history; the next refresh picks them up,
 * so nothing is lost and nothing is analysed twice.
 */
public final class OutputState {
    public static final String TRACKS = "tracks";
    public static final String CURRENT = "current";
    public static final String CURRENT_FILE = "tracks.parquet";
    static final String SCAN_ID_KEY = "trackflow.scan_id";
    /** History files already folded into the current view, one "scan-NNNNNN/name" per line. */
    static final String FOLDED_KEY = "trackflow.folded";
    private static final Pattern SCAN_DIR = Pattern.compile("scan-(\\d+)");

    private final Path out;
    private final FileSystem fs;

    public OutputState(String outUri) throws IOException {
        this.out = new Path(outUri);
        this.fs = out.getFileSystem();
    }

    /** Bucket (folder under tracks/) of a scan's rows. */
    public static String scanBucket(long scanId) {
        return String.format("scan-%06d", scanId);
    }

    private Path currentFile() {
        return new Path(new Path(out, CURRENT), CURRENT_FILE);
    }

    /** Scan id the current view is up to date with (0 when there is none). */
    public long currentScanId() throws IOException {
        return scanId(footer());
    }

    private static long scanId(Map<String, String> footer) {
        String v = footer.get(SCAN_ID_KEY);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** History files the current view already holds. */
    private static java.util.Set<String> folded(Map<String, String> footer) {
        String v = footer.get(FOLDED_KEY);
        return v == null || v.isEmpty() ? new java.util.HashSet<>() : new java.util.HashSet<>(Arrays.asList(v.split("\n")));
    }

    private Map<String, String> footer() throws IOException {
        Path f = currentFile();
        if (!fs.exists(f)) {
            return Map.of();
        }
        try (FSDataInputStream in = fs.open(f);
             ParquetFileReader reader = ParquetFileReader.open(new ParquetInputFile(in, fs.getFileStatus(f).getLen()))) {
            return reader.getFooter().getFileMetaData().getKeyValueMetaData();
        }
    }

    /** A committed history file: its scan and its path relative to tracks/. */
    private record HistoryFile(long scan, String name, Path path) {
        String key() {
            return scanBucket(scan) + "/" + name;
        }
    }

    /** Committed history files (in-progress and pending part files are hidden), by scan then name. */
    private List<HistoryFile> historyFiles() throws IOException {
        List<HistoryFile> out = new ArrayList<>();
        for (long scan : historyScans()) {
            out.addAll(historyFiles(scan));
        }
        return out;
    }

    /** Committed history files of one scan, by name (none when it wrote nothing). */
    private List<HistoryFile> historyFiles(long scan) throws IOException {
        List<HistoryFile> out = new ArrayList<>();
        Path dir = new Path(new Path(this.out, TRACKS), scanBucket(scan));
        FileStatus[] files = fs.exists(dir) ? fs.listStatus(dir) : null;
        if (files != null) {
            for (FileStatus f : files) {
                String name = f.getPath().getName();
                if (!f.isDir() && !name.startsWith(".") && !name.startsWith("_") && name.endsWith(".parquet")) {
                    out.add(new HistoryFile(scan, name, f.getPath()));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(HistoryFile::name));
        return out;
    }

    /** Scan ids that have history folders, ascending. */
    public long[] historyScans() throws IOException {
        Path tracks = new Path(out, TRACKS);
        if (!fs.exists(tracks)) {
            return new long[0];
        }
        List<Long> ids = new ArrayList<>();
        for (FileStatus st : fs.listStatus(tracks)) {
            Matcher m = SCAN_DIR.matcher(st.getPath().getName());
            if (st.isDir() && m.matches()) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        return ids.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The id the next scan takes: one more than any scan seen in the output. */
    public long nextScanId() throws IOException {
        long[] scans = historyScans();
        return Math.max(currentScanId(), scans.length > 0 ? scans[scans.length - 1] : 0) + 1;
    }

    /** Rows of the current view, streamed. */
    public void forEachCurrent(RowConsumer consumer) throws IOException {
        if (fs.exists(currentFile())) {
            read(currentFile(), consumer);
        }
    }

    /** Receives rows. */
    public interface RowConsumer {
        void accept(TrackRecord row) throws IOException;
    }

    /** Rows in the current view: total, errors, analysed by a feature set older than {@code version}. */
    public long[] currentCounts(int version) throws IOException {
        long[] c = new long[3];
        forEachCurrent(r -> {
            c[0]++;
            if ("error".equals(r.getStatus())) {
                c[1]++;
            } else if (r.getFeaturesVersion() < version) {
                c[2]++;
            }
        });
        return c;
    }

    /** What one scan committed to the history: rows by kind, and the audio analysed. */
    public record ScanCounts(long scan, long ok, long errors, long moved, long deleted, double audioSeconds) {}

    /** Counts of the committed rows of scan {@code scanId} (all zero when it wrote none). */
    public ScanCounts scanCounts(long scanId) throws IOException {
        long[] c = new long[4];
        double[] audio = new double[1];
        for (HistoryFile f : historyFiles(scanId)) {
            read(f.path(), r -> {
                if ("deleted".equals(r.getStatus())) {
                    c[3]++;
                } else if ("moved".equals(r.getChange())) {
                    c[2]++;
                } else if ("error".equals(r.getStatus())) {
                    c[1]++;
                } else {
                    c[0]++;
                    audio[0] += r.getDurationS() == null ? 0 : r.getDurationS();
                }
            });
        }
        return new ScanCounts(scanId, c[0], c[1], c[2], c[3], audio[0]);
    }

    /** The manifest of the current view (refresh first). */
    public Manifest manifest() throws IOException {
        Manifest.Builder b = new Manifest.Builder();
        forEachCurrent(r -> b.add(r.getPath(), r.getSizeBytes(), r.getMtimeMs(),
                r.getContentKey() == null ? 0 : ContentKey.parse(r.getContentKey()),
                Long.parseUnsignedLong(r.getTrackId(), 16),
                "error".equals(r.getStatus()) ? Manifest.ERROR : Manifest.OK, r.getFeaturesVersion()));
        return b.build();
    }

    /**
     * Folds every committed history file the current view does not hold yet into it, and returns the scan
     * id it is then up to date with. Files are tracked one by one, since a running watch-mode scan keeps
     * committing files after a refresh has seen its first ones. Per track the row of the highest scan wins;
     * deleted tracks leave; a moved track keeps its features.
     */
    public long refresh() throws IOException {
        Map<String, String> footer = footer();
        java.util.Set<String> folded = folded(footer);
        List<HistoryFile> newer = historyFiles().stream().filter(f -> !folded.contains(f.key())).toList();
        if (newer.isEmpty()) {
            return scanId(footer);
        }
        // Pass 1: which scan has the last word on each track touched by the newer files; keep moved rows.
        Latest latest = new Latest();
        Map<Long, TrackRecord> moved = new HashMap<>();
        for (HistoryFile f : newer) {
            read(f.path(), r -> {
                long id = Long.parseUnsignedLong(r.getTrackId(), 16);
                latest.put(id, f.scan());
                if ("moved".equals(r.getChange())) {
                    moved.put(id, r);
                } else {
                    moved.remove(id);
                }
            });
        }
        latest.seal();
        long upTo = Math.max(scanId(footer), newer.stream().mapToLong(HistoryFile::scan).max().orElse(0));
        Path tmp = new Path(new Path(out, CURRENT), "." + CURRENT_FILE + ".tmp");
        java.util.Set<String> nowFolded = new java.util.TreeSet<>(folded);
        newer.forEach(f -> nowFolded.add(f.key()));
        try (ParquetWriter<TrackRecord> writer = writer(tmp, upTo, String.join("\n", nowFolded))) {
            // Old rows stay unless newer history has a later word on their track (a late file of an older
            // scan does not override a newer row); moved ones take their new place with their features.
            forEachCurrent(r -> {
                long id = Long.parseUnsignedLong(r.getTrackId(), 16);
                if (!latest.contains(id) || r.getScanId() > latest.scan(id)) {
                    writer.write(r);
                    latest.drop(id);
                } else if (moved.containsKey(id)) {
                    writer.write(movedRow(r, moved.remove(id)));
                }
            });
            // Then each touched track's last row, unless it is gone. A move whose old row is itself in newer
            // history (added, then moved, before any refresh) takes the features of that row.
            Map<Long, TrackRecord> analysedBeforeMove = new HashMap<>();
            for (HistoryFile f : newer) {
                read(f.path(), r -> {
                    long id = Long.parseUnsignedLong(r.getTrackId(), 16);
                    if (moved.containsKey(id) && !"moved".equals(r.getChange()) && "ok".equals(r.getStatus())) {
                        analysedBeforeMove.put(id, r);
                    }
                    if (latest.take(id, f.scan()) && !"deleted".equals(r.getStatus()) && !"moved".equals(r.getChange())) {
                        writer.write(r);
                    }
                });
            }
            for (Map.Entry<Long, TrackRecord> m : moved.entrySet()) {
                TrackRecord old = analysedBeforeMove.get(m.getKey());
                writer.write(old != null ? movedRow(old, m.getValue()) : m.getValue());
            }
        }
        fs.rename(tmp, currentFile()); // atomic replace on local and POSIX file systems
        return upTo;
    }

    /** Writes {@code rows} as the current view, up to date with {@code scanId} (tools and benchmarks). */
    public void writeCurrent(Iterable<TrackRecord> rows, long scanId) throws IOException {
        Path tmp = new Path(new Path(out, CURRENT), "." + CURRENT_FILE + ".tmp");
        try (ParquetWriter<TrackRecord> writer = writer(tmp, scanId, "")) {
            for (TrackRecord r : rows) {
                writer.write(r);
            }
        }
        fs.rename(tmp, currentFile());
    }

    /** The old row's features and analysis, the move's identity. */
    static TrackRecord movedRow(TrackRecord old, TrackRecord move) {
        TrackRecord r = TrackRecord.newBuilder(old).build();
        r.setPath(move.getPath());
        r.setSizeBytes(move.getSizeBytes());
        r.setMtimeMs(move.getMtimeMs());
        r.setScanId(move.getScanId());
        r.setChange("moved");
        r.setContentKey(move.getContentKey());
        return r;
    }

    private void read(Path file, RowConsumer consumer) throws IOException {
        long len = fs.getFileStatus(file).getLen();
        try (FSDataInputStream in = fs.open(file);
             ParquetReader<TrackRecord> reader = AvroParquetReader.<TrackRecord>builder(new ParquetInputFile(in, len))
                     .withDataModel(SpecificData.getForClass(TrackRecord.class)).build()) {
            TrackRecord r;
            while ((r = reader.read()) != null) {
                consumer.accept(r);
            }
        }
    }

    private ParquetWriter<TrackRecord> writer(Path file, long scanId, String foldedFiles) throws IOException {
        return AvroParquetWriter.<TrackRecord>builder(new FlinkOutputFile(fs.create(file, FileSystem.WriteMode.OVERWRITE)))
                .withSchema(TrackRecord.getClassSchema())
                .withDataModel(SpecificData.getForClass(TrackRecord.class))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withExtraMetaData(Map.of(SCAN_ID_KEY, Long.toString(scanId), FOLDED_KEY, foldedFiles))
                .build();
    }

    /** Track id -> latest scan, as two sorted primitive arrays (no object per track). */
    private static final class Latest {
        private long[] ids = new long[1024];
        private long[] scans = new long[1024];
        private boolean[] taken;
        private int n;

        void put(long id, long scan) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, 2 * n);
                scans = Arrays.copyOf(scans, 2 * n);
            }
            ids[n] = id;
            scans[n] = scan;
            n++;
        }

        /** Sorts by id, keeping the latest scan of each. */
        void seal() {
            long[][] pairs = new long[n][];
            for (int i = 0; i < n; i++) {
                pairs[i] = new long[] {ids[i], scans[i]};
            }
            Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (k == 0 || pairs[i][0] != ids[k - 1]) {
                    ids[k] = pairs[i][0];
                    scans[k] = pairs[i][1];
                    k++;
                }
            }
            n = k;
            ids = Arrays.copyOf(ids, n);
            scans = Arrays.copyOf(scans, n);
            taken = new boolean[n];
        }

        boolean contains(long id) {
            int i = Arrays.binarySearch(ids, id);
            return i >= 0 && !taken[i];
        }

        long scan(long id) {
            return scans[Arrays.binarySearch(ids, id)];
        }

        /** The current view keeps its own (newer) row of this track: newer history has no word on it. */
        void drop(long id) {
            int i = Arrays.binarySearch(ids, id);
            if (i >= 0) {
                taken[i] = true;
            }
        }

        /** Whether this (id, scan) row is the track's last word, the first time it is asked. */
        boolean take(long id, long scan) {
            int i = Arrays.binarySearch(ids, id);
            if (i < 0 || scans[i] != scan || taken[i]) {
                return false;
            }
            taken[i] = true;
            return true;
        }
    }
}
