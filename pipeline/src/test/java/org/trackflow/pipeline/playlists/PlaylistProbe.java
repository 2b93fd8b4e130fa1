package org.trackflow.pipeline.playlists;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.trackflow.pipeline.state.OutputState;
import org.trackflow.schemas.TrackRecord;

/**
 * Diagnostic, run by hand: silhouette and adjusted Rand index of the clusterings of an output's current
 * view against the first folder of each path (the style, in generated libraries), for k = 2..6, and the
 * playlists trackflow chooses. {@code PlaylistProbe <out> <min size> <max size> [x]} (x: list them).
 */
public final class PlaylistProbe {
    public static void main(String[] args) throws Exception {
        List<TrackRecord> all = PlaylistStore.currentRows(new OutputState(Path.of(args[0]).toUri().toString()));
        {
            List<TrackRecord> rows = all.stream().filter(FeatureSpace::usable).sorted(java.util.Comparator.comparing(TrackRecord::getTrackId)).toList();
            FeatureSpace space = FeatureSpace.fit(rows);
            double[][] x = rows.stream().map(space::vector).toArray(double[][]::new);
            for (int k = 2; k <= 6; k++) {
                int[] a = PlaylistBuilder.kMeansPlusPlus(x, k, 42);
                List<String> truth = rows.stream().map(t -> t.getPath().substring(0, t.getPath().indexOf('/'))).toList();
                List<String> got = java.util.Arrays.stream(a).mapToObj(Integer::toString).toList();
                System.out.printf("k=%d silhouette %.3f ARI %.3f%n", k, Silhouette.of(x, a, k, 42), AdjustedRandIndex.of(truth, got));
            }
        }
        for (long seed = 40; seed < 48; seed++) {
        List<TrackRecord> rows = new ArrayList<>(all);
        for (int k : new int[] {0}) {
            List<PlaylistBuilder.Playlist> lists = PlaylistBuilder.build(rows, List.of(), new PlaylistBuilder.Options(k, Integer.parseInt(args[1]), Integer.parseInt(args[2]), seed));
            List<String> truth = new ArrayList<>();
            List<String> got = new ArrayList<>();
            for (PlaylistBuilder.Playlist p : lists) {
                for (TrackRecord t : p.tracks()) {
                    truth.add(t.getPath().substring(0, t.getPath().indexOf('/')));
                    got.add(p.id());
                }
            }
            for (PlaylistBuilder.Playlist p : args.length > 3 ? lists : List.<PlaylistBuilder.Playlist>of()) {
                java.util.Map<String, Long> styles = p.tracks().stream().collect(java.util.stream.Collectors.groupingBy(
                        t -> t.getPath().substring(0, t.getPath().indexOf('/')), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
                System.out.println("  " + p.name() + " " + styles + (p.tracks().size() < 3 ? " " + p.tracks().stream().map(t -> t.getPath() + "@" + t.getBpm()).toList() : ""));
            }
            System.out.printf("k=%d -> %d playlists, sizes %s, ARI %.3f%n", k, lists.size(),
                    lists.stream().map(p -> p.tracks().size()).toList(), AdjustedRandIndex.of(truth, got));
        }
        }
    }
}
