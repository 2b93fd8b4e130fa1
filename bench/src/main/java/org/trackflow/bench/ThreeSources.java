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


/** The similarity evaluation on every three of the library's sources, each three a library of its own. */
final class ThreeSources {
    private ThreeSources() {}

    /**
     * The design of the held-back set (three very different sources), on every three of the
     * library's sources: each three analysed as a library of its own (the measure and its mutual-proximity
     * statistics fitted on those tracks alone, as a user with only them would get), its same-source share
     * for trackflow's {@code similar} and the mean-MFCC baseline, and the purity of its default playlists and
     * of {@code --playlists 3} (the same tree cut at the true number of sources). A Markdown section: the
     * mean, the lowest and the highest of all threes, and each three.
     */
    static String section(List<TrackRecord> rows, List<String> sources, int k) {
        if (sources.size() < 3) {
            return "";
        }
        List<String[]> lines = new java.util.ArrayList<>();
        double[] sum = new double[5];
        double[] worst = {2, 2, 2, 2, 2};
        double[] best = {-1, -1, -1, -1, -1};
        int threes = 0;
        for (int a = 0; a < sources.size(); a++) {
            for (int b = a + 1; b < sources.size(); b++) {
                for (int c = b + 1; c < sources.size(); c++) {
                    java.util.Set<String> three = java.util.Set.of(sources.get(a), sources.get(b), sources.get(c));
                    List<TrackRecord> sub = rows.stream().filter(r -> three.contains(SimilarityEval.source(r))).toList();
                    int m = sub.size();
                    String[] src = sub.stream().map(SimilarityEval::source).toArray(String[]::new);
                    double random = EvalData.randomShare(src);
                    double[][] z = EvalData.standardisedMfcc(sub);
                    double baseline = EvalData.share(k, m, src, (i, j) -> FeatureSpace.distance(z[i], z[j]), null, null);
                    Similarity sim = Similarity.fit(sub);
                    double similar = EvalData.share(k, m, src, sim::distance, null, null);
                    List<Playlist> lists = PlaylistClustering.build(sub, List.of(), PlaylistOptions.defaults());
                    double purity = EvalData.purity(EvalData.sources(lists));
                    String sizes = EvalData.sizes(lists);
                    // the same tree cut at the true number of sources (--playlists 3): what the cut costs
                    List<Playlist> three3 = PlaylistClustering.build(sub, List.of(), new PlaylistOptions(3, 1, m, 42));
                    double purity3 = EvalData.purity(EvalData.sources(three3));
                    double[] v = {random, baseline, similar, purity, purity3};
                    for (int q = 0; q < v.length; q++) {
                        sum[q] += v[q];
                        worst[q] = Math.min(worst[q], v[q]);
                        best[q] = Math.max(best[q], v[q]);
                    }
                    threes++;
                    lines.add(new String[] {sources.get(a) + ", " + sources.get(b) + ", " + sources.get(c),
                            String.format(Locale.ROOT, "%.3f | %.3f | %.3f | %.3f (%s) | %.3f", random, baseline, similar, purity, sizes, purity3)});
                }
            }
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## Three sources at a time%n%n"
                + "The design of the issue's held-back set (three very different sources, each its own library): all %d threes of "
                + "the sources above, each analysed alone (measure, mutual proximity and playlists fitted on its tracks only); "
                + "`--playlists 3` cuts the same tree at the true number of sources.%n%n"
                + "| of the %d threes | random | mean MFCC (baseline) | trackflow `similar` | playlist purity | purity, `--playlists 3` |%n"
                + "|---|---|---|---|---|---|%n",
                threes, threes));
        String[] label = {"mean", "lowest (of each column)", "highest (of each column)"};
        double[][] rowsOf = {sum, worst, best};
        for (int r = 0; r < 3; r++) {
            double[] v = rowsOf[r];
            double f = r == 0 ? threes : 1;
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", label[r], v[0] / f, v[1] / f, v[2] / f,
                    v[3] / f, v[4] / f));
        }
        md.append(String.format(Locale.ROOT, "%n| three sources | random | baseline | `similar` | purity (sizes) | purity, `--playlists 3` |%n|---|---|---|---|---|---|%n"));
        lines.forEach(l -> md.append("| ").append(l[0]).append(" | ").append(l[1]).append(" |\n"));
        return md.toString();
    }

}
