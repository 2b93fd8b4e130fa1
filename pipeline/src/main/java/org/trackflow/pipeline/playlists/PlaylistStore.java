package org.trackflow.pipeline.playlists;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.PlaylistEntry;
import org.trackflow.schemas.TrackRecord;

/**
 * Playlists on disk, where {@link Output} says: the rows (one per playlist position), the M3U8 files (UTF-8,
 * {@code #EXTINF}, paths relative to the playlist file so the library and output can move together), the
 * state (each playlist's centre in raw feature units, for the warm start of the next scan) and the stations.
 * Each file is written whole or not at all ({@link Storage#writeAtomically}).
 */
public final class PlaylistStore {
    private final Output output;
    private final Storage fs;
    private final Path library;

    public PlaylistStore(Output output, Path library) {
        this.output = output;
        this.fs = output.storage();
        this.library = library;
    }

    /** The playlists of the previous scan, or none. */
    public List<PreviousPlaylist> previous() throws IOException {
        if (!fs.exists(output.playlistState()) || !fs.exists(output.playlistRows())) {
            return List.of();
        }
        Map<String, Set<String>> members = new HashMap<>();
        ParquetFiles.read(fs, output.playlistRows(), PlaylistEntry.class,
                e -> members.computeIfAbsent(e.getPlaylistId(), k -> new HashSet<>()).add(e.getTrackId()));
        List<PreviousPlaylist> out = new ArrayList<>();
        for (String[] f : tsv(output.playlistState())) {
            out.add(new PreviousPlaylist(f[0], f[1], FeatureSpace.parseCsv(f[2]), members.getOrDefault(f[0], Set.of())));
        }
        return out;
    }

    /** Writes the playlists of a scan: rows, M3U8 files (stale ones removed), state. Returns the M3U8 files. */
    public List<String> write(List<Playlist> playlists, long scanId) throws IOException {
        fs.mkdirs(output.playlists());
        ParquetFiles.writeAtomically(fs, output.playlistRows(), PlaylistEntry.getClassSchema(), PlaylistEntry.class, Map.of(), w -> {
            for (Playlist p : playlists) {
                for (int i = 0; i < p.tracks().size(); i++) {
                    TrackRecord t = p.tracks().get(i);
                    w.write(PlaylistEntry.newBuilder().setPlaylistId(p.id()).setName(p.name()).setStation(p.station()).setPosition(i + 1)
                            .setTrackId(t.getTrackId()).setPath(t.getPath()).setDistance(p.distances().get(i))
                            .setScanId(scanId).build());
                }
            }
        });

        String m3uDir = output.m3uFolder();
        fs.mkdirs(m3uDir);
        // a playlist of a station lives in the station's folder: m3u/<station>/<playlist>.m3u8
        Map<String, Playlist> byFile = new LinkedHashMap<>();
        for (Playlist p : playlists) {
            byFile.put(Output.m3uName(p.station(), p.name()), p);
        }
        List<String> written = new ArrayList<>();
        Set<String> folders = new HashSet<>();
        for (Map.Entry<String, Playlist> e : byFile.entrySet()) {
            String file = Storage.join(m3uDir, e.getKey());
            if (e.getValue().station() != null && folders.add(Storage.parent(file))) {
                fs.mkdirs(Storage.parent(file));
            }
            // On a remote file system (s3://...) entries are the library's absolute paths.
            fs.writeAtomically(file, m3u(e.getValue().name(), e.getValue().tracks(), Storage.localFile(file)));
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
        for (Playlist p : playlists) {
            state.append(p.id()).append('\t').append(p.name()).append('\t').append(FeatureSpace.csv(p.rawCentre())).append('\n');
        }
        fs.writeAtomically(output.playlistState(), state.toString());
        return written;
    }

    /** Writes the stations of a large library (id, name, centre), or removes those of an earlier one. */
    public void writeStations(List<Station> stations) throws IOException {
        String file = output.stations();
        if (stations.isEmpty()) {
            if (fs.exists(file)) {
                fs.delete(file);
            }
            return;
        }
        StringBuilder sb = new StringBuilder("# station id\tname\tcentre in raw feature units (FeatureSpace.raw)\n");
        for (Station s : stations) {
            sb.append(s.id()).append('\t').append(s.name()).append('\t').append(FeatureSpace.csv(s.rawCentre())).append('\n');
        }
        fs.writeAtomically(file, sb.toString());
    }

    /** The stations of the previous scan, or none. */
    public List<Station> previousStations() throws IOException {
        if (!fs.exists(output.stations())) {
            return List.of();
        }
        List<Station> out = new ArrayList<>();
        for (String[] f : tsv(output.stations())) {
            out.add(new Station(f[0], f[1], FeatureSpace.parseCsv(f[2])));
        }
        return out;
    }

    /** The three-field lines of a tab-separated file, comments left out. */
    private List<String[]> tsv(String file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : fs.readText(file).split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 3 && !line.startsWith("#")) {
                out.add(f);
            }
        }
        return out;
    }

    /** Writes an M3U8 of {@code tracks} to {@code file} (a query's playlist), atomically. */
    public void writeM3u(String file, String name, List<TrackRecord> tracks) throws IOException {
        fs.writeAtomically(file, m3u(name, tracks, Storage.localFile(file)));
    }

    /** An M3U8 playlist whose entries are relative to {@code m3uFile}'s folder (absolute when it is null). */
    public String m3u(String name, List<TrackRecord> tracks, Path m3uFile) {
        StringBuilder sb = new StringBuilder("#EXTM3U\n#PLAYLIST:").append(name).append('\n');
        Path from = m3uFile == null ? null : m3uFile.toAbsolutePath().getParent();
        for (TrackRecord t : tracks) {
            long seconds = t.getDurationS() == null ? -1 : Math.round(t.getDurationS());
            sb.append(String.format(Locale.ROOT, "#EXTINF:%d,%s%n", seconds, title(t)));
            Path target = library.resolve(t.getPath()).toAbsolutePath().normalize();
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
}
