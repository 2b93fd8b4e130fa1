package org.trackflow.pipeline.playlists;

import java.util.List;
import java.util.SplittableRandom;
import org.trackflow.schemas.TrackRecord;

/**
 * How alike two tracks sound, for instant mixes, song paths and playlists. Six components, each normalised
 * by {@link MutualProximity} (so each is in 0..1 and free of hubs) and mixed by {@link Weights}: musly's
 * timbre divergence ({@link TimbreModel}), the distances within the groups of the {@link FeatureSpace} (the
 * frame-feature summaries: MFCC and spectral means; rhythm, tonal, energy), and the Euclidean distance of
 * the fluctuation patterns ({@code fluctuation_pattern}). The default weights were chosen on the
 * evaluation in {@code bench/results/similarity.md} (with a two-fold check that they hold on tracks they
 * were not chosen on). A track without a timbre model or a pattern (an older feature set, a track under
 * 3 s) is compared by the other components alone.
 */
public final class Similarity implements SongPath.Metric {
    /** The mix of the components. */
    public record Weights(double timbre, double summaries, double rhythm, double tonal, double energy, double fluctuation) {
        /**
         * Instant mixes, paths and playlists: bench/results/similarity.md (the best of a grid on all its
         * tracks scores 0.01 higher with other weights each time the library changes; on halves of it, these
         * score as well as weights chosen on the other half).
         */
        public static final Weights DEFAULT = new Weights(0.45, 0.2, 0, 0.05, 0.1, 0.2);

        double of(int component) {
            return switch (component) {
                case 0 -> timbre;
                case 1 -> summaries;
                case 2 -> rhythm;
                case 3 -> tonal;
                case 4 -> energy;
                default -> fluctuation;
            };
        }
    }

    /** Tracks whose distances fit each track's mutual-proximity statistics (musly: up to 1000). */
    static final int SAMPLE = 1000;
    static final int COMPONENTS = 6;
    /** The fluctuation pattern's component (the last). */
    static final int FLUCTUATION = 5;
    private static final FeatureSpace.Group[] GROUPS = FeatureSpace.Group.values();

    private final List<TrackRecord> rows;
    private final FeatureSpace space;
    private final double[][] vectors;
    private final TimbreModel[] timbre;
    /** Each track's fluctuation pattern, or null (an older feature set, a track under one segment). */
    private final float[][] fluctuation;
    private final MutualProximity[] mp = new MutualProximity[COMPONENTS];
    private final int[] sample;
    /** The rows compared: the first ones (the sample of a part follows them). */
    private final int compared;
    private final Weights weights;
    private final double[] work;

    /**
     * The measure on {@code rows} in {@code space}, each track's mutual-proximity statistics fitted (when
     * first needed) on its distances to the tracks {@code sample} (indexes into rows).
     */
    private Similarity(List<TrackRecord> rows, int compared, Weights weights, FeatureSpace space, int[] sample) {
        this(rows, compared, weights, space, sample, null);
    }

