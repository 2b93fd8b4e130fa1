package org.trackflow.pipeline.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.trackflow.pipeline.playlists.FeatureSpace;
import org.trackflow.pipeline.playlists.PlaylistBuilder;
import org.trackflow.pipeline.playlists.PlaylistOrder;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.schemas.TrackRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code trackflow similar <track>}: an instant mix from a seed song, its nearest neighbours by
 * {@link org.trackflow.pipeline.playlists.Similarity} (timbre model and descriptors, mutual proximity),
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
        LibraryQuery q = LibraryQuery.open(parent);
        int s = q.find(seed);
        double[] distance = new double[q.rows.size()];
        for (int i = 0; i < distance.length; i++) {
            distance[i] = q.similarity.distance(s, i);
        }
        List<Integer> mix = new ArrayList<>();
        mix.add(s);
        IntStream.range(0, q.rows.size()).filter(i -> i != s).boxed()
                .sorted(Comparator.comparingDouble(i -> distance[i])).limit(count).forEach(mix::add);
        double[][] x = mix.stream().map(q.similarity::vector).toArray(double[][]::new);
        List<TrackRecord> tracks = mix.stream().map(q.rows::get).toList();
        List<Integer> order = PlaylistOrder.order(IntStream.range(0, mix.size()).boxed().toList(), x, tracks, x[0]);
        List<TrackRecord> ordered = order.stream().map(tracks::get).toList();
        List<Double> dist = order.stream().map(i -> distance[mix.get(i)]).toList();
        String name = "Similar to " + PlaylistStore.title(q.rows.get(s));
        String file = q.write("similar", new PlaylistBuilder.Playlist("similar", name, ordered, dist, new double[0]));
        System.out.println(name);
        for (int i = 0; i < ordered.size(); i++) {
            System.out.println(LibraryQuery.line(i + 1, ordered.get(i), dist.get(i)));
        }
        System.out.println("Written to " + file);
        return 0;
    }
}
