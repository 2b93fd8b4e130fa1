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

    public static String source(TrackRecord r) {
        return r.getPath().substring(0, r.getPath().indexOf('/'));
    }

    @Override
    public Integer call() throws Exception {
        List<TrackRecord> rows = EvalData.rows(out);
        int n = rows.size();
        String[] src = rows.stream().map(SimilarityEval::source).toArray(String[]::new);
        Map<String, Integer> perSource = new LinkedHashMap<>();
        for (String s : src) {
            perSource.merge(s, 1, Integer::sum);
        }
        Map<String, Double> share = new LinkedHashMap<>();
        share.put("random (expected)", EvalData.randomShare(src));
        double[][] z = EvalData.standardisedMfcc(rows);
        share.put("mean MFCC, standardised, Euclidean (baseline)", topK(n, src, (i, j) -> FeatureSpace.distance(z[i], z[j])));
        FeatureSpace space = FeatureSpace.fit(rows);
        double[][] v = rows.stream().map(space::vector).toArray(double[][]::new);
        share.put("feature space (trackflow 0.1 `similar`)", topK(n, src, (i, j) -> FeatureSpace.distance(v[i], v[j])));
        Similarity sim = Similarity.fit(rows);
        share.put("timbre model, Jensen-Shannon, raw", topK(n, src, (i, j) -> sim.raw(0, i, j)));
        String[] component = {"timbre model", "frame-feature summaries", "rhythm", "tonal", "energy", "fluctuation pattern"};
        double[][][] c = EvalData.components(sim);
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
        double[] defaults = EvalData.weights(w);
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
            heldOut += topK(n, src, EvalData.mix(c, best), test) / 2;
            defaultOnHalves += topK(n, src, EvalData.mix(c, defaults), test) / 2;
            chosen.append(String.format(Locale.ROOT, "%s(%.2f, %.2f, %.2f, %.2f, %.2f, %.2f)", fold > 0 ? " and " : "", best[0], best[1],
                    best[2], best[3], best[4], best[5]));
        }
        share.put("two folds, neighbours among half the tracks: weights chosen on the other half " + chosen, heldOut);
        share.put("two folds, neighbours among half the tracks: trackflow's weights", defaultOnHalves);
        boolean[] everyone = new boolean[n];
        Arrays.fill(everyone, true);
        double[] bestAll = grid(n, src, c, everyone);
        share.put(String.format(Locale.ROOT, "weights chosen on all tracks (%.2f, %.2f, %.2f, %.2f, %.2f, %.2f)", bestAll[0], bestAll[1],
                bestAll[2], bestAll[3], bestAll[4], bestAll[5]), topK(n, src, EvalData.mix(c, bestAll)));
        List<Playlist> lists = PlaylistClustering.build(rows, List.of(), PlaylistOptions.defaults());
        List<List<String>> sourcesOfLists = EvalData.sources(lists);
        int placed = sourcesOfLists.stream().mapToInt(List::size).sum();
        double purity = EvalData.purity(sourcesOfLists);
        String sizes = EvalData.sizes(lists);
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
            randomPurity += EvalData.purity(dealt) / deals;
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
        md.append(ThreeSources.section(rows, perSource.keySet().stream().toList(), k));
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

    public static EvalData.DistanceFn matrix(double[][] d) {
        return (i, j) -> d[i][j];
    }

    /** Mean share of each track's k nearest (by {@code d}) that share its source. */
    private double topK(int n, String[] src, EvalData.DistanceFn d) {
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return topK(n, src, d, all);
    }

    /** The same among the tracks of {@code subset} only. */
    private double topK(int n, String[] src, EvalData.DistanceFn d, boolean[] subset) {
        return topK(n, src, d, subset, null);
    }

    /** As above (all tracks if {@code subset} is null), each seed's share written to {@code perTrack} if given. */
    private double topK(int n, String[] src, EvalData.DistanceFn d, boolean[] subset, double[] perTrack) {
        return EvalData.share(k, n, src, d, subset, perTrack);
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
                            double score = topK(n, src, EvalData.mix(c, w), subset);
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

}
