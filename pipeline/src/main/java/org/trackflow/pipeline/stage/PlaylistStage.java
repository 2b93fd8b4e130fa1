package org.trackflow.pipeline.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.pipeline.clustering.PlaylistClustering;
import org.trackflow.pipeline.clustering.StationClusterer;
import org.trackflow.pipeline.duplicates.Duplicates;
import org.trackflow.pipeline.neighbours.IndexBuilder;
import org.trackflow.pipeline.neighbours.NeighbourIndex;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.pipeline.playlists.Station;
import org.trackflow.pipeline.report.Report;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.PlaylistEntry;
import org.trackflow.schemas.TrackRecord;

/**
 * The playlist stage: rebuilds the playlists, their M3U8 files, report.html and, on a large library, the
 * {@link NeighbourIndex} from the current view, after a scan's rows are committed and folded. {@link #updateIfStale}
 * skips it when nothing it depends on changed since it last ran (on a large library it takes minutes, a
 * rescan that found nothing should not).
 */
public final class PlaylistStage {

    /** A playlist as the summary lists it. */
    public record Listed(String id, String name, String station, int size) {}

    /**
     * What the stage left (locations): the playlists (null when they were current and not rebuilt), their
     * listing, their M3U8 files, the report, whether the library has an index.
     */
    public record Summary(List<Playlist> playlists, List<Listed> listed, List<String> m3u, String report, boolean indexed,
                          boolean rebuilt) {}

    /** Bumped when the stage's output changes for the same input, so that an upgrade rebuilds it. */
    // 3: Ward on the similarity measure below the stations' threshold; 4: instant mixes' weights; 5: the report's map
    // from the similarity measure, the index's searchable words
    static final int STAGE_VERSION = 5;

    private PlaylistStage() {}

    /**
     * The stage, unless its output is current: built from this current view (its scan and file), with the
     * same options, library, duplicates rule and stage version.
     */
    public static Summary updateIfStale(CurrentView view, Path library, PlaylistOptions options, boolean keepDuplicates)
            throws IOException {
        Output output = view.output();
        Storage fs = output.storage();
        if (fs.exists(output.playlistsBuilt()) && fs.exists(output.report()) && fs.exists(output.playlistRows())
                && fs.readText(output.playlistsBuilt()).trim().equals(key(view, library, options, keepDuplicates))) {
            List<Listed> listed = listed(output);
            List<String> m3u = listed.stream().map(l -> output.m3uFile(l.station(), l.name())).toList();
            Path index = output.index();
            return new Summary(null, listed, m3u, output.report(), index != null && java.nio.file.Files.isDirectory(index), false);
        }
        return update(view, library, options, keepDuplicates);
    }

    /** The playlists the output holds, in their order, each with its size; none when it has none. */
    public static List<Listed> listed(Output output) throws IOException {
        Map<String, Listed> listed = new LinkedHashMap<>();
        if (output.storage().exists(output.playlistRows())) {
            ParquetFiles.read(output.storage(), output.playlistRows(), PlaylistEntry.class, e -> listed.merge(e.getPlaylistId(),
                    new Listed(e.getPlaylistId(), e.getName(), e.getStation(), 1),
                    (a, b) -> new Listed(a.id(), a.name(), a.station(), a.size() + 1)));
        }
        return new ArrayList<>(listed.values());
    }

    /** Whether the playlists, report and index are those of this view and these settings. */
    static boolean current(CurrentView view, AfterScan.Settings settings) throws IOException {
        Output output = view.output();
        Storage fs = output.storage();
        return fs.exists(output.playlistsBuilt()) && fs.exists(output.report()) && fs.exists(output.playlistRows())
                && fs.readText(output.playlistsBuilt()).trim().equals(key(view, settings.libraryPath(), settings.playlists(),
                settings.keepDuplicates()));
    }

    /** What the stage's output depends on, as one line. */
    private static String key(CurrentView view, Path library, PlaylistOptions options, boolean keepDuplicates) throws IOException {
        Output output = view.output();
        // an empty library has no current view file yet
        long bytes = output.storage().exists(output.currentFile()) ? output.storage().length(output.currentFile()) : -1;
        return String.format(Locale.ROOT, "stage=%d scan=%d view-bytes=%d library=%s options=%s keep-duplicates=%b",
                STAGE_VERSION, view.scanId(), bytes, library.toAbsolutePath().normalize(), options.key(), keepDuplicates);
    }

