package org.trackflow.pipeline.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.trackflow.schemas.TrackRecord;

/**
 * How alike two tracks sound, for instant mixes, song paths and playlists: the {@link Component}s of
 * {@link Components} (timbre, the feature-space groups, the fluctuation pattern), each normalised by
 * {@link MutualProximity} (so each is in 0..1 and free of hubs) and mixed by {@link Weights}. A pair that
 * lacks what a component compares (an older feature set, a track under 3 s) is compared by the others.
 */
public final class Similarity implements Metric {
    /** Tracks whose distances fit each track's mutual-proximity statistics (musly: up to 1000). */
    static final int SAMPLE = 1000;

    private final List<TrackRecord> rows;
    private final double[][] vectors;
    private final Component[] components;
    private final double[] weights;
    private final MutualProximity[] mp;
    private final int[] sample;
    /** The rows compared: the first ones (the sample of a part follows them). */
    private final int compared;
    private final double[] work;

    /**
     * The measure on {@code rows} in {@code space}, each track's mutual-proximity statistics fitted (when
     * first needed) on its distances to the tracks {@code sample} (indexes into rows); {@code vectors} are
     * the rows' points in the space if the caller has them already, else null.
     */
    private Similarity(List<TrackRecord> rows, int compared, Weights mix, FeatureSpace space, int[] sample, double[][] vectors) {
        this.rows = rows;
        this.compared = compared;
        this.sample = sample;
        int n = rows.size();
        this.vectors = vectors != null ? vectors : new double[n][];
        if (vectors == null) {
            for (int i = 0; i < n; i++) {
                this.vectors[i] = space.vector(rows.get(i));
            }
        }
        this.components = Components.of(rows, this.vectors).toArray(Component[]::new);
        this.weights = new double[components.length];
        this.mp = new MutualProximity[components.length];
        int scratch = 1;
        for (int c = 0; c < components.length; c++) {
            weights[c] = mix.of(components[c].name(), components[c].weight());
            mp[c] = MutualProximity.unfitted(n);
            scratch = Math.max(scratch, components[c].work());
        }
        this.work = new double[scratch];
    }

    /** A copy that shares everything with {@code of} but the work space. */
    private Similarity(Similarity of) {
        this.rows = of.rows;
        this.compared = of.compared;
        this.sample = of.sample;
        this.vectors = of.vectors;
        this.components = of.components;
        this.weights = of.weights;
        this.mp = of.mp;
        this.work = new double[of.work.length];
    }

    /**
     * Fits every track's mutual-proximity statistics now, in parallel (each fit writes only its own track's
     * slot), so that {@link #forThread} copies may then be used from many threads at once. Returns this.
     */
    public Similarity fitAll() {
        IntStream.range(0, rows.size()).parallel().forEach(i -> {
            double[] w = new double[work.length];
            for (int c = 0; c < components.length; c++) {
                if (weights[c] > 0) {
                    fitted(c, i, w);
                }
            }
        });
        return this;
    }

