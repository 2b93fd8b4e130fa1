package org.trackflow.pipeline.clustering;

import java.util.ArrayList;
import java.util.List;
import org.trackflow.pipeline.playlists.PlaylistOptions;

/**
 * {@code --playlists K} on a large library: k-means in the feature space (no n^2 matrix fits), started from
 * the previous playlists' centres when there were K of them (which keeps their identities), else k-means++.
 * The K clusters are kept as they are: no size rule applies.
 */
final class KMeansClusterer implements Clusterer {
    @Override
    public Clusters cluster(Library lib, PlaylistOptions options) {
        double[][] x = lib.x();
        int k = Math.min(options.playlists(), KMeans.distinct(x));
        boolean warm = lib.previous().size() == k;
        int[] assignment = warm
                ? KMeans.lloyd(x, lib.previous().stream().map(p -> lib.space().scaleRaw(p.rawCentre())).toArray(double[][]::new))
                : KMeans.kMeansPlusPlus(x, k, options.seed());
        List<List<Integer>> members = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        Clusters.group(assignment, k, members, warm ? owners : null);
        return Clusters.flat(members, owners.isEmpty() ? null : owners);
    }
}