    /**
     * Columns the playlist stage never reads: the large ones (fingerprint, timbre model, per-frame profile
     * and deviations) are most of a row, and leaving them undecoded keeps a million rows in memory. Only
     * fields with a schema default may be left out.
     */
    static final Set<String> NOT_FOR_PLAYLISTS = Set.of("fingerprint", "timbre_mean", "timbre_cov", "fluctuation_pattern", "mfcc_std",
            "hpcp_mean", "error", "warning", "content_key", "genre", "year", "track_no", "album_artist", "frames", "tuning_hz",
            "spectral_flux_mean", "spectral_centroid_std", "rms_std", "peak_dbfs", "loudness_range_lu", "key_strength",
            "bpm_confidence", "open_key", "channels", "change");
    private static final Schema PLAYLIST_COLUMNS = ParquetFiles.without(TrackRecord.getClassSchema(), NOT_FOR_PLAYLISTS);
    /** What the similarity compares beyond the feature space, which the playlists of a small library need. */
    static final Set<String> SIMILARITY_COLUMNS = Set.of("timbre_mean", "timbre_cov", "fluctuation_pattern");
    private static final Schema PLAYLIST_COLUMNS_WITH_TIMBRE = ParquetFiles.without(TrackRecord.getClassSchema(),
            NOT_FOR_PLAYLISTS.stream().filter(c -> !SIMILARITY_COLUMNS.contains(c)).collect(Collectors.toSet()));

    /**
     * The rows the playlists are built from (each recording's preferred copy unless {@code keepDuplicates}),
     * with the columns the stage reads on a large library; re-read with the timbre models and fluctuation
     * patterns when fewer than {@link StationClusterer#THRESHOLD} are usable, as the clustering then compares them.
     */
    public static List<TrackRecord> rows(CurrentView view, boolean keepDuplicates) throws IOException {
        List<TrackRecord> all = view.rows(PLAYLIST_COLUMNS);
        List<TrackRecord> rows = keepDuplicates ? all : Duplicates.unique(all);
        if (rows.stream().filter(FeatureSpace::usable).count() < StationClusterer.THRESHOLD) {
            all = view.rows(PLAYLIST_COLUMNS_WITH_TIMBRE);
            rows = keepDuplicates ? all : Duplicates.unique(all);
        }
        return rows;
    }

    /**
     * {@code sample} with what the similarity compares beyond the feature space: as it is when its rows carry it
     * (a small library's), else re-read from the view (one pass over those columns, keeping the sample's rows).
     */
    static List<TrackRecord> withSimilarityColumns(CurrentView view, List<TrackRecord> sample) {
        if (sample.stream().anyMatch(r -> r.getTimbreMean() != null || r.getFluctuationPattern() != null)) {
            return sample;
        }
        java.util.Map<String, TrackRecord> full = new java.util.HashMap<>();
        for (TrackRecord r : sample) {
            full.put(r.getTrackId(), null);
        }
        try {
            view.forEach(PLAYLIST_COLUMNS_WITH_TIMBRE, r -> {
                if (full.containsKey(r.getTrackId())) {
                    full.put(r.getTrackId(), r);
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sample.stream().map(r -> full.get(r.getTrackId()) != null ? full.get(r.getTrackId()) : r).toList();
    }

    /** The stage, without the staleness check; {@code keepDuplicates} puts every copy of a recording in. */
    public static Summary update(CurrentView view, Path library, PlaylistOptions options, boolean keepDuplicates) throws IOException {
        AfterScan.Settings settings = new AfterScan.Settings(library.toString(), options, keepDuplicates);
        List<TrackRecord> rows = rows(view, keepDuplicates);
        int usable = (int) rows.stream().filter(FeatureSpace::usable).count();
        if (LibraryRebuild.applies(usable, options)) {
            return LibraryRebuild.inProcess(view, settings);
        }
        PlaylistStore store = new PlaylistStore(view.output(), library);
        PlaylistClustering.Result built = PlaylistClustering.build(rows, store.previous(), store.previousStations(), options);
        boolean indexed = built.space() != null && IndexBuilder.update(view, built.space(), usable);
        return written(view, settings, rows, built.playlists(), built.stations(), indexed);
    }

    /** Writes what the stage made: playlists, M3U8, stations, report, and last what they were built from. */
    static Summary written(CurrentView view, AfterScan.Settings settings, List<TrackRecord> rows, List<Playlist> playlists,
                           List<Station> stations, boolean indexed) throws IOException {
        Output output = view.output();
        long scan = view.scanId();
        PlaylistStore store = new PlaylistStore(output, settings.libraryPath());
        List<String> m3u = store.write(playlists, scan);
        store.writeStations(stations);
        Report.Built report = Report.build(playlists, rows, scan, sample -> withSimilarityColumns(view, sample));
        output.storage().writeAtomically(output.report(), report.html());
        output.storage().writeAtomically(output.mapData(), report.mapJson());
        // last: what the output was built from, once all of it is written
        output.storage().writeAtomically(output.playlistsBuilt(),
                key(view, settings.libraryPath(), settings.playlists(), settings.keepDuplicates()) + "\n");
        List<Listed> listed = playlists.stream().map(p -> new Listed(p.id(), p.name(), p.station(), p.tracks().size())).toList();
        return new Summary(playlists, listed, m3u, output.report(), indexed, true);
    }
}
