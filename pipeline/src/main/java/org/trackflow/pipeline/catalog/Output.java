package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output folder, the manifest of record, and the one place its layout is spelled: every reader and
 * writer asks this class where a thing is.
 * <pre>
 *   tracks/scan-NNNNNN/*.parquet   history, append-only: every row each scan committed
 *   current/tracks.parquet         the current view: the latest row of every track that exists
 *   playlists/                     playlists.parquet, state.tsv, stations.tsv, built.properties, m3u/ (the
 *                                  playlists), similar/, paths/, duplicates/, saved/ (queries' M3U8)
 *   report.html                    the report
 *   index/                         the neighbour index of a large library (local outputs); .index-parts/ its
 *                                  parts while the stage builds them
 *   after-scan.properties          what the after-scan stage last made, from which view
 *   library.properties             the library the output was made from
 *   .trackflow.lock                the run lock (local outputs)
 *   _flink/checkpoints/            the job's checkpoints, unless Flink's configuration names a place
 * </pre>
 * In-progress and pending part files, and files being written aside (names starting with {@code .} or
 * {@code _}), are never listed.
 */
public final class Output {
    private static final String TRACKS = "tracks";
    private static final String CURRENT = "current";
    private static final String CURRENT_FILE = "tracks.parquet";
    private static final String PLAYLISTS = "playlists";
    private static final String REPORT = "report.html";
    private static final String MAP = "map.json";
    private static final String INDEX = "index";
    private static final String AFTER_SCAN = "after-scan.properties";
    private static final String LIBRARY = "library.properties";
    private static final String LOCK = ".trackflow.lock";
    private static final String CHECKPOINTS = "_flink/checkpoints";
    private static final Pattern SCAN_DIR = Pattern.compile("scan-(\\d+)");

    private final Storage storage;
    private final String root;

    public Output(Storage storage, String rootUri) {
        this.storage = storage;
        this.root = rootUri.replaceAll("/+$", "");
    }

    public Storage storage() {
        return storage;
    }

    /** The output folder's location. */
    public String root() {
        return root;
    }

    private String at(String relative) {
        return Storage.join(root, relative);
    }

    /** The output folder on the local file system, or null for a remote one. */
    public Path localRoot() {
        return Storage.localFile(root);
    }

    /** The folder of the history, {@code tracks/}. */
    public String history() {
        return at(TRACKS);
    }

    /** How the history's part files are named: {@code tracks-<…>.parquet}. */
    public static String historyFilePrefix() {
        return TRACKS;
    }

    /** Bucket (folder under the history) of a scan's rows. */
    public static String scanBucket(long scanId) {
        return String.format("scan-%06d", scanId);
    }

    /** The folder of the current view. */
    public String currentFolder() {
        return at(CURRENT);
    }

    /** The current view's file. */
    public String currentFile() {
        return at(CURRENT + "/" + CURRENT_FILE);
    }

    /** The folder of the playlists. */
    public String playlists() {
        return at(PLAYLISTS);
    }

    /** One row per playlist position. */
    public String playlistRows() {
        return at(PLAYLISTS + "/playlists.parquet");
    }

    /** Each playlist's centre, for the warm start of the next scan. */
    public String playlistState() {
        return at(PLAYLISTS + "/state.tsv");
    }

    /** The stations of a large library. */
    public String stations() {
        return at(PLAYLISTS + "/stations.tsv");
    }

    /** What the playlists were last built from. */
    public String playlistsBuilt() {
        return at(PLAYLISTS + "/built.properties");
    }

    /** The folder of the playlists' M3U8 files. */
    public String m3uFolder() {
        return at(PLAYLISTS + "/m3u");
    }

    /** A playlist's M3U8 file, relative to {@link #m3uFolder}: in its station's folder, if it has one. */
    public static String m3uName(String station, String name) {
        return (station == null ? "" : fileName(station) + "/") + fileName(name) + ".m3u8";
    }

    /** A playlist's M3U8 file. */
    public String m3uFile(String station, String name) {
        return Storage.join(m3uFolder(), m3uName(station, name));
    }

    /** Where a query writes its playlists: an instant mix. */
    public String similarPlaylist(String name) {
        return at(PLAYLISTS + "/similar/" + fileName(name) + ".m3u8");
    }

    /** A song path. */
    public String pathPlaylist(String name) {
        return at(PLAYLISTS + "/paths/" + fileName(name) + ".m3u8");
    }

    /** The redundant copies of recordings, for review. */
    public String duplicatesPlaylist() {
        return at(PLAYLISTS + "/duplicates/redundant copies.m3u8");
    }

    /** The folder of playlists saved from the web page. */
    public String savedPlaylists() {
        return at(PLAYLISTS + "/saved");
    }

    /** A playlist saved from the web page: {@link #fileName} keeps it inside {@link #savedPlaylists}. */
    public String savedPlaylist(String name) {
        return Storage.join(savedPlaylists(), fileName(name) + ".m3u8");
    }

    /** A name as a file name on any common file system. */
    public static String fileName(String name) {
        return name.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "-").trim();
    }

    public String report() {
        return at(REPORT);
    }

    /** What {@code --write-tags} did to each file it considered, last time (tab-separated). */
    public String tagsReport() {
        return at("tags-written.tsv");
    }

    /** The scan {@code --write-tags} last wrote the tags of (the next write takes the tracks analysed after it). */
    public String tagsWritten() {
        return at(".tags-written-through");
    }

    /** The library's map (the report's, with track ids) as JSON, for the served page. */
    public String mapData() {
        return at(MAP);
    }

    /** The neighbour index's folder, or null when the output is not on the local file system (Lucene's own file access). */
    public Path index() {
        Path local = localRoot();
        return local == null ? null : local.resolve(INDEX);
    }

    /** Where the parts of a new neighbour index are built before they join it (local outputs), or null. */
    public Path indexParts() {
        Path local = localRoot();
        return local == null ? null : local.resolve("." + INDEX + "-parts");
    }

    /** What the after-scan stage last made, and from which current view. */
    public String afterScan() {
        return at(AFTER_SCAN);
    }

    /** The library the output was made from. */
    public String library() {
        return at(LIBRARY);
    }

    /** The run lock of a local output, or null. */
    public Path lock() {
        Path local = localRoot();
        return local == null ? null : local.resolve(LOCK);
    }

    /** Where the job's checkpoints go unless Flink's configuration names a place. */
    public String checkpoints() {
        return at(CHECKPOINTS);
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
        for (Storage.Entry e : storage.list(history())) {
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
        for (Storage.Entry e : storage.list(Storage.join(history(), scanBucket(scan)))) {
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
