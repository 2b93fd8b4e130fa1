package org.trackflow.pipeline.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LibraryRoot;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.neighbours.NeighbourIndex;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.pipeline.neighbours.TrackText;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.schemas.PlaylistEntry;
import org.trackflow.schemas.TrackRecord;

/**
 * One scan's library as the server answers from it, loaded whole and never changed: its tracks (a small
 * library's rows in memory; a large one's through its neighbour index, which holds every usable row), the
 * neighbours that mixes and paths compare, the playlists and the map. A new scan makes a new one
 * ({@link Snapshots}); requests in flight finish on the one they started with, which is closed after the last
 * ({@link #retain}, {@link #release}).
 */
final class Library implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Library.class);

    /** A playlist: its tracks as ordinals of {@link Tracks} and their distances to the playlist's centre. */
    record Playlist(String id, String name, String station, int[] tracks, float[] distances) {}

    /** Where a track's row is found: a small library's list, or a large one's index documents. */
    interface Tracks {
        int size();

        /** The ordinal of the track with {@code id}, or -1. */
        int ordinal(String id) throws IOException;

        TrackRecord row(int ordinal) throws IOException;

        TrackText.Found search(String words, int offset, int limit) throws IOException;
    }

    final Output output;
    final Path root;
    final long scan;
    /** The stage's record this snapshot was loaded after: a new one means a new snapshot. */
    final String record;
    final Tracks tracks;
    final Neighbours neighbours;
    final List<Playlist> playlists;
    final Map<String, Playlist> playlistById;
    final String mapJson;
    private final AtomicInteger refs = new AtomicInteger(1);

    private Library(Output output, Path root, long scan, String record, Tracks tracks, Neighbours neighbours, List<Playlist> playlists,
                    String mapJson) {
        this.output = output;
        this.root = root;
        this.scan = scan;
        this.record = record;
        this.tracks = tracks;
        this.neighbours = neighbours;
        this.playlists = playlists;
        this.playlistById = new HashMap<>();
        for (Playlist p : playlists) {
            playlistById.put(p.id(), p);
        }
        this.mapJson = mapJson;
    }

    /**
     * The output's library as its after-scan stage last left it, or null when that is not a consistent whole
     * right now (no stage has finished, or a scan was folded in since and its stage has not finished yet: the
     * caller keeps what it has and tries again). {@code root}: the library's folder when it moved (else the
     * one the output records).
     */
    static Library load(Output output, Path root, boolean keepDuplicates) throws IOException {
        String record = AfterScan.recordText(output);
        CurrentView view = new CurrentView(output);
        if (record == null || !view.exists()) {
            return null;
        }
        long scan = view.scanId();
        java.util.Properties stage = AfterScan.parse(record);
        if (!AfterScan.madeFrom(stage, scan)) {
            return null;
        }
        Path library = root != null ? root : LibraryRoot.read(output);
        Tracks tracks;
        Neighbours neighbours;
        Path indexFolder = output.index();
        NeighbourIndex index = NeighbourIndex.open(view);
        try {
            if (index != null) {
                tracks = new IndexTracks(index);
                neighbours = Neighbours.of(index, keepDuplicates);
            } else if (indexFolder != null && Files.isDirectory(indexFolder) && stage.getProperty("error") != null) {
                // this scan's stage failed with an index of another scan left: the library stays as it is served
                // (all of a large library's rows at once would not fit) until a stage succeeds. Without an error, the
                // stage left no index for this scan on purpose: the library shrank below an index's size
                return null;
            } else {
                List<TrackRecord> rows = new ArrayList<>(view.rows());
                rows.sort(Comparator.comparing(TrackRecord::getPath));
                tracks = new RowTracks(rows);
                neighbours = Neighbours.of(rows, keepDuplicates, true); // null when no track has features
            }
            List<Playlist> playlists = playlists(output, tracks);
            String map = output.storage().exists(output.mapData()) ? output.storage().readText(output.mapData()) : "{\"points\":[]}";
            if (view.scanId() != scan) {
                closeQuietly(index);
                return null; // folded again while this was read
            }
            return new Library(output, library, scan, record, tracks, neighbours, playlists, map);
        } catch (IOException | RuntimeException e) {
            closeQuietly(index); // a load that fails half way leaves nothing open
            throw e;
        }
    }

    private static void closeQuietly(NeighbourIndex index) {
        if (index != null) {
            try {
                index.close();
            } catch (IOException e) {
                LOG.warn("Closing an index not put in place", e);
            }
        }
    }

    private static List<Playlist> playlists(Output output, Tracks tracks) throws IOException {
        if (!output.storage().exists(output.playlistRows())) {
            return List.of();
        }
        Map<String, List<PlaylistEntry>> byId = new LinkedHashMap<>();
        ParquetFiles.read(output.storage(), output.playlistRows(), PlaylistEntry.class,
                e -> byId.computeIfAbsent(e.getPlaylistId(), k -> new ArrayList<>()).add(e));
        List<Playlist> out = new ArrayList<>(byId.size());
        for (List<PlaylistEntry> entries : byId.values()) {
            entries.sort(Comparator.comparingInt(PlaylistEntry::getPosition));
            int[] ordinals = new int[entries.size()];
            float[] distances = new float[entries.size()];
            int n = 0;
            for (PlaylistEntry e : entries) {
                int o = tracks.ordinal(e.getTrackId());
                if (o >= 0) { // a track the view no longer holds is left out
                    ordinals[n] = o;
                    distances[n++] = (float) e.getDistance();
                }
            }
            PlaylistEntry first = entries.get(0);
            out.add(new Playlist(first.getPlaylistId(), first.getName(), first.getStation(), java.util.Arrays.copyOf(ordinals, n),
                    java.util.Arrays.copyOf(distances, n)));
        }
        return out;
    }

    /** The tracks of a playlist, in order. */
    List<TrackRecord> rows(Playlist p) throws IOException {
        List<TrackRecord> out = new ArrayList<>(p.tracks().length);
        for (int o : p.tracks()) {
            out.add(tracks.row(o));
        }
        return out;
    }

    /** What mixes and paths compare; a library without a track that has features has none (a 404 then). */
    Neighbours neighbours() {
        if (neighbours == null) {
            throw ApiError.notFound("no analysed track with features in this library");
        }
        return neighbours;
    }

    /** The track with this id, or null. */
    TrackRecord byId(String id) throws IOException {
        int o = tracks.ordinal(id);
        return o < 0 ? null : tracks.row(o);
    }

    /** One more user; false when it is closed already (then take the current snapshot again). */
    boolean retain() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** One user less: the last closes it. */
    void release() {
        if (refs.decrementAndGet() == 0 && neighbours != null) {
            try {
                neighbours.close();
            } catch (IOException e) {
                LOG.warn("Closing the library of scan {}", scan, e);
            }
        }
    }

    @Override
    public void close() {
        release();
    }

    /** A small library: every row in memory, by path. */
    private static final class RowTracks implements Tracks {
        private final List<TrackRecord> rows;
        /** Each row's search words, found once per library rather than at every search. */
        private final List<List<String>> words;
        private final Map<String, Integer> ordinal = new HashMap<>();

        /** {@code rows} in path order. */
        RowTracks(List<TrackRecord> rows) {
            this.rows = rows;
            this.words = TrackText.wordsOf(rows);
            for (int i = 0; i < rows.size(); i++) {
                ordinal.put(rows.get(i).getTrackId(), i);
            }
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public int ordinal(String id) {
            return ordinal.getOrDefault(id, -1);
        }

        @Override
        public TrackRecord row(int o) {
            return rows.get(o);
        }

        @Override
        public TrackText.Found search(String query, int offset, int limit) {
            return TrackText.search(rows, words, query, offset, limit);
        }
    }

    /** A large library: the index's documents (every usable track). */
    private static final class IndexTracks implements Tracks {
        private final NeighbourIndex index;

        IndexTracks(NeighbourIndex index) {
            this.index = index;
        }

        @Override
        public int size() {
            return index.size();
        }

        @Override
        public int ordinal(String id) throws IOException {
            return index.doc(id);
        }

        @Override
        public TrackRecord row(int doc) throws IOException {
            return index.row(doc);
        }

        @Override
        public TrackText.Found search(String words, int offset, int limit) throws IOException {
            return index.search(words, offset, limit);
        }
    }
}
