package org.trackflow.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.trackflow.pipeline.playlists.FeatureSpace;
import org.trackflow.pipeline.playlists.PlaylistBuilder;
import org.trackflow.pipeline.playlists.PlaylistOrder;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.schemas.TrackRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code trackflow similar <track>}: an instant mix from a seed song, its nearest neighbours in the
 * playlists' feature space, ordered as playlists are; printed and written as M3U8.
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
        String out = OutputFolder.uri(parent.out);
        Path library = Path.of(parent.library).toAbsolutePath().normalize();
        CurrentView view = new CurrentView(new FlinkStorage(), out);
        if (!view.layout().storage().exists(view.layout().currentFile())) {
            throw new UserError("no analysed library in " + OutputFolder.display(out, "") + ": run trackflow on it first");
        }
        List<TrackRecord> rows = PlaylistStore.currentRows(view).stream().filter(FeatureSpace::usable).toList();
        TrackRecord s = rows.stream().filter(r -> r.getTrackId().equals(seed) || r.getPath().equals(seed)).findFirst()
                .or(() -> rows.stream().filter(r -> r.getPath().endsWith(seed)).findFirst())
                .or(() -> rows.stream().filter(r -> r.getPath().contains(seed)).min(Comparator.comparing(TrackRecord::getPath)))
                .orElse(null);
        if (s == null) {
            throw new UserError("no analysed track matches '" + seed + "' in " + OutputFolder.display(out, "current"));
        }
        FeatureSpace space = FeatureSpace.fit(rows);
        double[] centre = space.vector(s);
        Map<TrackRecord, Double> distance = new IdentityHashMap<>();
        rows.forEach(r -> distance.put(r, FeatureSpace.distance(space.vector(r), centre)));
        List<TrackRecord> nearest = rows.stream().filter(r -> r != s)
                .sorted(Comparator.comparingDouble(distance::get)).limit(count).toList();
        List<TrackRecord> mix = new ArrayList<>();
        mix.add(s);
        mix.addAll(nearest);
        double[][] x = mix.stream().map(space::vector).toArray(double[][]::new);
        List<Integer> order = PlaylistOrder.order(IntStream.range(0, mix.size()).boxed().toList(), x, mix, centre);
        List<TrackRecord> ordered = order.stream().map(mix::get).toList();
        List<Double> dist = order.stream().map(i -> FeatureSpace.distance(x[i], centre)).toList();
        String name = "Similar to " + PlaylistStore.title(s);
        PlaylistBuilder.Playlist playlist = new PlaylistBuilder.Playlist("similar", name, ordered, dist, new double[0]);
        PlaylistStore store = new PlaylistStore(view.layout(), library);
        String file = view.layout().resolve("playlists/similar/" + PlaylistStore.fileName(name) + ".m3u8");
        try (java.io.OutputStream o = view.layout().storage().create(file)) {
            o.write(store.m3u(playlist, PlaylistStore.localPath(file)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        System.out.println(name);
        for (int i = 0; i < ordered.size(); i++) {
            TrackRecord t = ordered.get(i);
            System.out.printf(Locale.ROOT, "%3d. %-60s %6.1f BPM  %-4s  %5.1f LUFS  d=%.2f%n", i + 1, t.getPath(),
                    t.getBpm(), t.getCamelot() == null ? "" : t.getCamelot(), t.getLoudnessLufs(), dist.get(i));
        }
        System.out.println("Written to " + OutputFolder.display(file, ""));
        return 0;
    }
}