    /**
     * The same measure for one more thread: it shares the rows, components and statistics and has its own work
     * space. Only after {@link #fitAll}: a statistic fitted lazily by one thread while another reads it would race.
     */
    public Similarity forThread() {
        return new Similarity(this);
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
    public static Similarity fit(List<TrackRecord> rows, FeatureSpace space, double[][] x) {
        return new Similarity(rows, rows.size(), Weights.DEFAULT, space, sample(rows.size(), SAMPLE), x);
    }

    /** The same with another mix, for the evaluation. */
    public static Similarity fit(List<TrackRecord> rows, Weights weights) {
        return new Similarity(rows, rows.size(), weights, FeatureSpace.fit(rows), sample(rows.size(), SAMPLE), null);
    }

    /**
     * The measure with each track's mutual-proximity statistics fitted on {@code sampleSize} tracks rather than
     * {@value #SAMPLE}: for a picture of thousands of tracks (the map), where fitting every one's statistics on a
     * thousand others would cost more than the picture gains.
     */
    public static Similarity fit(List<TrackRecord> rows, int sampleSize) {
        return new Similarity(rows, rows.size(), Weights.DEFAULT, FeatureSpace.fit(rows), sample(rows.size(), sampleSize), null);
    }

    /**
     * The measure on a part of a large library (a neighbour index's candidates): {@code rows} are the tracks
     * to compare, followed by {@code sample} tracks spread over the library; the space is the library's.
     * Distances among the first rows are those the whole library would give, up to the sample.
     */
    public static Similarity ofPart(List<TrackRecord> rows, List<TrackRecord> sample, FeatureSpace space) {
        List<TrackRecord> all = new ArrayList<>(rows);
        all.addAll(sample);
        return new Similarity(all, rows.size(), Weights.DEFAULT, space, IntStream.range(rows.size(), all.size()).toArray(), null);
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

    /** The names of the components, in the mix's order (what {@link #component} takes the index of). */
    public List<String> components() {
        return java.util.Arrays.stream(components).map(Component::name).toList();
    }

    /** Distance of tracks i and j, 0..1. Not thread-safe (shared work space). */
    @Override
    public double distance(int i, int j) {
        return distance(i, j, -1, Double.NaN, work);
    }

    /**
     * All distances among the compared tracks (symmetric, 0 on the diagonal), in parallel, each thread
     * with its own work space: the costly component's raw distances first (the timbre divergences, each
     * pair once), which also fit its mutual-proximity statistics when the sample is among the compared
     * tracks; the other components' statistics (each fit writes only its own track's slot); then the mix
     * replaces the raw distances. n^2 floats: for small libraries only.
     */
    public float[][] matrix() {
        int n = compared;
        ThreadLocal<double[]> local = ThreadLocal.withInitial(() -> new double[work.length]);
        float[][] m = new float[n][n];
        int costly = costly();
        boolean fromMatrix = costly >= 0 && java.util.Arrays.stream(sample).allMatch(s -> s < n);
        if (fromMatrix) {
            IntStream.range(0, n).parallel().forEach(i -> {
                double[] w = local.get();
                for (int j = i + 1; j < n; j++) {
                    m[i][j] = (float) components[costly].raw(i, j, w);
                }
            });
            mirror(m);
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            if (fromMatrix && !mp[costly].fitted(i)) {
                double[] raw = new double[sample.length];
                for (int s = 0; s < sample.length; s++) {
                    raw[s] = i == sample[s] ? Double.NaN : m[i][sample[s]];
                }
                mp[costly].fit(i, raw);
            }
            for (int c = 0; c < components.length; c++) {
                if (weights[c] > 0) {
                    fitted(c, i, local.get());
                }
            }
        });
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] w = local.get();
            for (int j = i + 1; j < n; j++) {
                m[i][j] = (float) distance(i, j, fromMatrix ? costly : -1, fromMatrix ? m[i][j] : Double.NaN, w);
            }
        });
        mirror(m);
        return m;
    }

    /** The first weighted component whose raw distances a matrix computes once per pair, or -1. */
    private int costly() {
        return components.length > 0 && weights[0] > 0 && components[0].costly() ? 0 : -1;
    }

    /** Copies the upper triangle onto the lower. */
    private static void mirror(float[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                m[j][i] = m[i][j];
            }
        }
    }

    /** The mix; {@code known} is component {@code at}'s raw distance of the pair if already computed (else NaN). */
    private double distance(int i, int j, int at, double known, double[] work) {
        if (i == j) {
            return 0;
        }
        double sum = 0;
        double total = 0;
        for (int c = 0; c < components.length; c++) {
            double w = weights[c];
            if (w > 0 && components[c].has(i, j)) {
                sum += w * (c == at && !Double.isNaN(known) ? mp[c].distance(i, j, known) : component(c, i, j, work));
                total += w;
            }
        }
        return total > 0 ? sum / total : FeatureSpace.distance(vectors[i], vectors[j]);
    }

    /** Component c ({@link #components} order) of the distance of i and j, mutual-proximity normalised. */
    public double component(int c, int i, int j) {
        return component(c, i, j, work);
    }

    private double component(int c, int i, int j, double[] work) {
        if (i == j) {
            return 0;
        }
        if (!components[c].has(i, j)) {
            return 1; // nothing to compare: as far as can be
        }
        fitted(c, i, work);
        return fitted(c, j, work).distance(i, j, components[c].raw(i, j, work));
    }

    /** Track i's statistics of component c, fitted on its distances to the sample if not yet. */
    private MutualProximity fitted(int c, int i, double[] work) {
        if (!mp[c].fitted(i)) {
            double[] raw = new double[sample.length];
            for (int s = 0; s < sample.length; s++) {
                raw[s] = i == sample[s] ? Double.NaN : components[c].raw(i, sample[s], work);
            }
            mp[c].fit(i, raw);
        }
        return mp[c];
    }

    /** Component c's raw distance of i and j, without normalisation (the evaluation's baselines). */
    public double raw(int c, int i, int j) {
        return components[c].raw(i, j, work);
    }

    /** Up to {@code size} tracks spread over the library, the same for the same library. */
    private static int[] sample(int n, int size) {
        if (n <= size) {
            return IntStream.range(0, n).toArray();
        }
        SplittableRandom r = new SplittableRandom(42);
        return r.ints(0, n).distinct().limit(size).sorted().toArray();
    }
}