    /** As above, with the rows' points in the space if the caller has them already ({@code vectors}, or null). */
    private Similarity(List<TrackRecord> rows, int compared, Weights weights, FeatureSpace space, int[] sample, double[][] vectors) {
        this.rows = rows;
        this.compared = compared;
        this.weights = weights;
        this.space = space;
        this.sample = sample;
        int n = rows.size();
        this.vectors = vectors != null ? vectors : new double[n][];
        timbre = new TimbreModel[n];
        fluctuation = new float[n][];
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (vectors == null) {
                this.vectors[i] = space.vector(rows.get(i));
            }
            timbre[i] = TimbreModel.of(rows.get(i));
            fluctuation[i] = pattern(rows.get(i));
            d = timbre[i] != null ? timbre[i].d * timbre[i].d : d;
        }
        work = new double[Math.max(1, d)];
        for (int c = 0; c < COMPONENTS; c++) {
            mp[c] = MutualProximity.unfitted(n);
        }
    }

    /** Track i's statistics of component c, fitted on its distances to the sample if not yet. */
    private MutualProximity fitted(int c, int i) {
        return fitted(c, i, work);
    }

    private MutualProximity fitted(int c, int i, double[] work) {
        if (!mp[c].fitted(i)) {
            double[] raw = new double[sample.length];
            for (int s = 0; s < sample.length; s++) {
                raw[s] = i == sample[s] ? Double.NaN : raw(c, i, sample[s], work);
            }
            mp[c].fit(i, raw);
        }
        return mp[c];
    }

    /** The measure on a library's usable rows (see {@link FeatureSpace#usable}). */
    public static Similarity fit(List<TrackRecord> rows) {
        return fit(rows, Weights.DEFAULT);
    }

    /**
     * The playlists' measure, the instant mixes' ({@link Weights#DEFAULT}: weighing rhythm as well made
     * playlists less pure on real music, bench/results/similarity.md), on rows whose space is already fitted
     * ({@code FeatureSpace.fit(rows)}), {@code x} their points in it.
     */
    static Similarity fit(List<TrackRecord> rows, FeatureSpace space, double[][] x) {
        return new Similarity(rows, rows.size(), Weights.DEFAULT, space, sample(rows.size()), x);
    }

    /** The same with another mix, for the evaluation. */
    public static Similarity fit(List<TrackRecord> rows, Weights weights) {
        return new Similarity(rows, rows.size(), weights, FeatureSpace.fit(rows), sample(rows.size()));
    }

    /**
     * The measure on a part of a large library ({@link NeighbourIndex}): {@code rows} are the tracks to
     * compare, followed by {@code sample} tracks spread over the library; the space is the library's.
     * Distances among the first rows are those the whole library would give, up to the sample.
     */
    public static Similarity ofPart(List<TrackRecord> rows, List<TrackRecord> sample, FeatureSpace space) {
        List<TrackRecord> all = new java.util.ArrayList<>(rows);
        all.addAll(sample);
        return new Similarity(all, rows.size(), Weights.DEFAULT, space, java.util.stream.IntStream.range(rows.size(), all.size()).toArray());
    }

    /** The rows compared (a part's sample not included). */
    public List<TrackRecord> rows() {
        return rows.subList(0, compared);
    }

    @Override
    public int size() {
        return compared;
    }

    /** Track i's point in the feature space. */
    public double[] vector(int i) {
        return vectors[i];
    }

    /** Distance of tracks i and j, 0..1. Not thread-safe (shared work space). */
    @Override
    public double distance(int i, int j) {
        return distance(i, j, work);
    }

    /**
     * All distances among the compared tracks (symmetric, 0 on the diagonal), in parallel, each thread
     * with its own work space: the timbre divergences first (the costly part, each pair once), which also
     * fit the timbre's mutual-proximity statistics when the sample is among the compared tracks; the
     * other components' statistics (each fit writes only its own track's slot); then the mix replaces
     * the divergences. n^2 floats: for libraries below {@link Stations#THRESHOLD}.
     */
    public float[][] matrix() {
        int n = compared;
        ThreadLocal<double[]> local = ThreadLocal.withInitial(() -> new double[work.length]);
        float[][] m = new float[n][n];
        boolean fromMatrix = weights.of(0) > 0 && java.util.Arrays.stream(sample).allMatch(s -> s < n);
        if (fromMatrix) {
            java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                double[] w = local.get();
                for (int j = i + 1; j < n; j++) {
                    m[i][j] = (float) raw(0, i, j, w);
                }
            });
            mirror(m);
        }
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            if (fromMatrix && !mp[0].fitted(i)) {
                double[] raw = new double[sample.length];
                for (int s = 0; s < sample.length; s++) {
                    raw[s] = i == sample[s] ? Double.NaN : m[i][sample[s]];
                }
                mp[0].fit(i, raw);
            }
            for (int c = 0; c < COMPONENTS; c++) {
                if (weights.of(c) > 0) {
                    fitted(c, i, local.get());
                }
            }
        });
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            double[] w = local.get();
            for (int j = i + 1; j < n; j++) {
                m[i][j] = (float) distance(i, j, fromMatrix ? m[i][j] : Double.NaN, w);
            }
        });
        mirror(m);
        return m;
    }

    /** Copies the upper triangle onto the lower. */
    private static void mirror(float[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                m[j][i] = m[i][j];
            }
        }
    }

    private double distance(int i, int j, double[] work) {
        return distance(i, j, Double.NaN, work);
    }

    /** The mix; {@code rawTimbre} the pair's divergence if already known (else NaN). */
    private double distance(int i, int j, double rawTimbre, double[] work) {
        if (i == j) {
            return 0;
        }
        double sum = 0;
        double total = 0;
        for (int c = 0; c < COMPONENTS; c++) {
            double w = weights.of(c);
            if (w > 0 && has(c, i, j)) {
                sum += w * (c == 0 && !Double.isNaN(rawTimbre) ? mp[0].distance(i, j, rawTimbre) : component(c, i, j, work));
                total += w;
            }
        }
        return total > 0 ? sum / total : FeatureSpace.distance(vectors[i], vectors[j]);
    }

    /** Whether tracks i and j both have what component c compares (a model, a pattern; the groups always). */
    private boolean has(int c, int i, int j) {
        return c == 0 ? timbre[i] != null && timbre[j] != null
                : c == FLUCTUATION ? fluctuation[i] != null && fluctuation[j] != null : true;
    }

    private static float[] pattern(TrackRecord r) {
        List<Float> p = r.getFluctuationPattern();
        if (p == null || p.isEmpty()) {
            return null;
        }
        float[] out = new float[p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.get(i);
        }
        return out;
    }

    /** Component c (0 timbre, then the feature-space groups, then the fluctuation pattern) of the distance, mutual-proximity normalised. */
    public double component(int c, int i, int j) {
        return component(c, i, j, work);
    }

    private double component(int c, int i, int j, double[] work) {
        if (i == j) {
            return 0;
        }
        if (!has(c, i, j)) {
            return 1; // nothing to compare: as far as can be
        }
        fitted(c, i, work);
        return fitted(c, j, work).distance(i, j, raw(c, i, j, work));
    }

    /** The raw distance of component c: musly's divergence (the summaries' distance without models), a group's. */
    private double raw(int c, int i, int j, double[] work) {
        if (c == 0) {
            return timbre[i] != null && timbre[j] != null ? TimbreModel.divergence(timbre[i], timbre[j], work)
                    : FeatureSpace.distance(vectors[i], vectors[j], FeatureSpace.Group.TIMBRE);
        }
        if (c == FLUCTUATION) {
            // Euclidean, as Pampalk compares patterns; a track without one (NaN) leaves the fit's sample
            float[] a = fluctuation[i];
            float[] b = fluctuation[j];
            if (a == null || b == null || a.length != b.length) {
                return Double.NaN;
            }
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                double e = a[k] - b[k];
                s += e * e;
            }
            return Math.sqrt(s);
        }
        return FeatureSpace.distance(vectors[i], vectors[j], GROUPS[c - 1]);
    }

    /** musly's timbre divergence of i and j, without normalisation. */
    public double rawTimbre(int i, int j) {
        return raw(0, i, j, work);
    }

    /** Up to {@value #SAMPLE} tracks spread over the library, the same for the same library. */
    private static int[] sample(int n) {
        if (n <= SAMPLE) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        SplittableRandom r = new SplittableRandom(42);
        return r.ints(0, n).distinct().limit(SAMPLE).sorted().toArray();
    }
}
