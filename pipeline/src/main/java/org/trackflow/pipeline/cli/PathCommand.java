package org.trackflow.pipeline.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.schemas.TrackRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code trackflow path <from> <to>}: an M3U8 that walks from one track to another in small, even steps. */
@Command(name = "path", mixinStandardHelpOptions = true,
        description = "Song path: a playlist from one track to another in small, even steps of sound, as M3U8.")
final class PathCommand implements Callable<Integer> {
    @ParentCommand
    TrackflowJob parent;

    @Parameters(index = "0", paramLabel = "FROM", description = "First track (id, path, end or part of a path).")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Last track.")
    String to;

    @Option(names = "-n", description = "Tracks in the path, both ends included (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    int count;

    @Override
    public Integer call() throws Exception {
        if (count < 2) {
            throw new UserError("-n must be at least 2 (the two ends)");
        }
        try (LibraryQuery q = LibraryQuery.open(parent)) {
            TrackRecord fromRow = q.find(from);
            TrackRecord toRow = q.find(to);
            if (fromRow.getTrackId().equals(toRow.getTrackId())) {
                throw new UserError("FROM and TO are the same track: " + fromRow.getPath());
            }
            Neighbours.Mix path = q.neighbours.path(fromRow, toRow, count);
            List<TrackRecord> tracks = path.tracks();
            List<Double> toGoal = path.distances();
            String name = "From " + PlaylistStore.title(fromRow) + " to " + PlaylistStore.title(toRow);
            String file = q.write(q.view.output().pathPlaylist(name), name, tracks);
            System.out.println(name);
            for (int i = 0; i < tracks.size(); i++) {
                System.out.println(LibraryQuery.line(i + 1, tracks.get(i), toGoal.get(i)));
            }
            System.out.printf(Locale.ROOT, "%d tracks, biggest step %.3f (distance to %s shown as d)%n", tracks.size(),
                    path.biggestStep(), PlaylistStore.title(toRow));
            System.out.println("Written to " + file);
        }
        return 0;
    }
}
