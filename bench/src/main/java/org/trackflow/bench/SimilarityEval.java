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
 * How well trackflow's similarity groups what listeners group, on a library whose first folder level is
 * the track's source (one Debian music package each: one composer or one game's soundtrack): for every
 * track, the share of its 5 nearest neighbours from the same source, for trackflow's measures and two
 * baselines (random; Euclidean distance on the standardised {@code mfcc_mean}), and the purity of the
 * playlists (the share of each playlist's majority source); the timbre model's alternatives; and the same
 * on every three sources as a library of its own (the design of issue 14's held-back set). Writes Markdown.
 */
@Command(name = "trackflow-similarity-eval", mixinStandardHelpOptions = true,
        description = "Same-source share of nearest neighbours and playlist purity on a library of several sources.")
public final class SimilarityEval implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "trackflow output folder of the library")
    Path out;

    @Option(names = "--results", description = "Markdown file to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench/results/similarity.md")
    Path results;

    @Option(names = "-k", description = "Neighbours per track (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int k;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimilarityEval()).execute(args));
    }

    static String source(TrackRecord r) {
        return r.getPath().substring(0, r.getPath().indexOf('/'));
    }

    @Override
    public Integer call() throws Exception {
        List<TrackRecord> rows = rows(out);
        int n = rows.size();
        String[] src = rows.stream().map(SimilarityEval::source).toArray(String[]::new);
        Map<String, Integer> perSource = new LinkedHashMap<>();
        for (String s : src) {
            perSource.merge(s, 1, Integer::sum);
        }
        Map<String, Double> share = new LinkedHashMap<>();
        share.put("random (expected)", randomShare(src));
        double[][] z = standardisedMfcc(rows);
        share.put("mean MFCC, standardised, Euclidean (baseline)", topK(n, src, (i, j) -> FeatureSpace.distance(z[i], z[j])));
        FeatureSpace space = FeatureSpace.fit(rows);
        double[][] v = rows.stream().map(space::vector).toArray(double[][]::new);
        share.put("feature space (trackflow 0.1 `similar`)", topK(n, src, (i, j) -> FeatureSpace.distance(v[i], v[j])));
        Similarity sim = Similarity.fit(rows);
        share.put("timbre model, Jensen-Shannon, raw", topK(n, src, (i, j) -> sim.raw(0, i, j)));
        String[] component = {"timbre model", "frame-feature summaries", "rhythm", "tonal", "energy", "fluctuation pattern"};
        double[][][] c = components(sim);
        for (int m = 0; m < component.length; m++) {
            int mm = m;
            share.put(component[m] + " + mutual proximity, alone", topK(n, src, (i, j) -> c[mm][i][j]));
        }
        Weights w = Weights.DEFAULT;
        share.put(String.format(Locale.ROOT, "**trackflow `similar`**: timbre %.2f, summaries %.2f, rhythm %.2f, tonal %.2f, energy %.2f, "
                + "fluctuation %.2f", w.of(Components.TIMBRE), w.of(Components.SUMMARIES), w.of(Components.RHYTHM), w.of(Components.TONAL),
                w.of(Components.ENERGY), w.of(Components.FLUCTUATION)), topK(n, src, sim::distance));
        // Two folds: weights chosen on one half of the tracks (neighbours among that half), scored on the other.
        double heldOut = 0;
        double defaultOnHalves = 0;
        double[] defaults = weights(w);
        StringBuilder chosen = new StringBuilder();
        for (int fold = 0; fold < 2; fold++) {
            int f = fold;
            boolean[] train = new boolean[n];
            for (int i = 0; i < n; i++) {
                train[i] = i % 2 == f;
            }
            double[] best = grid(n, src, c, train);
            boolean[] test = new boolean[n];
            for (int i = 0; i < n; i++) {
                test[i] = !train[i];
            }
            heldOut += topK(n, src, mix(c, best), test) / 2;
            defaultOnHalves += topK(n, src, mix(c, defaults), test) / 2;
            chosen.append(String.format(Locale.ROOT, "%s(%.2f, %.2f, %.2f, %.2f, %.2f, %.2f)", fold > 0 ? " and " : "", best[0], best[1],
                    best[2], best[3], best[4], best[5]));
        }
        share.put("two folds, neighbours among half the tracks: weights chosen on the other half " + chosen, heldOut);
        share.put("two folds, neighbours among half the tracks: trackflow's weights", defaultOnHalves);
        boolean[] everyone = new boolean[n];
        Arrays.fill(everyone, true);
        double[] bestAll = grid(n, src, c, everyone);
        share.put(String.format(Locale.ROOT, "weights chosen on all tracks (%.2f, %.2f, %.2f, %.2f, %.2f, %.2f)", bestAll[0], bestAll[1],
                bestAll[2], bestAll[3], bestAll[4], bestAll[5]), topK(n, src, mix(c, bestAll)));
        List<Playlist> lists = PlaylistClustering.build(rows, List.of(), PlaylistOptions.defaults());
        List<List<String>> sourcesOfLists = sources(lists);
        int placed = sourcesOfLists.stream().mapToInt(List::size).sum();
        double purity = purity(sourcesOfLists);
        String sizes = sizes(lists);
        // baseline: the same tracks dealt at random into playlists of the same sizes
        java.util.Random shuffle = new java.util.Random(7);
        List<String> deck = new java.util.ArrayList<>(sourcesOfLists.stream().flatMap(List::stream).toList());
        double randomPurity = 0;
        int deals = 1000;
        for (int t = 0; t < deals; t++) {
            java.util.Collections.shuffle(deck, shuffle);
            List<List<String>> dealt = new java.util.ArrayList<>();
            int from = 0;
            for (List<String> l : sourcesOfLists) {
                dealt.add(deck.subList(from, from + l.size()));
                from += l.size();
            }
            randomPurity += purity(dealt) / deals;
        }
        // per source: how each fares with trackflow's `similar`
        double[] perTrack = new double[n];
        topK(n, src, sim::distance, null, perTrack);
        StringBuilder bySourceShare = new StringBuilder();
        for (String s : perSource.keySet()) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += src[i].equals(s) ? perTrack[i] : 0;
            }
            bySourceShare.append(bySourceShare.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%s %.2f", s, sum / perSource.get(s)));
        }
        StringBuilder md = new StringBuilder("# Similarity on real music\n\n");
        md.append(String.format(Locale.ROOT, "%d tracks from %d sources (%s); `bench/run-similarity.sh` rebuilds it.%n%n", n,
                perSource.size(), perSource.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .reduce((a, b) -> a + ", " + b).orElse("")));
        md.append(String.format(Locale.ROOT, "| measure | same-source share of the %d nearest |%n|---|---|%n", k));
        share.forEach((name, value) -> md.append(String.format(Locale.ROOT, "| %s | %.3f |%n", name, value)));
        md.append(String.format(Locale.ROOT, "%nPer source, trackflow `similar`: %s.%n", bySourceShare));
        md.append(String.format(Locale.ROOT, "%nPlaylists (defaults, %d tracks): %d, sizes %s; purity (share of each playlist's "
                + "majority source) %.3f; the same tracks dealt at random into playlists of these sizes: %.3f.%n",
                placed, lists.size(), sizes, purity, randomPurity));
        md.append(timbreChoices(rows, src));
        md.append(threeAtATime(rows, perSource.keySet().stream().toList()));
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, md.toString());
        System.out.print(md);
        return 0;
    }

    /**
     * What the timbre model's choices buy: musly's model (all stored coefficients, Jensen-Shannon, mutual
     * proximity) beside fewer coefficients, no 0th coefficient (loudness) and the symmetric KL divergence.
     */
    private String timbreChoices(List<TrackRecord> rows, String[] src) {
        if (rows.stream().anyMatch(r -> r.getTimbreMean() == null || r.getTimbreCov() == null)) {
            return "";
        }
        int n = rows.size();
        int d = TimbreVariants.coefficients(rows);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## The timbre model's choices%n%n"
                + "The timbre model alone; a subset of coefficients is the stored Gaussian restricted to them. trackflow "
                + "uses all coefficients, Jensen-Shannon with mutual proximity.%n%n"
                + "| coefficients | Jensen-Shannon | + mutual proximity | symmetric KL | + mutual proximity |%n|---|---|---|---|---|%n"));
        int[][] ranges = {{0, d}, {0, Math.min(d, 20)}, {0, Math.min(d, 13)}, {1, d}, {1, Math.min(d, 13)}};
        for (int[] r : ranges) {
            TimbreVariants v = new TimbreVariants(rows, r[0], r[1]);
            double[][] js = v.jensenShannon();
            double[][] kl = v.symmetricKl();
            md.append(String.format(Locale.ROOT, "| %d .. %d | %.3f | %.3f | %.3f | %.3f |%n", r[0], r[1] - 1,
                    topK(n, src, (i, j) -> js[i][j]), topK(n, src, matrix(TimbreVariants.mutualProximity(js))),
                    topK(n, src, (i, j) -> kl[i][j]), topK(n, src, matrix(TimbreVariants.mutualProximity(kl)))));
        }
        return md.toString();
    }

    static DistanceFn matrix(double[][] d) {
        return (i, j) -> d[i][j];
    }

    /**
     * The design of the held-back set (three very different sources), on every three of the
     * library's sources: each three analysed as a library of its own (the measure and its mutual-proximity
     * statistics fitted on those tracks alone, as a user with only them would get), its same-source share
     * for trackflow's {@code similar} and the mean-MFCC baseline, and the purity of its default playlists and
     * of {@code --playlists 3} (the same tree cut at the true number of sources). A Markdown section: the
     * mean, the lowest and the highest of all threes, and each three.
     */
    private String threeAtATime(List<TrackRecord> rows, List<String> sources) {
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
                    List<TrackRecord> sub = rows.stream().filter(r -> three.contains(source(r))).toList();
                    int m = sub.size();
                    String[] src = sub.stream().map(SimilarityEval::source).toArray(String[]::new);
                    double random = randomShare(src);
                    double[][] z = standardisedMfcc(sub);
                    double baseline = topK(m, src, (i, j) -> FeatureSpace.distance(z[i], z[j]));
                    Similarity sim = Similarity.fit(sub);
                    double similar = topK(m, src, sim::distance);
                    List<Playlist> lists = PlaylistClustering.build(sub, List.of(), PlaylistOptions.defaults());
                    double purity = purity(sources(lists));
                    String sizes = sizes(lists);
                    // the same tree cut at the true number of sources (--playlists 3): what the cut costs
                    List<Playlist> three3 = PlaylistClustering.build(sub, List.of(), new PlaylistOptions(3, 1, m, 42));
                    double purity3 = purity(sources(three3));
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

    /** The usable tracks of a trackflow output, by path (whose first folder is the source). */
    static List<TrackRecord> rows(Path out) throws java.io.IOException {
        return new CurrentView(new Output(new LocalStorage(), Storage.location(out))).rows().stream()
                .filter(FeatureSpace::usable).sorted(java.util.Comparator.comparing(TrackRecord::getPath)).toList();
    }

    /** Each component's mutual-proximity distance of all pairs ({@link Similarity#component}), 0 on the diagonal. */
    static double[][][] components(Similarity sim) {
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
    static double[] weights(Weights w) {
        return new double[] {w.of(Components.TIMBRE), w.of(Components.SUMMARIES), w.of(Components.RHYTHM), w.of(Components.TONAL),
                w.of(Components.ENERGY), w.of(Components.FLUCTUATION)};
    }

    /** Mean share of each track's k nearest (by {@code d}) that share its source. */
    private double topK(int n, String[] src, DistanceFn d) {
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return topK(n, src, d, all);
    }

    /** The expected same-source share of a random neighbour: each track's (own source - 1) / (n - 1), averaged. */
    private static double randomShare(String[] src) {
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
    private static List<List<String>> sources(List<Playlist> lists) {
        return lists.stream().map(p -> p.tracks().stream().map(SimilarityEval::source).toList()).toList();
    }

    /** The playlists' sizes, "36, 25, ...". */
    private static String sizes(List<Playlist> lists) {
        return String.join(", ", lists.stream().map(p -> String.valueOf(p.tracks().size())).toList());
    }

    /** The share of each list's majority source, over all tracks of the lists. */
    private static double purity(List<List<String>> lists) {
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

    /** The same among the tracks of {@code subset} only. */
    private double topK(int n, String[] src, DistanceFn d, boolean[] subset) {
        return topK(n, src, d, subset, null);
    }

    /** As above (all tracks if {@code subset} is null), each seed's share written to {@code perTrack} if given. */
    private double topK(int n, String[] src, DistanceFn d, boolean[] subset, double[] perTrack) {
        return share(k, n, src, d, subset, perTrack);
    }

    /** The mean share of each seed's {@code k} nearest among {@code subset} (null: all) that share its source. */
    static double share(int k, int n, String[] src, DistanceFn d, boolean[] subset, double[] perTrack) {
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

    private static DistanceFn mix(double[][][] c, double[] w) {
        return (i, j) -> {
            double s = 0;
            for (int m = 0; m < w.length; m++) {
                s += w[m] * c[m][i][j];
            }
            return s;
        };
    }

    /**
     * The best weights on {@code subset}: a grid in steps of 0.05 (rhythm and tonal up to 0.1, the fluctuation
     * pattern in steps of 0.1 up to 0.3), timbre at least 0.3; also the best on all tracks (what the defaults
     * were chosen from, with the folds as the check).
     */
    private double[] grid(int n, String[] src, double[][][] c, boolean[] subset) {
        double[] best = null;
        double bestScore = -1;
        double[] steps = {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
        for (double ws : steps) {
            for (double we : steps) {
                for (double wr : new double[] {0, 0.05, 0.1}) {
                    for (double wt : new double[] {0, 0.05, 0.1}) {
                        for (double wf : new double[] {0, 0.1, 0.2, 0.3}) {
                            double[] w = {1 - ws - we - wr - wt - wf, ws, wr, wt, we, wf};
                            if (w[0] < 0.3 - 1e-9) {
                                continue;
                            }
                            double score = topK(n, src, mix(c, w), subset);
                            if (score > bestScore) {
                                bestScore = score;
                                best = w;
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    /** A distance of tracks i and j. */
    interface DistanceFn {
        double apply(int i, int j);
    }

    private static double[][] standardisedMfcc(List<TrackRecord> rows) {
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
