package org.trackflow.bench.trials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.decode.AudioDecoder;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.spectral.MelSpectrum;
import org.trackflow.udfs.spectral.Spectrum;
import org.trackflow.udfs.spectral.TimbreMfcc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.similarity.Similarity;
import org.trackflow.pipeline.similarity.TimbreModel;
import org.trackflow.pipeline.similarity.Weights;
import org.trackflow.bench.EvalData;
import org.trackflow.bench.SimilarityEval;
import org.trackflow.bench.TimbreVariants;

/**
 * Measures tried for issue 14 and not kept, each scored on the similarity evaluation's library the way
 * {@link SimilarityEval} scores trackflow's (the same-source share of the 5 nearest): alone (with mutual
 * proximity) and in trackflow's mix (in place of the timbre model, or beside the mix's components at
 * 0.2). The audio is decoded again with trackflow's decoder, and framed as trackflow frames it:
 *
 * <ul>
 *   <li>the timbre Gaussian of all frames again (a control: the stored model rebuilt from this decode,
 *       so that the variants' changes are their own), and of other frames: with delta coefficients
 *       (regression over +-2 frames, 50 dimensions), of the central 60 s only (as musly reads a track),
 *       without the quietest 10 % of frames (0th coefficient);</li>
 *   <li>block-level features (after Seyerlehner, Widmer &amp; Pohle, DAFx 2010) on the 128 log-mel
 *       bands: the spectral pattern (blocks of 10 frames, hop 5, each band's values sorted, the 90th
 *       percentile over blocks) and, after their variance delta spectral pattern, the standard deviation
 *       over blocks of the sorted, rectified 3-frame differences; Manhattan distance;</li>
 *   <li>GMM-UBM mean supervectors (Campbell et al. 2006; Charbuillet et al., DAFx 2011): a 32-component
 *       diagonal mixture fitted by EM on frames of the library itself (no labels), each track's means MAP
 *       adapted (relevance 4), {@code sqrt(w) (m' - m) / sigma}, Euclidean;</li>
 *   <li>query expansion of trackflow's own distance: each pair also compared through the 3 nearest of
 *       either (half weight);</li>
 *   <li>with {@code --background}: a within-source covariance normalisation (WCCN, Hatch et al. 2006)
 *       learnt on the tracks of other Debian packages, each of them one source: per track the timbre
 *       mean and log deviations, the log fluctuation pattern and the feature-space point, standardised
 *       and projected on 80 principal axes of the background, whitened by its within-source covariance
 *       (0.1 of the mean variance added), cosine distance.</li>
 * </ul>
 * Writes a Markdown table. The code is an evaluation: plain arrays, no care for memory beyond the frames.
 */
@Command(name = "trackflow-similarity-trials", mixinStandardHelpOptions = true,
        description = "Similarity measures tried and not kept, on the similarity evaluation's library.")
