package org.trackflow.pipeline.clustering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.trackflow.pipeline.playlists.PreviousPlaylist;
import org.trackflow.schemas.TrackRecord;

/**
 * Which playlist of the previous scan each new cluster is: the one a warm start continued, or else the one
 * it shares most tracks with, so that a rescan keeps ids and names (and the M3U8 files players point at).
 */
public final class Identities {
    private Identities() {}

    /** The clusters' ids and names, {@code [0]} ids and {@code [1]} names (null: a new playlist, named later). */
    static String[][] of(Clusters clusters, List<TrackRecord> rows, List<PreviousPlaylist> previous) {
        int k = clusters.members().size();
        String[] ids = new String[k];
        String[] names = new String[k];
        if (clusters.continues() != null) {
            for (int c = 0; c < k; c++) {
                PreviousPlaylist p = previous.get(clusters.continues().get(c));
                ids[c] = p.id();
                names[c] = p.name();
            }
        } else {
            match(clusters.members(), rows, previous, ids, names);
        }
        return new String[][] {ids, names};
    }

    /**
     * Gives each cluster the id and name of the previous playlist it shares most tracks with (the largest
     * overlaps first), if they share at least half of the smaller of the two; the others get new ids.
     * Linear in the library: each track is looked up once.
     */
    public static void match(List<List<Integer>> members, List<TrackRecord> rows, List<PreviousPlaylist> previous, String[] ids,
                             String[] names) {
        Map<String, Integer> owner = new HashMap<>();
        for (int p = 0; p < previous.size(); p++) {
            for (String t : previous.get(p).trackIds()) {
                owner.putIfAbsent(t, p);
            }
        }
        int next = previous.stream().mapToInt(p -> Integer.parseInt(p.id().substring(3))).max().orElse(0) + 1;
        List<int[]> pairs = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            Map<Integer, Integer> shared = new TreeMap<>();
            for (int i : members.get(c)) {
                Integer p = owner.get(rows.get(i).getTrackId());
                if (p != null) {
                    shared.merge(p, 1, Integer::sum);
                }
            }
            for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
                pairs.add(new int[] {e.getValue(), c, e.getKey()});
            }
        }
        // the largest overlaps first; ties in cluster, then playlist order
        pairs.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0]) : a[1] != b[1] ? Integer.compare(a[1], b[1])
                : Integer.compare(a[2], b[2]));
        Set<Integer> used = new HashSet<>();
        for (int[] pair : pairs) {
            int smaller = Math.min(members.get(pair[1]).size(), previous.get(pair[2]).trackIds().size());
            if (ids[pair[1]] == null && !used.contains(pair[2]) && 2 * pair[0] >= smaller) {
                ids[pair[1]] = previous.get(pair[2]).id();
                names[pair[1]] = previous.get(pair[2]).name();
                used.add(pair[2]);
            }
        }
        for (int c = 0; c < ids.length; c++) {
            if (ids[c] == null) {
                ids[c] = String.format("pl-%03d", next++);
            }
        }
    }
}
