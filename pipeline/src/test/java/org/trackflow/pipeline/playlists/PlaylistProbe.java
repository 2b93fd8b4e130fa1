package org.trackflow.pipeline.playlists;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.trackflow.pipeline.state.OutputState;
import org.trackflow.schemas.TrackRecord;

/** Diagnostic: ARI of the playlists of an output against the first folder of each path. */
public final class PlaylistProbe {
    public static void main(String[] args) throws Exception {
        List<TrackRecord> rows = PlaylistStore.currentRows(new OutputState(Path.of(args[0]).toUri().toString()));
        for (int k : new int[] {0, 4}) {
            List<PlaylistBuilder.Playlist> lists = PlaylistBuilder.build(rows, List.of(), new PlaylistBuilder.Options(k, Integer.parseInt(args[1]), Integer.parseInt(args[2]), 42));
            List<String> truth = new ArrayList<>();
            List<String> got = new ArrayList<>();
            for (PlaylistBuilder.Playlist p : lists) {
                for (TrackRecord t : p.tracks()) {
                    truth.add(t.getPath().substring(0, t.getPath().indexOf('/')));
                    got.add(p.id());
                }
            }
            for (PlaylistBuilder.Playlist p : lists) {
                java.util.Map<String, Long> styles = p.tracks().stream().collect(java.util.stream.Collectors.groupingBy(
                        t -> t.getPath().substring(0, t.getPath().indexOf('/')), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
                System.out.println("  " + p.name() + " " + styles + (p.tracks().size() < 3 ? " " + p.tracks().stream().map(t -> t.getPath() + "@" + t.getBpm()).toList() : ""));
            }
            System.out.printf("k=%d -> %d playlists, sizes %s, ARI %.3f%n", k, lists.size(),
                    lists.stream().map(p -> p.tracks().size()).toList(), AdjustedRandIndex.of(truth, got));
        }
    }
}
