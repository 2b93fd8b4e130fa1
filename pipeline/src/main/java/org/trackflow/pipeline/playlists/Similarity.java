package org.trackflow.pipeline.playlists;

import java.util.List;
import java.util.SplittableRandom;
import org.trackflow.schemas.TrackRecord;

/**
 * How alike two tracks sound, for instant mixes, song paths and the order of playlists: musly's timbre
 * divergence ({@link TimbreModel}) and the distance in the {@link FeatureSpace} (rhythm, tonal and energy
 * descriptors with the older timbre summaries), each normalised by {@link MutualProximity} so that both
 * are in 0..1 and free of hubs, then mixed: {@code (1 - w) MP_timbre + w MP_features}. The weight
 * {@link #FEATURE_WEIGHT} was chosen on the evaluation in {@code bench/results/similarity.md}. Tracks
 * without a timbre model (analysed by an older feature set) are compared by the feature space alone.
 */
public final class Similarity implements SongPath.Metric {
    /** Share of the feature-space distance in the mix (bench/results/similarity.md). */
    public static final double FEATURE_WEIGHT = 0.2;
    /** Tracks whose distances fit each track's mutual-proximity statistics (musly: up to 1000). */
    static final int SAMPLE = 1000;

    private final List<TrackRecord> rows;
    private final FeatureSpace space;
    private final double[][] vectors;
    private final TimbreModel[] timbre;
    private final MutualProximity timbreMp;
    private final MutualProximity featureMp;
    private final double featureWeight;
    private final double[] work;

    private Similarity(List<TrackRecord> rows, double featureWeight) {
        this.rows = rows;
        this.featureWeight = featureWeight;
        this.space = FeatureSpace.fit(rows);
        int n = rows.size();
        vectors = new double[n][];
        timbre = new TimbreModel[n];
        int d = 0;
        for (int i = 0; i < n; i++) {
            vectors[i] = space.vector(rows.get(i));
            timbre[i] = TimbreModel.of(rows.get(i));
            d = timbre[i] != null ? timbre[i].cov.length : d;
        }
        work = new double[Math.max(1, d)];
        int[] sample = sample(n);
        double[][] t = new double[n][sample.length];
        double[][] f = new double[n][sample.length];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < sample.length; s++) {
                int j = sample[s];
                t[i][s] = i == j ? Double.NaN : rawTimbre(i, j);
                f[i][s] = i == j ? Double.NaN : FeatureSpace.distance(vectors[i], vectors[j]);
            }
        }
        timbreMp = MutualProximity.fit(t);
        featureMp = MutualProximity.fit(f);
    }

    /** The measure on a library's usable rows (see {@link FeatureSpace#usable}). */
    public static Similarity fit(List<TrackRecord> rows) {
        return new Similarity(rows, FEATURE_WEIGHT);
    }

    /** The same with another mix, for the evaluation. */
    public static Similarity fit(List<TrackRecord> rows, double featureWeight) {
        return new Similarity(rows, featureWeight);
    }

    public List<TrackRecord> rows() {
        return rows;
    }

    @Override
    public int size() {
        return rows.size();
    }

    public FeatureSpace space() {
        return space;
    }

    /** Track i's point in the feature space. */
    public double[] vector(int i) {
        return vectors[i];
    }

    /** Distance of tracks i and j, 0..1. Not thread-safe (shared work space). */
    @Override
    public double distance(int i, int j) {
        if (i == j) {
            return 0;
        }
        double f = featureMp.distance(i, j, FeatureSpace.distance(vectors[i], vectors[j]));
        if (timbre[i] == null || timbre[j] == null) {
            return f;
        }
        double t = timbreMp.distance(i, j, rawTimbre(i, j));
        return (1 - featureWeight) * t + featureWeight * f;
    }

    /** musly's timbre divergence of i and j (the feature distance where either has no model). */
    public double rawTimbre(int i, int j) {
        if (timbre[i] == null || timbre[j] == null) {
            return FeatureSpace.distance(vectors[i], vectors[j]);
        }
        return TimbreModel.divergence(timbre[i], timbre[j], work);
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
