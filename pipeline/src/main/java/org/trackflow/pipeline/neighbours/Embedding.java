package org.trackflow.pipeline.neighbours;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.trackflow.pipeline.similarity.Components;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.similarity.TimbreModel;
import org.trackflow.pipeline.similarity.Weights;
import org.trackflow.schemas.TrackRecord;

/**
 * A vector per track whose Euclidean distances follow {@link org.trackflow.pipeline.similarity.Similarity}'s mix, so that a standard
 * nearest-neighbour index ({@link NeighbourIndex}) can find a track's candidates, which {@link org.trackflow.pipeline.similarity.Similarity}
 * then ranks. Per component of the mix with a weight w, its coordinates are divided by the component's
 * median distance between tracks (on a sample) and multiplied by sqrt(w), so each weighs as in the mix:
 * <ul>
 *   <li>timbre: the timbre model as a diagonal Gaussian, its means and log variances standardised
 *       (median, IQR), which for two Gaussians approximates the divergence of {@link TimbreModel} (exact for
 *       equal covariances up to scale); zeros for a track without a model;</li>
 *   <li>the feature-space groups ({@link FeatureSpace.Group}) with a weight: their coordinates as they are;</li>
 *   <li>each learned model's vector ({@code --model}), unit length, so that its Euclidean distances follow the
 *       cosine distance the similarity compares; zeros for a track without it.</li>
 * </ul>
 */
public final class Embedding {
    private static final FeatureSpace.Group[] GROUPS = FeatureSpace.Group.values();
    /**
     * The components in the vector: the timbre model and the groups. The fluctuation pattern (240 values) is
     * left out, which would triple the vector: the index finds candidates without it, and
     * {@link org.trackflow.pipeline.similarity.Similarity} ranks them with it.
     */
    static final int EMBEDDED = 1 + GROUPS.length;
    private final double[] timbreCentre;
    private final double[] timbreScale;
    /** Per component (timbre, then the groups): sqrt(weight) / median distance; 0 leaves it out. */
    private final double[] factor;
    /** The learned models in the vector, their dimensions and their factors (sqrt(weight) / median distance). */
    private final String[] models;
    private final int[] modelDims;
    private final double[] modelFactor;
    private final int dims;

    private Embedding(double[] timbreCentre, double[] timbreScale, double[] factor) {
        this(timbreCentre, timbreScale, factor, new String[0], new int[0], new double[0]);
    }

    private Embedding(double[] timbreCentre, double[] timbreScale, double[] factor, String[] models, int[] modelDims, double[] modelFactor) {
        this.timbreCentre = timbreCentre;
        this.timbreScale = timbreScale;
        this.factor = factor;
        this.models = models;
        this.modelDims = modelDims;
        this.modelFactor = modelFactor;
        int d = factor[0] > 0 ? timbreCentre.length : 0;
        for (int c = 1; c < factor.length; c++) {
            d += factor[c] > 0 ? GROUPS[c - 1].dims() : 0;
        }
        for (int m = 0; m < models.length; m++) {
            d += modelFactor[m] > 0 ? modelDims[m] : 0;
        }
        this.dims = d;
    }

    public int dims() {
        return dims;
    }

    /** Fitted on a sample of the library, in the library's space. */
    public static Embedding fit(List<TrackRecord> sample, FeatureSpace space) {
        List<double[]> all = new ArrayList<>();
        for (TrackRecord r : sample) {
            double[] t = timbre(r);
            if (t != null) {
                all.add(t);
            }
        }
        // the sample's most common model size (rows of an older feature set may hold another; they embed as 0)
        java.util.Map<Integer, Integer> sizes = new java.util.TreeMap<>();
        all.forEach(t -> sizes.merge(t.length, 1, Integer::sum));
        int td = sizes.entrySet().stream().max(java.util.Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(java.util.Map.Entry.comparingByKey())).map(java.util.Map.Entry::getKey).orElse(0);
        List<double[]> models = all.stream().filter(t -> t.length == td).toList();
        double[] centre = new double[td];
        double[] scale = new double[td];
        double[] column = new double[models.size()];
        for (int j = 0; j < td; j++) {
            for (int i = 0; i < models.size(); i++) {
                column[i] = models.get(i)[j];
            }
            Arrays.sort(column);
            centre[j] = column[column.length / 2];
            double iqr = column[3 * (column.length - 1) / 4] - column[(column.length - 1) / 4];
            scale[j] = iqr > 1e-9 ? iqr : 1;
        }
        Weights w = Weights.DEFAULT;
        double[] factor = new double[EMBEDDED];
        Embedding unit = new Embedding(centre, scale, ones(factor.length, td > 0));
        // the median distance of each component between random pairs of the sample
        List<double[]> points = sample.stream().map(r -> unit.unscaled(r, space.vector(r))).toList();
        SplittableRandom random = new SplittableRandom(42);
        for (int c = 0; c < factor.length; c++) {
            if (w.of(component(c)) <= 0 || c == 0 && td == 0 || points.size() < 2) {
                continue;
            }
            int component = c;
            double median = medianPairDistance(points, (p, q) -> unit.componentDistance(p, q, component), random);
            factor[c] = Math.sqrt(w.of(component(c))) / (median > 1e-12 ? median : 1);
        }
        List<String> names = new ArrayList<>(Components.modelNames(sample));
        int[] mdims = new int[names.size()];
        double[] mfactor = new double[names.size()];
        for (int m = 0; m < names.size(); m++) {
            String name = names.get(m);
            List<float[]> vs = sample.stream().map(r -> Components.modelVector(r, name)).filter(v -> v != null).toList();
            if (vs.size() < 2) {
                continue;
            }
            mdims[m] = vs.get(0).length;
            double weight = w.of(Components.MODEL + name, Components.modelWeight(sample, name));
            double median = medianPairDistance(vs, Embedding::euclidean, random);
            mfactor[m] = weight > 0 ? Math.sqrt(weight) / (median > 1e-12 ? median : 1) : 0;
        }
        return new Embedding(centre, scale, factor, names.toArray(String[]::new), mdims, mfactor);
    }

