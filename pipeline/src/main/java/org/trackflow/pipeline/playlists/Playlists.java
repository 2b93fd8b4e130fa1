package org.trackflow.pipeline.playlists;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.OutputLayout;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.schemas.PlaylistEntry;
import org.trackflow.schemas.TrackRecord;

/**
 * The playlist stage: rebuilds the playlists, their M3U8 files, report.html and, on a large library, the
 * {@link NeighbourIndex} from the current view. It
 * runs after a scan's rows are committed and compacted (never inside the scan): its failure leaves the
 * scan's results as they are, and the next run retries it. {@link #updateIfStale} skips it when nothing it
 * depends on changed since it last ran (on a large library it takes minutes, a rescan that found nothing
 * should not).
 */
public final class Playlists {

    /** A playlist as the summary lists it. */
    public record Listed(String id, String name, String station, int size) {}

    /**
     * What the stage left (URIs): the playlists (null when they were current and not rebuilt), their
     * listing, their M3U8 files, the report, whether the library has an index.
     */
    public record Summary(List<PlaylistBuilder.Playlist> playlists, List<Listed> listed, List<String> m3u, String report,
                          boolean indexed, boolean rebuilt) {}

    /** Bumped when the stage's output changes for the same input, so that an upgrade rebuilds it. */
    static final int STAGE_VERSION = 4; // 3: Ward on the similarity measure below Stations.THRESHOLD; 4: instant mixes' weights
    private static final String BUILT = OutputLayout.PLAYLISTS + "/built.properties";

    private Playlists() {}

    /**
     * The stage, unless its output is current: built from this current view (its scan and file), with the
     * same options, library, duplicates rule and stage version.
     */
    public static Summary updateIfStale(CurrentView view, java.nio.file.Path library, PlaylistBuilder.Options options,
                                        boolean keepDuplicates) throws IOException {
        OutputLayout layout = view.layout();
        String built = layout.resolve(BUILT);
        String report = layout.resolve(OutputLayout.REPORT);
        Storage fs = layout.storage();
        String playlists = layout.resolve(OutputLayout.PLAYLISTS + "/playlists.parquet");
        if (fs.exists(built) && fs.exists(report) && fs.exists(playlists)) {
            String was;
            try (InputStream in = fs.open(built)) {
                was = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (was.equals(key(view, library, options, keepDuplicates))) {
                Map<String, Listed> listed = new LinkedHashMap<>();
                ParquetFiles.read(fs, playlists, PlaylistEntry.class, e -> listed.merge(e.getPlaylistId(),
                        new Listed(e.getPlaylistId(), e.getName(), e.getStation(), 1),
                        (a, b) -> new Listed(a.id(), a.name(), a.station(), a.size() + 1)));
                List<String> m3u = listed.values().stream().map(l -> layout.resolve(OutputLayout.PLAYLISTS + "/m3u/"
                        + PlaylistStore.m3uName(l.station(), l.name()))).toList();
                return new Summary(null, new ArrayList<>(listed.values()), m3u, report, NeighbourIndex.folder(layout) != null
                        && java.nio.file.Files.isDirectory(NeighbourIndex.folder(layout)), false);
            }
        }
        return update(view, library, options, keepDuplicates);
    }

    /** What the stage's output depends on, as one line. */
    private static String key(CurrentView view, java.nio.file.Path library, PlaylistBuilder.Options options, boolean keepDuplicates)
            throws IOException {
        OutputLayout layout = view.layout();
        // an empty library has no current view file yet
        long bytes = layout.storage().exists(layout.currentFile()) ? layout.storage().length(layout.currentFile()) : -1;
        return String.format(java.util.Locale.ROOT, "stage=%d scan=%d view-bytes=%d library=%s options=%s keep-duplicates=%b",
                STAGE_VERSION, view.scanId(), bytes, library.toAbsolutePath().normalize(), options, keepDuplicates);
    }

    public static Summary update(CurrentView view, java.nio.file.Path library, PlaylistBuilder.Options options) throws IOException {
        return update(view, library, options, false);
    }

    /**
     * The rows the playlists are built from (each recording's preferred copy unless {@code keepDuplicates}):
     * without timbre models and fluctuation patterns, which most of a row would be; re-read with them when
     * fewer than {@link Stations#THRESHOLD} are usable, as {@link Ward} then compares them.
     */
    static List<TrackRecord> rows(CurrentView view, boolean keepDuplicates) throws IOException {
        List<TrackRecord> all = PlaylistStore.playlistRows(view, false);
        List<TrackRecord> rows = keepDuplicates ? all : Duplicates.unique(all);
        if (rows.stream().filter(FeatureSpace::usable).count() < Stations.THRESHOLD) {
            all = PlaylistStore.playlistRows(view, true);
            rows = keepDuplicates ? all : Duplicates.unique(all);
        }
        return rows;
    }

    /** As above; {@code keepDuplicates} puts every copy of a recording in the playlists, not only its preferred one. */
    public static Summary update(CurrentView view, java.nio.file.Path library, PlaylistBuilder.Options options,
                                 boolean keepDuplicates) throws IOException {
        OutputLayout layout = view.layout();
        long scan = view.scanId();
        List<TrackRecord> rows = rows(view, keepDuplicates);
        PlaylistStore store = new PlaylistStore(layout, library);
        PlaylistBuilder.Result built = PlaylistBuilder.build(rows, store.previous(), store.previousStations(), options);
        List<PlaylistBuilder.Playlist> playlists = built.playlists();
        List<String> m3u = store.write(playlists, scan);
        store.writeStations(built.stations());
        String report = layout.resolve(OutputLayout.REPORT);
        String tmp = layout.resolve("." + OutputLayout.REPORT + ".tmp");
        try (OutputStream out = layout.storage().create(tmp)) {
            out.write(Report.html(playlists, rows, scan).getBytes(StandardCharsets.UTF_8));
        }
        layout.storage().rename(tmp, report);
        int usable = (int) rows.stream().filter(FeatureSpace::usable).count();
        boolean indexed = built.space() != null && NeighbourIndex.update(view, built.space(), usable);
        // last: what the output was built from, once all of it is written
        String key = layout.resolve(BUILT);
        String keyTmp = layout.resolve(OutputLayout.PLAYLISTS + "/.built.properties.tmp");
        try (OutputStream out = layout.storage().create(keyTmp)) {
            out.write((key(view, library, options, keepDuplicates) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        layout.storage().rename(keyTmp, key);
        List<Listed> listed = playlists.stream().map(p -> new Listed(p.id(), p.name(), p.station(), p.tracks().size())).toList();
        return new Summary(playlists, listed, m3u, report, indexed, true);
    }
}
