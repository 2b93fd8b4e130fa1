package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things are in the output folder, the manifest of record: {@code tracks/scan-NNNNNN/*.parquet}
 * (history, append-only: every row each scan committed), {@code current/tracks.parquet} (the current
 * view), {@code playlists/}, {@code report.html}. In-progress and pending part files (names starting with
 * {@code .} or {@code _}) are never listed.
 */
public final class OutputLayout {
    public static final String TRACKS = "tracks";
    public static final String CURRENT = "current";
    public static final String CURRENT_FILE = "tracks.parquet";
    public static final String PLAYLISTS = "playlists";
    public static final String REPORT = "report.html";
    private static final Pattern SCAN_DIR = Pattern.compile("scan-(\\d+)");

    private final Storage storage;
    private final String out;

    public OutputLayout(Storage storage, String outUri) {
        this.storage = storage;
        this.out = outUri.replaceAll("/+$", "");
    }

    public Storage storage() {
        return storage;
    }

    public String root() {
        return out;
    }

    public String resolve(String relative) {
        return Storage.join(out, relative);
    }

    public String currentFile() {
        return resolve(CURRENT + "/" + CURRENT_FILE);
    }

    /** Bucket (folder under tracks/) of a scan's rows. */
    public static String scanBucket(long scanId) {
        return String.format("scan-%06d", scanId);
    }

    /** A committed history file: its scan and its name in the scan's folder. */
    public record HistoryFile(long scan, String name, String uri) {
        /** "scan-NNNNNN/name": how the current view records that it holds the file. */
        public String key() {
            return scanBucket(scan) + "/" + name;
        }
    }

    /** Scan ids that have history folders, ascending. */
    public long[] historyScans() throws IOException {
        List<Long> ids = new ArrayList<>();
        for (Storage.Entry e : storage.list(resolve(TRACKS))) {
            Matcher m = SCAN_DIR.matcher(e.name());
            if (e.directory() && m.matches()) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        return ids.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Committed history files of one scan, by name (none when it wrote nothing). */
    public List<HistoryFile> historyFiles(long scan) throws IOException {
        List<HistoryFile> files = new ArrayList<>();
        for (Storage.Entry e : storage.list(resolve(TRACKS + "/" + scanBucket(scan)))) {
            String name = e.name();
            if (!e.directory() && !name.startsWith(".") && !name.startsWith("_") && name.endsWith(".parquet")) {
                files.add(new HistoryFile(scan, name, e.uri()));
            }
        }
        files.sort(Comparator.comparing(HistoryFile::name));
        return files;
    }

    /** Every committed history file, by scan then name. */
    public List<HistoryFile> historyFiles() throws IOException {
        List<HistoryFile> files = new ArrayList<>();
        for (long scan : historyScans()) {
            files.addAll(historyFiles(scan));
        }
        return files;
    }
}
