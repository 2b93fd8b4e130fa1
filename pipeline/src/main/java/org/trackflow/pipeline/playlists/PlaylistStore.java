package org.trackflow.pipeline.playlists;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.hadoop.ParquetWriter;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.OutputLayout;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.schemas.PlaylistEntry;
import org.trackflow.schemas.TrackRecord;

/**
 * Playlists on disk, under {@code <out>/playlists/}: {@code playlists.parquet} (one row per playlist
 * position), {@code m3u/<name>.m3u8} (UTF-8, {@code #EXTINF}, paths relative to the playlist file so the
 * library and output can move together), and {@code state.tsv} (each playlist's centre in raw feature
 * units, for the warm start of the next scan). Each file is written aside and renamed into place.
 */
public final class PlaylistStore {
    private final Storage fs;
    private final String dir;
    private final java.nio.file.Path library;

    public PlaylistStore(OutputLayout layout, java.nio.file.Path library) {
        this.fs = layout.storage();
        this.dir = layout.resolve(OutputLayout.PLAYLISTS);
        this.library = library;
    }

    /** The playlists of the previous scan, or none. */
    public List<PlaylistBuilder.Previous> previous() throws IOException {
        String state = Storage.join(dir, "state.tsv");
        String rows = Storage.join(dir, "playlists.parquet");
        if (!fs.exists(state) || !fs.exists(rows)) {
            return List.of();
        }
        Map<String, Set<String>> members = new HashMap<>();
        ParquetFiles.read(fs, rows, PlaylistEntry.class,
                e -> members.computeIfAbsent(e.getPlaylistId(), k -> new HashSet<>()).add(e.getTrackId()));
        List<PlaylistBuilder.Previous> out = new ArrayList<>();
        try (java.io.InputStream in = fs.open(state)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (f.length == 3 && !line.startsWith("#")) {
                    out.add(new PlaylistBuilder.Previous(f[0], f[1], FeatureSpace.parseCsv(f[2]), members.getOrDefault(f[0], Set.of())));
                }
            }
        }
        return out;
    }

    /** Writes the playlists of a scan: rows, M3U8 files (stale ones removed), state. Returns the M3U8 paths. */
    public List<String> write(List<PlaylistBuilder.Playlist> playlists, long scanId) throws IOException {
        fs.mkdirs(dir);
        String rowsTmp = Storage.join(dir, ".playlists.parquet.tmp");
        try (ParquetWriter<PlaylistEntry> w = ParquetFiles.writer(fs, rowsTmp, PlaylistEntry.getClassSchema(),
                PlaylistEntry.class, Map.of())) {
            for (PlaylistBuilder.Playlist p : playlists) {
                for (int i = 0; i < p.tracks().size(); i++) {
                    TrackRecord t = p.tracks().get(i);
                    w.write(PlaylistEntry.newBuilder().setPlaylistId(p.id()).setName(p.name()).setStation(p.station()).setPosition(i + 1)
                            .setTrackId(t.getTrackId()).setPath(t.getPath()).setDistance(p.distances().get(i))
                            .setScanId(scanId).build());
                }
            }
        }
        fs.rename(rowsTmp, Storage.join(dir, "playlists.parquet"));

        String m3uDir = Storage.join(dir, "m3u");
        fs.mkdirs(m3uDir);
        // a playlist of a station lives in the station's folder: m3u/<station>/<playlist>.m3u8
        Map<String, PlaylistBuilder.Playlist> byFile = new LinkedHashMap<>();
        for (PlaylistBuilder.Playlist p : playlists) {
            byFile.put(m3uName(p.station(), p.name()), p);
        }
        List<String> written = new ArrayList<>();
        Set<String> folders = new HashSet<>();
        for (Map.Entry<String, PlaylistBuilder.Playlist> e : byFile.entrySet()) {
            String file = Storage.join(m3uDir, e.getKey());
            if (e.getValue().station() != null && folders.add(Storage.parent(file))) {
                fs.mkdirs(Storage.parent(file));
            }
            // On a remote file system (s3://...) entries are the library's absolute paths.
            writeText(file, m3u(e.getValue(), localPath(file)));
            written.add(file);
        }
        for (Storage.Entry f : fs.list(m3uDir)) {
            if (f.directory()) {
                boolean empty = true;
                for (Storage.Entry g : fs.list(f.uri())) {
                    if (g.name().endsWith(".m3u8") && !byFile.containsKey(f.name() + "/" + g.name())) {
                        fs.delete(g.uri());
                    } else {
                        empty = false;
                    }
                }
                if (empty) {
                    fs.delete(f.uri());
                }
            } else if (f.name().endsWith(".m3u8") && !byFile.containsKey(f.name())) {
                fs.delete(f.uri());
            }
        }
        StringBuilder state = new StringBuilder("# playlist id\tname\tcentre in raw feature units (FeatureSpace.raw)\n");
        for (PlaylistBuilder.Playlist p : playlists) {
            state.append(p.id()).append('\t').append(p.name()).append('\t').append(FeatureSpace.csv(p.rawCentre())).append('\n');
        }
        writeText(Storage.join(dir, "state.tsv"), state.toString());
        return written;
    }

    /** Writes the stations of a large library (id, name, centre), or removes those of an earlier one. */
    public void writeStations(List<PlaylistBuilder.Station> stations) throws IOException {
        String file = Storage.join(dir, STATIONS);
        if (stations.isEmpty()) {
            if (fs.exists(file)) {
                fs.delete(file);
            }
            return;
        }
        StringBuilder sb = new StringBuilder("# station id\tname\tcentre in raw feature units (FeatureSpace.raw)\n");
        for (PlaylistBuilder.Station s : stations) {
            sb.append(s.id()).append('\t').append(s.name()).append('\t').append(FeatureSpace.csv(s.rawCentre())).append('\n');
        }
        writeText(file, sb.toString());
    }

    /** The stations of the previous scan, or none. */
    public List<PlaylistBuilder.Station> previousStations() throws IOException {
        String file = Storage.join(dir, STATIONS);
        if (!fs.exists(file)) {
            return List.of();
        }
        List<PlaylistBuilder.Station> out = new ArrayList<>();
        try (java.io.InputStream in = fs.open(file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (f.length == 3 && !line.startsWith("#")) {
                    out.add(new PlaylistBuilder.Station(f[0], f[1], FeatureSpace.parseCsv(f[2])));
                }
            }
        }
        return out;
    }

    private static final String STATIONS = "stations.tsv";

    /** An M3U8 playlist whose entries are relative to {@code m3uFile}'s folder (absolute when it is null). */
    public String m3u(PlaylistBuilder.Playlist p, java.nio.file.Path m3uFile) {
        StringBuilder sb = new StringBuilder("#EXTM3U\n#PLAYLIST:").append(p.name()).append('\n');
        java.nio.file.Path from = m3uFile == null ? null : m3uFile.toAbsolutePath().getParent();
        for (TrackRecord t : p.tracks()) {
            long seconds = t.getDurationS() == null ? -1 : Math.round(t.getDurationS());
            sb.append(String.format(Locale.ROOT, "#EXTINF:%d,%s%n", seconds, title(t)));
            java.nio.file.Path target = library.resolve(t.getPath()).toAbsolutePath().normalize();
            sb.append((from == null ? target : from.relativize(target)).toString().replace('\\', '/')).append('\n');
        }
        return sb.toString();
    }

    /** "Artist - Title", or the file name without its extension. */
    public static String title(TrackRecord t) {
        if (t.getTitle() != null && !t.getTitle().isBlank()) {
            String clean = t.getTitle().replaceAll("[\\r\\n]", " ");
            return t.getArtist() != null && !t.getArtist().isBlank() ? t.getArtist().replaceAll("[\\r\\n,]", " ") + " - " + clean : clean;
        }
        String name = t.getPath().substring(t.getPath().lastIndexOf('/') + 1);
        return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    }

    /** A playlist's M3U8 file, relative to {@code playlists/m3u}: in its station's folder, if it has one. */
    static String m3uName(String station, String name) {
        return (station == null ? "" : fileName(station) + "/") + fileName(name) + ".m3u8";
    }

    /** A playlist name as a file name on any common file system. */
    public static String fileName(String name) {
        return name.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "-").trim();
    }

    /** The local file behind a {@code file:} URI, or null for other file systems. */
    public static java.nio.file.Path localPath(String uri) {
        return Storage.localFile(uri);
    }

    private void writeText(String file, String text) throws IOException {
        String tmp = Storage.join(Storage.parent(file), "." + Storage.name(file) + ".tmp");
        try (OutputStream out = fs.create(tmp)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        fs.rename(tmp, file);
    }

    /** The rows of the current view, every column. */
    public static List<TrackRecord> currentRows(CurrentView view) throws IOException {
        List<TrackRecord> rows = new ArrayList<>();
        view.forEach(rows::add);
        return rows;
    }

    /**
     * Columns the playlist stage never reads: the large ones (fingerprint, timbre model, per-frame profile
     * and deviations) are most of a row, and leaving them undecoded keeps a million rows in memory. Only
     * fields with a schema default may be left out.
     */
    static final Set<String> NOT_FOR_PLAYLISTS = Set.of("fingerprint", "timbre_mean", "timbre_cov", "fluctuation_pattern", "mfcc_std", "hpcp_mean",
            "error", "warning", "content_key", "genre", "year", "track_no", "album_artist", "frames", "tuning_hz",
            "spectral_flux_mean", "spectral_centroid_std", "rms_std", "peak_dbfs", "loudness_range_lu", "key_strength",
            "bpm_confidence", "open_key", "channels", "change");
    private static final org.apache.avro.Schema PLAYLIST_COLUMNS = ParquetFiles.without(TrackRecord.getClassSchema(), NOT_FOR_PLAYLISTS);
    /** What {@link Similarity} compares beyond the feature space, which the playlists of a small library need. */
    static final Set<String> SIMILARITY_COLUMNS = Set.of("timbre_mean", "timbre_cov", "fluctuation_pattern");
    private static final org.apache.avro.Schema PLAYLIST_COLUMNS_WITH_TIMBRE = ParquetFiles.without(TrackRecord.getClassSchema(),
            NOT_FOR_PLAYLISTS.stream().filter(c -> !SIMILARITY_COLUMNS.contains(c)).collect(java.util.stream.Collectors.toSet()));

    /** The rows of the current view with the columns the playlist stage reads on a large library. */
    public static List<TrackRecord> playlistRows(CurrentView view) throws IOException {
        return playlistRows(view, false);
    }

    /** The same, with the timbre model and the fluctuation pattern if {@code similarity} (a small library's). */
    public static List<TrackRecord> playlistRows(CurrentView view, boolean similarity) throws IOException {
        List<TrackRecord> rows = new ArrayList<>();
        view.forEach(similarity ? PLAYLIST_COLUMNS_WITH_TIMBRE : PLAYLIST_COLUMNS, rows::add);
        return rows;
    }
}