    /** The median distance between random pairs of distinct points (up to 2 000 pairs, four a point). */
    private static <T> double medianPairDistance(List<T> points, java.util.function.ToDoubleBiFunction<T, T> distance,
                                                 SplittableRandom random) {
        double[] d = new double[Math.min(2000, points.size() * 4)];
        for (int k = 0; k < d.length; k++) {
            int a = random.nextInt(points.size());
            int b = (a + 1 + random.nextInt(points.size() - 1)) % points.size();
            d[k] = distance.applyAsDouble(points.get(a), points.get(b));
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    private static double euclidean(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < Math.min(a.length, b.length); k++) {
            s += (a[k] - b[k]) * (double) (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }

    /** The name in the mix of embedded component c: the timbre model, then the groups. */
    private static String component(int c) {
        return c == 0 ? Components.TIMBRE : GROUPS[c - 1].component();
    }

    private static double[] ones(int n, boolean timbre) {
        double[] f = new double[n];
        Arrays.fill(f, 1);
        f[0] = timbre ? 1 : 0;
        return f;
    }

    /** The track's vector; {@code vector} is its point in the library's {@link FeatureSpace}. */
    public float[] of(TrackRecord r, double[] vector) {
        double[] u = unscaled(r, vector);
        float[] out = new float[dims];
        int k = 0;
        int at = 0;
        for (int c = 0; c < factor.length; c++) {
            int len = c == 0 ? timbreCentre.length : GROUPS[c - 1].dims();
            if (factor[c] > 0) {
                for (int j = 0; j < len; j++) {
                    out[k++] = (float) (u[at + j] * factor[c]);
                }
            }
            at += len;
        }
        for (int m = 0; m < models.length; m++) {
            if (modelFactor[m] > 0) {
                float[] v = Components.modelVector(r, models[m]);
                for (int j = 0; j < modelDims[m]; j++) {
                    out[k++] = v == null || v.length != modelDims[m] ? 0 : (float) (v[j] * modelFactor[m]);
                }
            }
        }
        return out;
    }

    /** All components side by side, unweighted: the standardised timbre, then every group of the vector. */
    private double[] unscaled(TrackRecord r, double[] vector) {
        double[] t = timbre(r);
        double[] u = new double[timbreCentre.length + vector.length];
        for (int j = 0; j < timbreCentre.length; j++) {
            u[j] = t == null || t.length != timbreCentre.length ? 0 : (t[j] - timbreCentre[j]) / timbreScale[j];
        }
        System.arraycopy(vector, 0, u, timbreCentre.length, vector.length);
        return u;
    }

    private double componentDistance(double[] a, double[] b, int c) {
        int from = c == 0 ? 0 : timbreCentre.length + GROUPS[c - 1].from();
        int len = c == 0 ? timbreCentre.length : GROUPS[c - 1].dims();
        double s = 0;
        for (int j = from; j < from + len; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }

    /** The timbre model as means and log variances, or null. */
    private static double[] timbre(TrackRecord r) {
        TimbreModel m = TimbreModel.of(r);
        if (m == null) {
            return null;
        }
        int d = m.dimension();
        double[] t = new double[2 * d];
        for (int i = 0; i < d; i++) {
            t[i] = m.mean(i);
            t[d + i] = Math.log(m.variance(i));
        }
        return t;
    }

    /** The parameters as one line of text, for the index's metadata. */
    public String encode() {
        StringBuilder dimsCsv = new StringBuilder();
        for (int m = 0; m < modelDims.length; m++) {
            dimsCsv.append(m > 0 ? "," : "").append(modelDims[m]);
        }
        return FeatureSpace.csv(timbreCentre) + ";" + FeatureSpace.csv(timbreScale) + ";" + FeatureSpace.csv(factor) + ";"
                + String.join(",", models) + ";" + dimsCsv + ";" + FeatureSpace.csv(modelFactor);
    }

    public static Embedding decode(String s) {
        String[] p = s.split(";", -1);
        if (p.length < 6 || p[3].isEmpty()) {
            return new Embedding(FeatureSpace.parseCsv(p[0]), FeatureSpace.parseCsv(p[1]), FeatureSpace.parseCsv(p[2]));
        }
        String[] names = p[3].split(",");
        int[] mdims = java.util.Arrays.stream(p[4].split(",")).mapToInt(Integer::parseInt).toArray();
        return new Embedding(FeatureSpace.parseCsv(p[0]), FeatureSpace.parseCsv(p[1]), FeatureSpace.parseCsv(p[2]), names, mdims,
                FeatureSpace.parseCsv(p[5]));
    }
}
