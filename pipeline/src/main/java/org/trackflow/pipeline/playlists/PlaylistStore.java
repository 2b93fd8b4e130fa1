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
                    String[] c = f[2].split(",");
                    double[] centre = new double[c.length];
                    for (int i = 0; i < c.length; i++) {
                        centre[i] = Double.parseDouble(c[i]);
                    }
                    out.add(new PlaylistBuilder.Previous(f[0], f[1], centre, members.getOrDefault(f[0], Set.of())));
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
                    w.write(PlaylistEntry.newBuilder().setPlaylistId(p.id()).setName(p.name()).setPosition(i + 1)
                            .setTrackId(t.getTrackId()).setPath(t.getPath()).setDistance(p.distances().get(i))
                            .setScanId(scanId).build());
                }
            }
        }
        fs.rename(rowsTmp, Storage.join(dir, "playlists.parquet"));

        String m3uDir = Storage.join(dir, "m3u");
        fs.mkdirs(m3uDir);
        Map<String, PlaylistBuilder.Playlist> byFile = new LinkedHashMap<>();
        for (PlaylistBuilder.Playlist p : playlists) {
            byFile.put(fileName(p.name()) + ".m3u8", p);
        }
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, PlaylistBuilder.Playlist> e : byFile.entrySet()) {
            String file = Storage.join(m3uDir, e.getKey());
            // On a remote file system (s3://...) entries are the library's absolute paths.
            writeText(file, m3u(e.getValue(), localPath(file)));
            written.add(file);
        }
        for (Storage.Entry f : fs.list(m3uDir)) {
            if (f.name().endsWith(".m3u8") && !byFile.containsKey(f.name())) {
                fs.delete(f.uri());
            }
        }
        StringBuilder state = new StringBuilder("# playlist id\tname\tcentre in raw feature units (FeatureSpace.raw)\n");
        for (PlaylistBuilder.Playlist p : playlists) {
            state.append(p.id()).append('\t').append(p.name()).append('\t');
            for (int i = 0; i < p.rawCentre().length; i++) {
                state.append(i > 0 ? "," : "").append(p.rawCentre()[i]);
            }
            state.append('\n');
        }
        writeText(Storage.join(dir, "state.tsv"), state.toString());
        return written;
    }

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

    /** The rows of the current view, for building playlists. */
    public static List<TrackRecord> currentRows(CurrentView view) throws IOException {
        List<TrackRecord> rows = new ArrayList<>();
        view.forEach(rows::add);
        return rows;
    }
}
