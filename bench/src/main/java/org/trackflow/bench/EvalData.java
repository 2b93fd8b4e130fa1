package org.trackflow.bench;

import org.trackflow.pipeline.catalog.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.schemas.TrackRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.trackflow.pipeline.clustering.PlaylistClustering;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.similarity.Similarity;
import org.trackflow.pipeline.similarity.Components;
import org.trackflow.pipeline.similarity.Weights;


/**
 * What the similarity evaluations share: a library's tracks and their sources, the components of the
 * measure as matrices, and the scores (the share of same-source neighbours, a random deal's share, purity).
 */
public final class EvalData {
    private EvalData() {}

    /** The usable tracks of a trackflow output, by path (whose first folder is the source). */
    public static List<TrackRecord> rows(Path out) throws java.io.IOException {
        return new CurrentView(new Output(new LocalStorage(), Storage.location(out))).rows().stream()
                .filter(FeatureSpace::usable).sorted(java.util.Comparator.comparing(TrackRecord::getPath)).toList();
    }

    /** Each component's mutual-proximity distance of all pairs ({@link Similarity#component}), 0 on the diagonal. */
    public static double[][][] components(Similarity sim) {
        int n = sim.size();
        double[][][] c = new double[weights(Weights.DEFAULT).length][n][n];
        for (int m = 0; m < c.length; m++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    c[m][i][j] = sim.component(m, i, j);
                }
            }
        }
        return c;
    }

    /** The weights in component order. */
    public static double[] weights(Weights w) {
        return new double[] {w.of(Components.TIMBRE), w.of(Components.SUMMARIES), w.of(Components.RHYTHM), w.of(Components.TONAL),
                w.of(Components.ENERGY), w.of(Components.FLUCTUATION)};
    }

    /** The expected same-source share of a random neighbour: each track's (own source - 1) / (n - 1), averaged. */
    static double randomShare(String[] src) {
        Map<String, Integer> count = new HashMap<>();
        for (String s : src) {
            count.merge(s, 1, Integer::sum);
        }
        double sum = 0;
        for (String s : src) {
            sum += (count.get(s) - 1.0) / (src.length - 1);
        }
        return sum / src.length;
    }

    /** Each playlist's tracks' sources. */
    static List<List<String>> sources(List<Playlist> lists) {
        return lists.stream().map(p -> p.tracks().stream().map(SimilarityEval::source).toList()).toList();
    }

    /** The playlists' sizes, "36, 25, ...". */
    static String sizes(List<Playlist> lists) {
        return String.join(", ", lists.stream().map(p -> String.valueOf(p.tracks().size())).toList());
    }

    /** The share of each list's majority source, over all tracks of the lists. */
    static double purity(List<List<String>> lists) {
        double pure = 0;
        int placed = 0;
        for (List<String> l : lists) {
            Map<String, Integer> bySource = new HashMap<>();
            l.forEach(s -> bySource.merge(s, 1, Integer::sum));
            pure += bySource.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            placed += l.size();
        }
        return placed > 0 ? pure / placed : 0;
    }

    /** The mean share of each seed's {@code k} nearest among {@code subset} (null: all) that share its source. */
    public static double share(int k, int n, String[] src, DistanceFn d, boolean[] subset, double[] perTrack) {
        if (subset == null) {
            subset = new boolean[n];
            Arrays.fill(subset, true);
        }
        double total = 0;
        int seeds = 0;
        Integer[] order = new Integer[n];
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            if (!subset[i]) {
                continue;
            }
            seeds++;
            for (int j = 0; j < n; j++) {
                dist[j] = j == i || !subset[j] ? Double.POSITIVE_INFINITY : d.apply(i, j);
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(dist[a], dist[b]));
            int same = 0;
            for (int r = 0; r < k; r++) {
                same += src[order[r]].equals(src[i]) ? 1 : 0;
            }
            total += (double) same / k;
            if (perTrack != null) {
                perTrack[i] = (double) same / k;
            }
        }
        return total / seeds;
    }

    static DistanceFn mix(double[][][] c, double[] w) {
        return (i, j) -> {
            double s = 0;
            for (int m = 0; m < w.length; m++) {
                s += w[m] * c[m][i][j];
            }
            return s;
        };
    }

    /** A distance of tracks i and j. */
    public interface DistanceFn {
        double apply(int i, int j);
    }

    static double[][] standardisedMfcc(List<TrackRecord> rows) {
        int d = rows.get(0).getMfccMean().size();
        double[][] x = new double[rows.size()][d];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = rows.get(i).getMfccMean().get(j);
            }
        }
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[j] / x.length;
            }
            double var = 0;
            for (double[] r : x) {
                var += (r[j] - mean) * (r[j] - mean) / x.length;
            }
            double sd = Math.sqrt(var) > 0 ? Math.sqrt(var) : 1;
            for (double[] r : x) {
                r[j] = (r[j] - mean) / sd;
            }
        }
        return x;
    }
}
