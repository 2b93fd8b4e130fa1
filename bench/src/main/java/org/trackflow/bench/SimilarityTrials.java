package org.trackflow.bench;

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
    private static final int RATE = FrameGrid.DEFAULT_ANALYSIS_RATE;
    private static final int D = TimbreMfcc.COEFFICIENTS;
    private static final int BANDS = MelSpectrum.BANDS;
    private static final int BLOCK = 10;
    private static final double ADDED = 0.2;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimilarityTrials()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<TrackRecord> rows = SimilarityEval.rows(out);
        int n = rows.size();
        String[] src = rows.stream().map(SimilarityEval::source).toArray(String[]::new);
        double[] weights = SimilarityEval.weights(Weights.DEFAULT);
        double[][][] c = SimilarityEval.components(Similarity.fit(rows));
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
            List<TrackRecord> other = SimilarityEval.rows(background).stream().filter(Wccn::complete).toList();
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
        return SimilarityEval.share(K, src.length, src, SimilarityEval.matrix(d), null, null);
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
    private interface Cell {
        double at(int r, int k);
    }

    /** Mean and variance (population) of each of the {@code columns} of a table of {@code rows}. */
    private static double[][] moments(int rows, int columns, Cell cell) {
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

    /** A track's timbre MFCC frames and block-level patterns, from one decode. */
    static final class Track {
        final float[][] mfcc;
        final double[] spectralPattern;
        final double[] varianceDeltaPattern;

        private Track(float[][] mfcc, double[] spectralPattern, double[] varianceDeltaPattern) {
            this.mfcc = mfcc;
            this.spectralPattern = spectralPattern;
            this.varianceDeltaPattern = varianceDeltaPattern;
        }

        static Track of(Path file) {
            float[][] buffer = {new float[1 << 20]};
            int[] length = {0};
            try {
                new AudioDecoder(RATE).decode(file, new AudioListener() {
                    @Override
                    public void analysisAudio(float[] samples, int count) {
                        if (length[0] + count > buffer[0].length) {
                            buffer[0] = Arrays.copyOf(buffer[0], Math.max(2 * buffer[0].length, length[0] + count));
                        }
                        System.arraycopy(samples, 0, buffer[0], length[0], count);
                        length[0] += count;
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
            float[] x = buffer[0];
            int frames = Math.max(0, (length[0] - FrameGrid.FRAME_LENGTH) / FrameGrid.HOP + 1);
            Spectrum spectrum = new Spectrum(RATE);
            TimbreMfcc timbre = new TimbreMfcc(RATE);
            MelSpectrum mel = new MelSpectrum(RATE);
            float[][] mfcc = new float[frames][D];
            double[][] db = new double[frames][BANDS];
            double[] coefficients = new double[D];
            for (int t = 0; t < frames; t++) {
                spectrum.compute(x, t * FrameGrid.HOP);
                timbre.compute(spectrum.power, coefficients, 0);
                for (int k = 0; k < D; k++) {
                    mfcc[t][k] = (float) coefficients[k];
                }
                mel.compute(spectrum.power, db[t]);
            }
            double[][] patterns = blockPatterns(db);
            return new Track(mfcc, patterns[0], patterns[1]);
        }

        /** The spectral pattern and the variance delta spectral pattern of the log-mel frames. */
        private static double[][] blockPatterns(double[][] db) {
            List<double[]> sorted = new ArrayList<>();
            List<double[]> deltas = new ArrayList<>();
            double[] v = new double[BLOCK];
            double[] dv = new double[BLOCK];
            for (int s = 0; s + BLOCK + 3 <= db.length; s += BLOCK / 2) {
                double[] block = new double[BANDS * BLOCK];
                double[] delta = new double[BANDS * BLOCK];
                for (int b = 0; b < BANDS; b++) {
                    for (int t = 0; t < BLOCK; t++) {
                        v[t] = db[s + t][b];
                        dv[t] = Math.max(0, db[s + t + 3][b] - db[s + t][b]);
                    }
                    Arrays.sort(v);
                    Arrays.sort(dv);
                    System.arraycopy(v, 0, block, b * BLOCK, BLOCK);
                    System.arraycopy(dv, 0, delta, b * BLOCK, BLOCK);
                }
                sorted.add(block);
                deltas.add(delta);
            }
            int blocks = sorted.size();
            double[] p90 = new double[BANDS * BLOCK];
            double[] vdsp = new double[BANDS * BLOCK];
            double[] column = new double[blocks];
            for (int k = 0; blocks > 0 && k < p90.length; k++) {
                for (int q = 0; q < blocks; q++) {
                    column[q] = sorted.get(q)[k];
                }
                Arrays.sort(column);
                p90[k] = column[(int) (0.9 * (blocks - 1))];
                double mean = 0;
                for (double[] d : deltas) {
                    mean += d[k] / blocks;
                }
                double var = 0;
                for (double[] d : deltas) {
                    var += (d[k] - mean) * (d[k] - mean) / blocks;
                }
                vdsp[k] = Math.sqrt(var);
            }
            return new double[][] {p90, vdsp};
        }

        /**
         * trackflow's timbre model of variant v's frames (see {@link SimilarityTrials#call}): 0 all, 1 with
         * deltas, 2 the central 60 s, 3 all but the quietest 10 % (by rank of the 0th coefficient, ties by
         * time). Two passes over the chosen frames (mean, then covariance), each frame's vector in one buffer.
         */
        TimbreModel gaussian(int variant) {
            int frames = mfcc.length;
            boolean[] chosen = new boolean[frames];
            int from = variant == 1 ? 2 : 0;
            int to = variant == 1 ? frames - 2 : frames;
            if (variant == 2) {
                int length = Math.min(frames, 60 * RATE / FrameGrid.HOP);
                from = (frames - length) / 2;
                to = from + length;
            }
            Arrays.fill(chosen, Math.max(0, from), Math.max(from, to), true);
            if (variant == 3) {
                Integer[] byLoudness = IntStream.range(0, frames).boxed().toArray(Integer[]::new);
                Arrays.sort(byLoudness, Comparator.comparingDouble((Integer t) -> mfcc[t][0]).thenComparingInt(t -> t));
                for (int r = 0; r < frames / 10; r++) {
                    chosen[byLoudness[r]] = false;
                }
            }
            int d = variant == 1 ? 2 * D : D;
            double[] x = new double[d];
            double[] mean = new double[d];
            int count = 0;
            for (int t = 0; t < frames; t++) {
                if (chosen[t]) {
                    vector(t, d, x);
                    for (int k = 0; k < d; k++) {
                        mean[k] += x[k];
                    }
                    count++;
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= count;
            }
            double[] upper = new double[d * (d + 1) / 2];
            for (int t = 0; t < frames; t++) {
                if (chosen[t]) {
                    vector(t, d, x);
                    for (int p = 0, k = 0; p < d; p++) {
                        for (int q = p; q < d; q++, k++) {
                            upper[k] += (x[p] - mean[p]) * (x[q] - mean[q]);
                        }
                    }
                }
            }
            for (int k = 0; k < upper.length; k++) {
                upper[k] /= count - 1;
            }
            return TimbreModel.of(mean, upper);
        }

        /** Frame t's coefficients, followed by their deltas (regression over +-2 frames) when d is twice them. */
        private void vector(int t, int d, double[] x) {
            for (int k = 0; k < D; k++) {
                x[k] = mfcc[t][k];
                if (d > D) {
                    x[D + k] = (2 * (mfcc[t + 2][k] - mfcc[t - 2][k]) + (mfcc[t + 1][k] - mfcc[t - 1][k])) / 10.0;
                }
            }
        }
    }

    /** A diagonal Gaussian mixture fitted by EM on the library's own frames, and MAP-adapted mean supervectors. */
    static final class Ubm {
        private final int components;
        private final double[] weight;
        private final double[][] mean;
        private final double[][] variance;

        private Ubm(int components) {
            this.components = components;
            weight = new double[components];
            mean = new double[components][D];
            variance = new double[components][D];
        }

        static double[][] supervectors(Track[] tracks, int components, double relevance) {
            Ubm u = fit(tracks, components, 60_000, 12);
            return Arrays.stream(tracks).parallel().map(t -> u.supervector(t.mfcc, relevance)).toArray(double[][]::new);
        }

        /** EM from random frames as means and the global variance, on {@code sample} frames drawn at random. */
        private static Ubm fit(Track[] tracks, int components, int sample, int iterations) {
            Random random = new Random(3);
            int total = Arrays.stream(tracks).mapToInt(t -> t.mfcc.length).sum();
            float[][] x = new float[Math.min(sample, total)][];
            for (int s = 0; s < x.length; s++) {
                int at = random.nextInt(total);
                int t = 0;
                while (at >= tracks[t].mfcc.length) {
                    at -= tracks[t++].mfcc.length;
                }
                x[s] = tracks[t].mfcc[at];
            }
            double[] globalVariance = moments(x.length, D, (r, k) -> x[r][k])[1];
            Ubm u = new Ubm(components);
            for (int c = 0; c < components; c++) {
                float[] f = x[random.nextInt(x.length)];
                for (int k = 0; k < D; k++) {
                    u.mean[c][k] = f[k];
                    u.variance[c][k] = globalVariance[k];
                }
                u.weight[c] = 1.0 / components;
            }
            double[] g = new double[components];
            for (int it = 0; it < iterations; it++) {
                double[] count = new double[components];
                double[][] first = new double[components][D];
                double[][] second = new double[components][D];
                for (float[] f : x) {
                    u.posteriors(f, g);
                    for (int c = 0; c < components; c++) {
                        count[c] += g[c];
                        for (int k = 0; k < D; k++) {
                            first[c][k] += g[c] * f[k];
                            second[c][k] += g[c] * f[k] * f[k];
                        }
                    }
                }
                for (int c = 0; c < components; c++) {
                    u.weight[c] = Math.max(count[c], 1e-3) / x.length;
                    if (count[c] >= 1) {
                        for (int k = 0; k < D; k++) {
                            u.mean[c][k] = first[c][k] / count[c];
                            u.variance[c][k] = Math.max(1e-3 * globalVariance[k], second[c][k] / count[c] - u.mean[c][k] * u.mean[c][k]);
                        }
                    }
                }
            }
            return u;
        }

        private void posteriors(float[] f, double[] g) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < components; c++) {
                double s = Math.log(weight[c]);
                for (int k = 0; k < D; k++) {
                    double e = f[k] - mean[c][k];
                    s -= 0.5 * (e * e / variance[c][k] + Math.log(variance[c][k]));
                }
                g[c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int c = 0; c < components; c++) {
                g[c] = Math.exp(g[c] - max);
                sum += g[c];
            }
            for (int c = 0; c < components; c++) {
                g[c] /= sum;
            }
        }

        private double[] supervector(float[][] frames, double relevance) {
            double[] count = new double[components];
            double[][] first = new double[components][D];
            double[] g = new double[components];
            for (float[] f : frames) {
                posteriors(f, g);
                for (int c = 0; c < components; c++) {
                    count[c] += g[c];
                    for (int k = 0; k < D; k++) {
                        first[c][k] += g[c] * f[k];
                    }
                }
            }
            double[] sv = new double[components * D];
            for (int c = 0; c < components; c++) {
                double alpha = count[c] / (count[c] + relevance);
                for (int k = 0; k < D; k++) {
                    double m = count[c] > 0 ? first[c][k] / count[c] : mean[c][k];
                    sv[c * D + k] = Math.sqrt(weight[c]) * alpha * (m - mean[c][k]) / Math.sqrt(variance[c][k]);
                }
            }
            return sv;
        }
    }

    /** Within-source covariance normalisation learnt on a background library. */
    static final class Wccn {
        /** A track's vector: timbre mean and log deviations, log fluctuation pattern, feature-space point. */
        private static double[] vector(TrackRecord r, FeatureSpace space) {
            List<Double> v = new ArrayList<>();
            List<Float> m = r.getTimbreMean();
            List<Float> c = r.getTimbreCov();
            int d = m.size();
            for (int i = 0; i < d; i++) {
                v.add((double) m.get(i));
            }
            for (int i = 0, k = 0; i < d; k += d - i, i++) {
                v.add(0.5 * Math.log(c.get(k) + 1e-4));
            }
            for (float f : r.getFluctuationPattern()) {
                v.add(Math.log(1e-3 + f));
            }
            for (double f : space.vector(r)) {
                v.add(f);
            }
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private static boolean complete(TrackRecord r) {
            return r.getTimbreCov() != null && r.getFluctuationPattern() != null && !r.getFluctuationPattern().isEmpty();
        }

        /** Cosine distances of {@code rows} after the normalisation learnt on {@code background}. */
        static double[][] distances(List<TrackRecord> background, List<TrackRecord> rows, int axes, double regularisation) {
            List<TrackRecord> bg = background.stream().filter(Wccn::complete).toList();
            FeatureSpace space = FeatureSpace.fit(bg);
            double[][] b = bg.stream().map(r -> vector(r, space)).toArray(double[][]::new);
            // a track without a pattern or model keeps the background mean there (0 after standardising)
            double[][] e = rows.stream().map(r -> complete(r) ? vector(r, space) : null).toArray(double[][]::new);
            int dims = b[0].length;
            double[][] moments = moments(b.length, dims, (r, k) -> b[r][k]);
            double[] mu = moments[0];
            double[] sd = new double[dims];
            for (int k = 0; k < dims; k++) {
                sd[k] = Math.sqrt(moments[1][k]) + 1e-9;
            }
            for (int i = 0; i < e.length; i++) {
                e[i] = e[i] == null ? mu.clone() : e[i];
            }
            for (double[][] set : new double[][][] {b, e}) {
                for (double[] x : set) {
                    for (int k = 0; k < dims; k++) {
                        x[k] = (x[k] - mu[k]) / sd[k];
                    }
                }
            }
            double[][] axesOf = principalAxes(b, Math.min(axes, dims));
            double[][] bp = project(b, axesOf);
            double[][] ep = project(e, axesOf);
            double[][] whiten = inverseRoot(withinSource(bp, bg.stream().map(SimilarityEval::source).toArray(String[]::new), regularisation));
            double[][] y = project(ep, whiten);
            for (double[] v : y) {
                double norm = Math.sqrt(Arrays.stream(v).map(a -> a * a).sum()) + 1e-12;
                for (int k = 0; k < v.length; k++) {
                    v[k] /= norm;
                }
            }
            int n = y.length;
            double[][] d = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int k = 0; k < y[i].length; k++) {
                        dot += y[i][k] * y[j][k];
                    }
                    d[i][j] = i == j ? 0 : 1 - dot;
                }
            }
            return d;
        }

        /** Rows of {@code axes}: the leading eigenvectors of the covariance of x (centred), by orthogonal iteration. */
        private static double[][] principalAxes(double[][] x, int count) {
            int dims = x[0].length;
            double[][] cov = new double[dims][dims];
            for (double[] v : x) {
                for (int i = 0; i < dims; i++) {
                    for (int j = 0; j < dims; j++) {
                        cov[i][j] += v[i] * v[j] / x.length;
                    }
                }
            }
            Random random = new Random(1);
            double[][] q = new double[count][dims];
            for (double[] v : q) {
                for (int i = 0; i < dims; i++) {
                    v[i] = random.nextGaussian();
                }
            }
            for (int it = 0; it < 100; it++) {
                double[][] next = new double[count][dims];
                for (int c = 0; c < count; c++) {
                    for (int i = 0; i < dims; i++) {
                        double s = 0;
                        for (int j = 0; j < dims; j++) {
                            s += cov[i][j] * q[c][j];
                        }
                        next[c][i] = s;
                    }
                }
                orthonormalise(next);
                q = next;
            }
            return q;
        }

        private static void orthonormalise(double[][] u) {
            for (int c = 0; c < u.length; c++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int i = 0; i < u[c].length; i++) {
                        dot += u[c][i] * u[p][i];
                    }
                    for (int i = 0; i < u[c].length; i++) {
                        u[c][i] -= dot * u[p][i];
                    }
                }
                double norm = Math.sqrt(Arrays.stream(u[c]).map(a -> a * a).sum()) + 1e-300;
                for (int i = 0; i < u[c].length; i++) {
                    u[c][i] /= norm;
                }
            }
        }

        /** x times the rows of m: {@code y[n][r] = m[r] . x[n]}. */
        private static double[][] project(double[][] x, double[][] m) {
            double[][] y = new double[x.length][m.length];
            for (int n = 0; n < x.length; n++) {
                for (int r = 0; r < m.length; r++) {
                    double s = 0;
                    for (int i = 0; i < m[r].length; i++) {
                        s += m[r][i] * x[n][i];
                    }
                    y[n][r] = s;
                }
            }
            return y;
        }

        /** The covariance of x around its source's mean, {@code regularisation} x the mean variance added. */
        private static double[][] withinSource(double[][] x, String[] source, double regularisation) {
            int dims = x[0].length;
            Map<String, double[]> means = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (int n = 0; n < x.length; n++) {
                double[] m = means.computeIfAbsent(source[n], s -> new double[dims]);
                for (int i = 0; i < dims; i++) {
                    m[i] += x[n][i];
                }
                counts.merge(source[n], 1, Integer::sum);
            }
            means.forEach((s, m) -> {
                for (int i = 0; i < dims; i++) {
                    m[i] /= counts.get(s);
                }
            });
            double[][] w = new double[dims][dims];
            for (int n = 0; n < x.length; n++) {
                double[] m = means.get(source[n]);
                for (int i = 0; i < dims; i++) {
                    for (int j = 0; j < dims; j++) {
                        w[i][j] += (x[n][i] - m[i]) * (x[n][j] - m[j]) / x.length;
                    }
                }
            }
            double trace = 0;
            for (int i = 0; i < dims; i++) {
                trace += w[i][i] / dims;
            }
            for (int i = 0; i < dims; i++) {
                w[i][i] += regularisation * trace;
            }
            return w;
        }

        /** {@code a^-1/2} of a symmetric positive definite matrix, by Jacobi rotations. */
        private static double[][] inverseRoot(double[][] a0) {
            int p = a0.length;
            double[][] a = new double[p][];
            for (int i = 0; i < p; i++) {
                a[i] = a0[i].clone();
            }
            double[][] v = new double[p][p];
            for (int i = 0; i < p; i++) {
                v[i][i] = 1;
            }
            for (int sweep = 0; sweep < 60; sweep++) {
                double off = 0;
                for (int i = 0; i < p; i++) {
                    for (int j = i + 1; j < p; j++) {
                        off += a[i][j] * a[i][j];
                    }
                }
                if (off < 1e-20) {
                    break;
                }
                for (int i = 0; i < p; i++) {
                    for (int j = i + 1; j < p; j++) {
                        if (Math.abs(a[i][j]) < 1e-15) {
                            continue;
                        }
                        double theta = (a[j][j] - a[i][i]) / (2 * a[i][j]);
                        double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                        double cos = 1 / Math.sqrt(t * t + 1);
                        double sin = t * cos;
                        for (int k = 0; k < p; k++) {
                            double ki = a[k][i];
                            double kj = a[k][j];
                            a[k][i] = cos * ki - sin * kj;
                            a[k][j] = sin * ki + cos * kj;
                        }
                        for (int k = 0; k < p; k++) {
                            double ik = a[i][k];
                            double jk = a[j][k];
                            a[i][k] = cos * ik - sin * jk;
                            a[j][k] = sin * ik + cos * jk;
                        }
                        for (int k = 0; k < p; k++) {
                            double ki = v[k][i];
                            double kj = v[k][j];
                            v[k][i] = cos * ki - sin * kj;
                            v[k][j] = sin * ki + cos * kj;
                        }
                    }
                }
            }
            double[][] out = new double[p][p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    double s = 0;
                    for (int k = 0; k < p; k++) {
                        s += v[i][k] * v[j][k] / Math.sqrt(Math.max(1e-12, a[k][k]));
                    }
                    out[i][j] = s;
                }
            }
            return out;
        }
    }
}
