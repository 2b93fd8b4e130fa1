package org.trackflow.pipeline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.schemas.TrackRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code trackflow similar <track>}: an instant mix from a seed song, its nearest neighbours by
 * {@link org.trackflow.pipeline.similarity.Similarity} (timbre model and descriptors, mutual proximity),
 * ordered as playlists are; printed and written as M3U8 whose entries resolve.
 */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Instant mix: the tracks nearest a seed track by sound, ordered for listening, as M3U8.")
final class Similar implements Callable<Integer> {
    @ParentCommand
    TrackflowJob parent;

    @Parameters(paramLabel = "TRACK", description = "Seed: a track id, or a path relative to the library (or its end, or a part of it).")
    String seed;

    @Option(names = "-n", description = "Tracks in the mix besides the seed (default: ${DEFAULT-VALUE}).", defaultValue = "30")
    int count;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new UserError("-n must be at least 1");
        }
        try (LibraryQuery q = LibraryQuery.open(parent)) {
            TrackRecord seedRow = q.find(seed);
            Neighbours.Mix mix = q.neighbours.similar(seedRow, count);
            String name = "Similar to " + PlaylistStore.title(seedRow);
            String file = q.write(q.view.output().similarPlaylist(name), name, mix.tracks());
            print(name, mix.tracks(), mix.distances(), file);
            return 0;
        }
    }

    private static void print(String name, List<TrackRecord> ordered, List<Double> dist, String file) {
        System.out.println(name);
        for (int i = 0; i < ordered.size(); i++) {
            System.out.println(LibraryQuery.line(i + 1, ordered.get(i), dist.get(i)));
        }
        System.out.println("Written to " + file);
    }
}