public final class SimilarityTrials implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "trackflow output folder of the library")
    Path out;

    @Option(names = "--library", required = true, description = "the library's folder (its first level: the source)")
    Path library;

    @Option(names = "--background", description = "trackflow output folder of a library of other sources (optional)")
    Path background;

    @Option(names = "--results", description = "Markdown file to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench/results/similarity-trials.md")
    Path results;

    private static final int K = 5;
    static final int RATE = FrameGrid.DEFAULT_ANALYSIS_RATE;
    static final int D = TimbreMfcc.COEFFICIENTS;
    static final int BANDS = MelSpectrum.BANDS;
    static final int BLOCK = 10;
    private static final double ADDED = 0.2;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimilarityTrials()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<TrackRecord> rows = EvalData.rows(out);
        int n = rows.size();
        String[] src = rows.stream().map(SimilarityEval::source).toArray(String[]::new);
        double[] weights = EvalData.weights(Weights.DEFAULT);
        double[][][] c = EvalData.components(Similarity.fit(rows));
        double[][] mix = mix(c, weights, -1, null, 0);
        double base = share(src, mix);

        Track[] tracks = new Track[n];
        IntStream.range(0, n).parallel().forEach(i -> tracks[i] = Track.of(library.resolve(rows.get(i).getPath())));

        Map<String, double[]> trials = new LinkedHashMap<>(); // name -> {alone, in the mix}
        // the first is the control: the stored model rebuilt from this decode, so that the others' changes are theirs
        String[] gaussians = {"timbre Gaussian of all frames (control: the stored model, decoded again)",
            "timbre Gaussian with deltas (50 dimensions)", "timbre Gaussian of the central 60 s",
            "timbre Gaussian without the quietest 10 % of frames"};
        for (int v = 0; v < gaussians.length; v++) {
            int variant = v;
            double[][] d = TimbreVariants.jensenShannon(IntStream.range(0, n).mapToObj(i -> tracks[i].gaussian(variant)).toList());
            double[][] mp = TimbreVariants.mutualProximity(d);
            trials.put(gaussians[v] + ", in place of the timbre model", new double[] {share(src, mp), share(src, mix(c, weights, 0, mp, 0))});
        }
        Map<String, double[][]> added = new LinkedHashMap<>();
        added.put("spectral pattern (90th percentile)", manhattan(Arrays.stream(tracks).map(t -> t.spectralPattern).toArray(double[][]::new)));
        added.put("variance delta spectral pattern", manhattan(Arrays.stream(tracks).map(t -> t.varianceDeltaPattern).toArray(double[][]::new)));
        added.put("GMM-UBM supervectors (32 components, UBM on the library's frames)", euclidean(Ubm.supervectors(tracks, 32, 4)));
        if (background != null) {
            List<TrackRecord> other = EvalData.rows(background).stream().filter(Wccn::complete).toList();
            added.put(String.format(Locale.ROOT, "within-source whitening (WCCN) learnt on %d tracks of %d other packages", other.size(),
                    other.stream().map(SimilarityEval::source).distinct().count()), Wccn.distances(other, rows, 80, 0.1));
        }
        for (Map.Entry<String, double[][]> e : added.entrySet()) {
            double[][] mp = TimbreVariants.mutualProximity(e.getValue());
            trials.put(e.getKey() + String.format(Locale.ROOT, ", beside the mix at %.1f", ADDED),
                    new double[] {share(src, mp), share(src, mix(c, weights, -1, mp, ADDED))});
        }
        trials.put("query expansion of trackflow's distance (3 nearest, half weight)", new double[] {Double.NaN, share(src, expanded(mix, 3, 0.5))});

        StringBuilder md = new StringBuilder("# Similarity: measures tried and not kept\n\n");
        md.append(String.format(Locale.ROOT, "%d tracks of `bench/run-similarity.sh`'s library; `bench/run-similarity.sh --trials` reruns it. "
                + "Same-source share of the 5 nearest; trackflow's `similar`: %.3f.%n%n", n, base));
        md.append("| measure | alone, with mutual proximity | in trackflow's mix | change |\n|---|---|---|---|\n");
        trials.forEach((name, v) -> md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %+.3f |%n", name,
                Double.isNaN(v[0]) ? "" : String.format(Locale.ROOT, "%.3f", v[0]), v[1], v[1] - base)));
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, md.toString());
        System.out.print(md);
        return 0;
    }

    private static double share(String[] src, double[][] d) {
        return EvalData.share(K, src.length, src, SimilarityEval.matrix(d), null, null);
    }

    /**
     * The components mixed by their weights, component {@code replaced} (or none: -1) by {@code other}, or
     * {@code other} added at weight {@code extra} (the others scaled by 1 - extra).
     */
    private static double[][] mix(double[][][] c, double[] w, int replaced, double[][] other, double extra) {
        int n = c[0].length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int m = 0; m < w.length; m++) {
                    s += w[m] * (m == replaced ? other[i][j] : c[m][i][j]);
                }
                out[i][j] = extra > 0 ? (1 - extra) * s + extra * other[i][j] : s;
            }
        }
        return out;
    }

    /** d'(i, j) = (1 - a) d(i, j) + a (mean of d over i's q nearest to j and i to j's q nearest). */
    private static double[][] expanded(double[][] d, int q, double a) {
        int n = d.length;
        int[][] near = new int[n][];
        for (int i = 0; i < n; i++) {
            int seed = i;
            near[i] = IntStream.range(0, n).filter(j -> j != seed).boxed().sorted(Comparator.comparingDouble(j -> d[seed][j]))
                    .limit(q).mapToInt(Integer::intValue).toArray();
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int r = 0; r < q; r++) {
                    s += d[near[i][r]][j] + d[i][near[j][r]];
                }
                out[i][j] = i == j ? 0 : (1 - a) * d[i][j] + a * s / (2 * q);
            }
        }
        return out;
    }

    private static double[][] manhattan(double[][] x) {
        return pairwise(x, false);
    }

    private static double[][] euclidean(double[][] x) {
        return pairwise(x, true);
    }

    /** All pairs' Manhattan distance, or Euclidean. */
    private static double[][] pairwise(double[][] x, boolean euclidean) {
        int n = x.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double e = x[i][k] - x[j][k];
                    s += euclidean ? e * e : Math.abs(e);
                }
                d[i][j] = d[j][i] = euclidean ? Math.sqrt(s) : s;
            }
        }
        return d;
    }

    /** A value of a table: row r, column k. */
    interface Cell {
        double at(int r, int k);
    }

    /** Mean and variance (population) of each of the {@code columns} of a table of {@code rows}. */
    static double[][] moments(int rows, int columns, Cell cell) {
        double[] mean = new double[columns];
        double[] variance = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < columns; k++) {
                mean[k] += cell.at(r, k) / rows;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < columns; k++) {
                double e = cell.at(r, k) - mean[k];
                variance[k] += e * e / rows;
            }
        }
        return new double[][] {mean, variance};
    }
}
