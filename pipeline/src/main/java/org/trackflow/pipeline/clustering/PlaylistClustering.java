package org.trackflow.pipeline.clustering;

import java.util.Comparator;
import java.util.List;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistNames;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.playlists.PreviousPlaylist;
import org.trackflow.pipeline.playlists.Station;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * Cuts the current library into playlists: picks the {@link Clusterer} for its size and options, keeps the
 * previous playlists' identities ({@link Identities}) and finishes the clusters into ordered, named playlists
 * ({@link Finishing}).
 */
public final class PlaylistClustering {
    /** The playlists, the stations they are grouped in (none on a small library), the space they were cut in. */
    public record Result(List<Playlist> playlists, List<Station> stations, FeatureSpace space) {}

    private PlaylistClustering() {}

    /** The clusterer for {@code n} usable tracks: stations from {@value StationClusterer#THRESHOLD} on. */
    static Clusterer of(int n, PlaylistOptions options) {
        if (n < StationClusterer.THRESHOLD) {
            return new WardClusterer();
        }
        return options.playlists() == 0 ? new StationClusterer() : new KMeansClusterer();
    }

    public static List<Playlist> build(List<TrackRecord> library, List<PreviousPlaylist> previous, PlaylistOptions options) {
        return build(library, previous, List.of(), options).playlists();
    }

    /** The playlists of a library's usable rows, the previous scan's playlists and stations known. */
    public static Result build(List<TrackRecord> library, List<PreviousPlaylist> previous, List<Station> previousStations,
                               PlaylistOptions options) {
        // A fixed order (by track id): the result must not depend on the order files were read in.
        List<TrackRecord> rows = library.stream().filter(FeatureSpace::usable).sorted(Comparator.comparing(TrackRecord::getTrackId)).toList();
        if (rows.isEmpty()) {
            return new Result(List.of(), List.of(), null);
        }
        FeatureSpace space = FeatureSpace.fit(rows);
        double[][] x = rows.parallelStream().map(space::vector).toArray(double[][]::new);
        Clusterer.Library lib = new Clusterer.Library(rows, x, space, previous, previousStations);
        Clusters clusters = of(rows.size(), options).cluster(lib, options);
        String[][] identity = Identities.of(clusters, rows, previous);
        List<Playlist> playlists = Finishing.finish(clusters.members(), x, rows, identity[0], identity[1], clusters.stationOf(),
                PlaylistNames.Terciles.of(rows));
        return new Result(playlists, clusters.stations(), space);
    }
}
