package org.trackflow.pipeline.clustering;

import java.util.List;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.playlists.PreviousPlaylist;
import org.trackflow.pipeline.playlists.Station;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * One way to cut a library into the clusters that become its playlists: {@link WardClusterer} (small
 * libraries, on the similarity measure), {@link KMeansClusterer} ({@code --playlists K} on a large one),
 * {@link StationClusterer} (large libraries). What follows is shared: {@link Identities}, then
 * {@link Finishing}.
 */
interface Clusterer {
    /**
     * What a clustering starts from: the usable rows (in track id order), their points in the library's
     * fitted space, and the previous scan's playlists and stations.
     */
    record Library(List<TrackRecord> rows, double[][] x, FeatureSpace space, List<PreviousPlaylist> previous,
                   List<Station> previousStations) {
        int size() {
            return rows.size();
        }
    }

    Clusters cluster(Library library, PlaylistOptions options);
}
