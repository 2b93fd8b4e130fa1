package org.trackflow.pipeline.clustering;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistNames;
import org.trackflow.pipeline.playlists.PlaylistOrder;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * Clusters made playlists, whatever found them: each ordered for listening ({@link PlaylistOrder}, the costly
 * part, independent per playlist), with its tracks' distances to its centre and its centre in raw feature
 * units; those without a name yet named in order after the library's terciles ({@link PlaylistNames}).
 */
public final class Finishing {
    private Finishing() {}

    /** One cluster ordered: its tracks in play order, their distances to its centre, its raw centre. */
    public record Ordered(List<Integer> order, List<Double> distances, double[] rawCentre) {}

    /** The play order of cluster {@code m} (indexes into x and rows). */
    public static Ordered order(List<Integer> m, double[][] x, List<TrackRecord> rows) {
        double[] centre = KMeans.mean(x, m);
        List<Integer> order = PlaylistOrder.order(m, x, rows, centre);
        return new Ordered(order, order.stream().map(i -> FeatureSpace.distance(x[i], centre)).toList(), rawMean(m, rows));
    }

    /**
     * The same where the tracks' raw feature vectors are at hand ({@code raw}, indexes as x) and {@code tags}
     * hold only what the play order reads (tempo, Camelot code, artist, album).
     */
    public static Ordered order(List<Integer> m, double[][] x, double[][] raw, List<TrackRecord> tags) {
        double[] centre = KMeans.mean(x, m);
        List<Integer> order = PlaylistOrder.order(m, x, tags, centre);
        return new Ordered(order, order.stream().map(i -> FeatureSpace.distance(x[i], centre)).toList(), rawMean(m, raw));
    }

    /** The playlists of clusters {@code members}, with their ids, names (null: to be named) and stations. */
    static List<Playlist> finish(List<List<Integer>> members, double[][] x, List<TrackRecord> rows, String[] ids, String[] names,
                                 String[] stations, PlaylistNames.Terciles terciles) {
        int k = members.size();
        List<Ordered> ordered = new ArrayList<>(Collections.nCopies(k, null));
        IntStream.range(0, k).parallel().forEach(c -> ordered.set(c, order(members.get(c), x, rows)));
        return named(ordered, rows, ids, names, stations, terciles);
    }

    /** Ordered clusters as playlists: the ones without a name (null) named in order, each name once. */
    public static List<Playlist> named(List<Ordered> ordered, List<TrackRecord> rows, String[] ids, String[] names, String[] stations,
                                       PlaylistNames.Terciles terciles) {
        Set<String> taken = new HashSet<>();
        for (String name : names) {
            if (name != null) {
                taken.add(name);
            }
        }
        List<Playlist> out = new ArrayList<>();
        for (int c = 0; c < ordered.size(); c++) {
            List<TrackRecord> tracks = ordered.get(c).order().stream().map(rows::get).toList();
            String name = names[c] != null ? names[c] : PlaylistNames.name(tracks, terciles, taken);
            out.add(new Playlist(ids[c], name, stations[c], tracks, ordered.get(c).distances(), ordered.get(c).rawCentre()));
        }
        return out;
    }

    /** The mean of members' raw feature vectors ({@link FeatureSpace#raw}): a centre that outlives the space's scaling. */
    static double[] rawMean(List<Integer> m, List<TrackRecord> rows) {
        return rawMean(m, i -> FeatureSpace.raw(rows.get(i)));
    }

    private static double[] rawMean(List<Integer> m, double[][] raw) {
        return rawMean(m, i -> raw[i]);
    }

    private static double[] rawMean(List<Integer> m, java.util.function.IntFunction<double[]> raw) {
        double[] c = null;
        for (int i : m) {
            double[] r = raw.apply(i);
            c = c == null ? new double[r.length] : c;
            for (int j = 0; j < c.length; j++) {
                c[j] += r[j] / m.size();
            }
        }
        return c;
    }
}
