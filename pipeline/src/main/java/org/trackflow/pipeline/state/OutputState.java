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
 * that still exists, as of the scan named in its metadata. {@link #refresh} folds newer history into the
 * current view: streaming, holding in memory only the ids of newer rows (two longs each) and the rows of
 * moved tracks. A run killed half way leaves its committed rows in history; the next refresh picks them up,
 * so nothing is lost and nothing is analysed twice.
 */
public final class OutputState {
    public static final String TRACKS = "tracks";
    public static final String CURRENT = "current";
    public static final String CURRENT_FILE = "tracks.parquet";
    static final String SCAN_ID_KEY = "trackflow.scan_id";
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
        Path f = currentFile();
        if (!fs.exists(f)) {
            return 0;
        }
        try (FSDataInputStream in = fs.open(f);
             ParquetFileReader reader = ParquetFileReader.open(new ParquetInputFile(in, fs.getFileStatus(f).getLen()))) {
            String v = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(SCAN_ID_KEY);
            return v == null ? 0 : Long.parseLong(v);
        }
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
     * Folds history newer than the current view into it and returns the scan id it is now up to date with.
     * Per track the row of the latest scan wins; deleted tracks leave; a moved track keeps its features.
     */
    public long refresh() throws IOException {
        long base = currentScanId();
        long[] newer = Arrays.stream(historyScans()).filter(s -> s > base).toArray();
        if (newer.length == 0) {
            return base;
        }
        // Pass 1: which scan has the last word on each track touched since; keep moved rows.
        Latest latest = new Latest();
        Map<Long, TrackRecord> moved = new HashMap<>();
        for (long scan : newer) {
            forEachHistoryRow(scan, r -> {
                long id = Long.parseUnsignedLong(r.getTrackId(), 16);
                latest.put(id, scan);
                if ("moved".equals(r.getChange())) {
                    moved.put(id, r);
                } else {
                    moved.remove(id);
                }
            });
        }
        latest.seal();
        long upTo = newer[newer.length - 1];
        Path tmp = new Path(new Path(out, CURRENT), "." + CURRENT_FILE + ".tmp");
        try (ParquetWriter<TrackRecord> writer = writer(tmp, upTo)) {
            // Old rows untouched since stay; moved ones take their new place with their old features.
            forEachCurrent(r -> {
                long id = Long.parseUnsignedLong(r.getTrackId(), 16);
                if (!latest.contains(id)) {
                    writer.write(r);
                } else if (moved.containsKey(id)) {
                    writer.write(movedRow(r, moved.remove(id)));
                }
            });
            // Then each touched track's last row, unless it is gone. A move whose old row is itself in newer
            // history (added, then moved, before any refresh) takes the features of that row.
            Map<Long, TrackRecord> analysedBeforeMove = new HashMap<>();
            for (long scan : newer) {
                forEachHistoryRow(scan, r -> {
                    long id = Long.parseUnsignedLong(r.getTrackId(), 16);
                    if (moved.containsKey(id) && !"moved".equals(r.getChange()) && "ok".equals(r.getStatus())) {
                        analysedBeforeMove.put(id, r);
                    }
                    if (latest.take(id, scan) && !"deleted".equals(r.getStatus()) && !"moved".equals(r.getChange())) {
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
        try (ParquetWriter<TrackRecord> writer = writer(tmp, scanId)) {
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

    private void forEachHistoryRow(long scan, RowConsumer consumer) throws IOException {
        Path dir = new Path(new Path(out, TRACKS), scanBucket(scan));
        FileStatus[] files = fs.listStatus(dir);
        if (files == null) {
            return;
        }
        Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        for (FileStatus f : files) {
            String name = f.getPath().getName();
            // in-progress and pending part files are hidden (".part-..."): only committed ones count
            if (!f.isDir() && !name.startsWith(".") && !name.startsWith("_") && name.endsWith(".parquet")) {
                read(f.getPath(), consumer);
            }
        }
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

    private ParquetWriter<TrackRecord> writer(Path file, long scanId) throws IOException {
        return AvroParquetWriter.<TrackRecord>builder(new FlinkOutputFile(fs.create(file, FileSystem.WriteMode.OVERWRITE)))
                .withSchema(TrackRecord.getClassSchema())
                .withDataModel(SpecificData.getForClass(TrackRecord.class))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withExtraMetaData(Map.of(SCAN_ID_KEY, Long.toString(scanId)))
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
            return Arrays.binarySearch(ids, id) >= 0;
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
