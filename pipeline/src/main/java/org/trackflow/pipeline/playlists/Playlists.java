package org.trackflow.pipeline.playlists;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.trackflow.pipeline.state.OutputState;
import org.trackflow.schemas.TrackRecord;

/** Rebuilds the playlists, their M3U8 files and report.html from the current view (after each scan). */
public final class Playlists {

    /** What was written. */
    public record Summary(List<PlaylistBuilder.Playlist> playlists, List<Path> m3u, Path report) {}

    private Playlists() {}

    public static Summary update(String outUri, java.nio.file.Path library, PlaylistBuilder.Options options) throws IOException {
        OutputState output = new OutputState(outUri);
        long scan = output.currentScanId();
        List<TrackRecord> rows = PlaylistStore.currentRows(output);
        PlaylistStore store = new PlaylistStore(outUri, library);
        List<PlaylistBuilder.Playlist> playlists = PlaylistBuilder.build(rows, store.previous(), options);
        List<Path> m3u = store.write(playlists, scan);
        Path report = new Path(new Path(outUri), "report.html");
        FileSystem fs = report.getFileSystem();
        Path tmp = new Path(new Path(outUri), ".report.html.tmp");
        try (OutputStream out = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            out.write(Report.html(playlists, rows, scan).getBytes(StandardCharsets.UTF_8));
        }
        fs.rename(tmp, report);
        return new Summary(playlists, m3u, report);
    }
}
