package org.trackflow.pipeline.similarity;

import java.util.ArrayList;
import java.util.List;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.model.ModelState;

/**
 * The components of trackflow's similarity, in the mix's order: musly's timbre divergence
 * ({@link TimbreModel}), the distance within each group of the {@link FeatureSpace} (the frame-feature
 * summaries, rhythm, tonal, energy), and the Euclidean distance of Pampalk's fluctuation patterns.
 */
public final class Components {
    public static final String TIMBRE = "timbre";
    public static final String SUMMARIES = "summaries";
    public static final String RHYTHM = "rhythm";
    public static final String TONAL = "tonal";
    public static final String ENERGY = "energy";
    public static final String FLUCTUATION = "fluctuation";
    /** A learned model's vector ({@code --model}): the component is named {@code model:} and the card's name. */
    public static final String MODEL = "model:";

    private Components() {}

    /** The components of {@code rows}, whose points in the feature space are {@code vectors}. */
    public static List<Component> of(List<TrackRecord> rows, double[][] vectors) {
        int n = rows.size();
        TimbreModel[] models = new TimbreModel[n];
        float[][] patterns = new float[n][];
        for (int i = 0; i < n; i++) {
            models[i] = TimbreModel.of(rows.get(i));
            patterns[i] = pattern(rows.get(i));
        }
        List<Component> out = new ArrayList<>();
        out.add(timbre(models, vectors));
        for (FeatureSpace.Group g : FeatureSpace.Group.values()) {
            out.add(group(g, vectors));
        }
        out.add(fluctuation(patterns));
        for (String name : modelNames(rows)) {
            float[][] v = new float[n][];
            for (int i = 0; i < n; i++) {
                v[i] = modelVector(rows.get(i), name);
            }
            out.add(model(name, v, modelWeight(rows, name)));
        }
        return out;
    }

    /** The learned models whose vectors some of {@code rows} carry, by name. */
    public static java.util.SortedSet<String> modelNames(List<TrackRecord> rows) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (TrackRecord r : rows) {
            if (r.getModelVectors() != null) {
                names.addAll(r.getModelVectors().keySet());
            }
        }
        return names;
    }

    /**
     * The weight a learned model's card gave it ({@code models}: {@code sha256 weight=W ...}) in the latest scan
     * that ran the model (a card edited since the first tracks were analysed weighs as now), NaN when no row says.
     */
    public static double modelWeight(List<TrackRecord> rows, String name) {
        double weight = Double.NaN;
        long scan = Long.MIN_VALUE;
        for (TrackRecord r : rows) {
            String state = r.getModels() == null ? null : r.getModels().get(name);
            double w = state == null || r.getScanId() <= scan ? Double.NaN : ModelState.weight(state);
            if (!Double.isNaN(w)) {
                weight = w;
                scan = r.getScanId();
            }
        }
        return weight;
    }

    /** A row's vector of learned model {@code name}, unit length (so that Euclidean distances follow the cosine), or null. */
    public static float[] modelVector(TrackRecord r, String name) {
        List<Float> v = r.getModelVectors() == null ? null : r.getModelVectors().get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        float[] out = new float[v.size()];
        double norm = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = v.get(k);
            norm += (double) out[k] * out[k];
        }
        if (!(norm > 0)) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int k = 0; k < out.length; k++) {
            out[k] *= scale;
        }
        return out;
    }

    /**
     * A learned model's cosine distance, 1 - cos(a, b) (its vectors are unit length), as AudioMuse-AI and the
     * embedding literature compare such vectors; a pair without both vectors is compared by the other components.
     */
    static Component model(String name, float[][] vectors, double weight) {
        return new Component() {
            @Override
            public String name() {
                return MODEL + name;
            }

            @Override
            public double weight() {
                return weight;
            }

            @Override
            public boolean has(int i, int j) {
                return vectors[i] != null && vectors[j] != null && vectors[i].length == vectors[j].length;
            }

            @Override
            public double raw(int i, int j, double[] w) {
                if (!has(i, j)) {
                    return Double.NaN;
                }
                double dot = 0;
                float[] a = vectors[i];
                float[] b = vectors[j];
                for (int k = 0; k < a.length; k++) {
                    dot += (double) a[k] * b[k];
                }
                return Math.max(0, 1 - dot);
            }
        };
    }

    /**
     * musly's Jensen–Shannon divergence of two timbre models; a pair without both models is told by the
     * distance of their frame-feature summaries (which only a mutual-proximity fit sees: the mix leaves the
     * component out for such a pair, {@link Component#has}).
     */
    static Component timbre(TimbreModel[] models, double[][] vectors) {
        int d = 0;
        for (TimbreModel m : models) {
            d = m != null ? Math.max(d, m.d * m.d) : d;
        }
        int work = d;
        return new Component() {
            @Override
            public String name() {
                return TIMBRE;
            }

            @Override
            public boolean has(int i, int j) {
                // models of another dimension (rows of an older feature set) cannot be compared: as if absent
                return models[i] != null && models[j] != null && models[i].d == models[j].d;
            }

            @Override
            public double raw(int i, int j, double[] w) {
                return has(i, j) ? TimbreModel.divergence(models[i], models[j], w)
                        : FeatureSpace.distance(vectors[i], vectors[j], FeatureSpace.Group.TIMBRE);
            }

            @Override
            public int work() {
                return work;
            }

            @Override
            public boolean costly() {
                return true;
            }
        };
    }

    /** The Euclidean distance within one group of the feature space (every track has one). */
    static Component group(FeatureSpace.Group g, double[][] vectors) {
        return new Component() {
            @Override
            public String name() {
                return g.component();
            }

            @Override
            public boolean has(int i, int j) {
                return true;
            }

            @Override
            public double raw(int i, int j, double[] w) {
                return FeatureSpace.distance(vectors[i], vectors[j], g);
            }
        };
    }

    /** The Euclidean distance of two fluctuation patterns, as Pampalk compares them; NaN without both. */
    static Component fluctuation(float[][] patterns) {
        return new Component() {
            @Override
            public String name() {
                return FLUCTUATION;
            }

            @Override
            public boolean has(int i, int j) {
                return patterns[i] != null && patterns[j] != null;
            }

            @Override
            public double raw(int i, int j, double[] w) {
                float[] a = patterns[i];
                float[] b = patterns[j];
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
        };
    }

    /** A row's fluctuation pattern, or null (an older feature set, a track under one segment). */
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
}
