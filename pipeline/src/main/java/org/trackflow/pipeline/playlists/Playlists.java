package org.trackflow.pipeline.playlists;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.OutputLayout;
import org.trackflow.schemas.TrackRecord;

/**
 * The playlist stage: rebuilds the playlists, their M3U8 files, report.html and, on a large library, the
 * {@link NeighbourIndex} from the current view. It
 * runs after a scan's rows are committed and compacted (never inside the scan): its failure leaves the
 * scan's results as they are, and the next run retries it.
 */
public final class Playlists {

    /** What was written (URIs). */
    public record Summary(List<PlaylistBuilder.Playlist> playlists, List<String> m3u, String report, boolean indexed) {}

    private Playlists() {}

    public static Summary update(CurrentView view, java.nio.file.Path library, PlaylistBuilder.Options options) throws IOException {
        return update(view, library, options, false);
    }

    /** As above; {@code keepDuplicates} puts every copy of a recording in the playlists, not only its preferred one. */
    public static Summary update(CurrentView view, java.nio.file.Path library, PlaylistBuilder.Options options,
                                 boolean keepDuplicates) throws IOException {
        OutputLayout layout = view.layout();
        long scan = view.scanId();
        List<TrackRecord> all = PlaylistStore.playlistRows(view);
        List<TrackRecord> rows = keepDuplicates ? all : Duplicates.unique(all);
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
        return new Summary(playlists, m3u, report, indexed);
    }
}
