package org.trackflow.pipeline.clustering;

import java.util.ArrayList;
import java.util.List;
import org.trackflow.pipeline.playlists.Station;

/**
 * What a {@link Clusterer} found: the clusters (indexes into the library's rows); for each, the index of
 * the previous playlist it continues when a warm start kept them (null when identities are to be matched
 * by shared tracks); the station of each cluster (null entries on a small library); the stations.
 */
record Clusters(List<List<Integer>> members, List<Integer> continues, String[] stationOf, List<Station> stations) {
    /** Flat clusters: no stations. */
    static Clusters flat(List<List<Integer>> members, List<Integer> continues) {
        return new Clusters(members, continues, new String[members.size()], List.of());
    }

    /**
     * The clusters of an assignment of the rows to {@code k}, the empty ones left out, into {@code members};
     * the index each had into {@code owners} (if not null).
     */
    static void group(int[] assignment, int k, List<List<Integer>> members, List<Integer> owners) {
        List<List<Integer>> all = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            all.add(new ArrayList<>());
        }
        for (int i = 0; i < assignment.length; i++) { // one pass: k may be large
            all.get(assignment[i]).add(i);
        }
        for (int c = 0; c < k; c++) {
            if (!all.get(c).isEmpty()) {
                members.add(all.get(c));
                if (owners != null) {
                    owners.add(c);
                }
            }
        }
    }
}
