package org.trackflow.pipeline.similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.trackflow.schemas.TrackRecord;

/**
 * The space tracks are compared in. Four groups of features, each robust-scaled per dimension
 * ({@code (x - median) / max(IQR, range / 4)}, winsorised at +-{@value #CLIP}, so a few extreme
 * tracks neither squash the rest nor decide alone) and weighted so that a
 * group's total variance does not depend on how many dimensions it has:
 * <ul>
 *   <li>timbre (weight {@value #TIMBRE}): MFCC 2-13, spectral contrast, centroid, bandwidth, rolloff,
 *       flatness, zero-crossing rate;</li>
 *   <li>rhythm ({@value #RHYTHM}): log2 tempo, onset rate, danceability; tempo itself weighs
 *       {@value #TEMPO};</li>
 *   <li>tonal ({@value #TONAL}): the key as a point on the circle of fifths (relative keys coincide, as on
 *       the Camelot wheel) and the mean chroma;</li>
 *   <li>energy ({@value #ENERGY}): integrated loudness, log RMS, dynamic complexity.</li>
 * </ul>
 * MFCC 1 is left out: it is mostly loudness, which the energy group already has.
 */
public final class FeatureSpace {
    static final double TIMBRE = 1.0;
    static final double RHYTHM = 1.0;
    /** Tempo weighs on its own, on top of the rhythm group: what a listener notices first. */
    static final double TEMPO = 3.0;
    static final double TONAL = 0.3;
    /** Scaled values are winsorised here, so a single extreme feature cannot decide alone. */
    static final double CLIP = 3;
    static final double ENERGY = 0.8;

    private final double[] median;
    private final double[] scale;
    private final double[] weight;

    private FeatureSpace(double[] median, double[] scale, double[] weight) {
        this.median = median;
        this.scale = scale;
        this.weight = weight;
    }

    /**
     * Whether a row has what the space needs: an analysed track with audible content (a track without a
     * pulse, whose {@code bpm} is null, still counts: see {@link #NO_PULSE_BPM}).
     */
    public static boolean usable(TrackRecord r) {
        return org.trackflow.pipeline.catalog.RowKinds.OK.equals(r.getStatus()) && r.getMfccMean() != null && r.getLoudnessLufs() != null;
    }

    /** Where a track without a pulse sits on the tempo axis: the middle of the range, so it is near neither end. */
    static final double NO_PULSE_BPM = 100;

    /** Fits the scaling to the library. */
    public static FeatureSpace fit(List<TrackRecord> rows) {
        List<double[]> raw = new ArrayList<>();
        for (TrackRecord r : rows) {
            raw.add(raw(r));
        }
        int d = raw.get(0).length;
        double[] median = new double[d];
        double[] scale = new double[d];
        double[] column = new double[raw.size()];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < raw.size(); i++) {
                column[i] = raw.get(i)[j];
            }
            Arrays.sort(column);
            median[j] = quantile(column, 0.5);
            double iqr = quantile(column, 0.75) - quantile(column, 0.25);
            double range = column[column.length - 1] - column[0];
            // A dimension where most tracks agree has a tiny IQR: bound the scale so it cannot explode.
            double s = Math.max(iqr, range / 4);
            scale[j] = s > 1e-9 ? s : 1;
        }
        return new FeatureSpace(median, scale, groupWeights());
    }

    /** A space fitted before (its medians and scales, as {@link #median()} and {@link #scale()} gave them). */
    public static FeatureSpace of(double[] median, double[] scale) {
        return new FeatureSpace(median.clone(), scale.clone(), groupWeights());
    }

    /** A vector as comma-separated numbers (state files, index metadata); {@link #parseCsv} reads it back. */
    public static String csv(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? "," : "").append(v[i]);
        }
        return sb.toString();
    }

    public static double[] parseCsv(String csv) {
        return csv.isEmpty() ? new double[0] : Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Per raw dimension: the library's median. */
    public double[] median() {
        return median.clone();
    }

    /** Per raw dimension: the scale a difference is divided by. */
    public double[] scale() {
        return scale.clone();
    }

    /** The track's point in the space. */
    public double[] vector(TrackRecord r) {
        return scaleRaw(raw(r));
    }

    /** A point in raw feature units (a stored playlist centre) mapped into this space. */
    public double[] scaleRaw(double[] raw) {
        double[] x = raw.clone();
        for (int j = 0; j < x.length; j++) {
            double z = (x[j] - median[j]) / scale[j];
            x[j] = Math.max(-CLIP, Math.min(CLIP, z)) * weight[j];
        }
        return x;
    }

    public static double distance(double[] a, double[] b) {
        return Math.sqrt(squaredDistance(a, b));
    }

    /** The squared distance of two points: what nearest-centre searches compare. */
    public static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    private static final int TIMBRE_DIMS = 12 + 7 + 5;
    private static final int RHYTHM_DIMS = 3;
    private static final int TONAL_DIMS = 2 + 12;
    private static final int ENERGY_DIMS = 3;

    /**
     * The groups of the space, in order: timbre summaries, rhythm, tonal, energy; each is a component of
     * {@link Similarity}'s mix under its {@link #component} name.
     */
    public enum Group {
        TIMBRE(0, TIMBRE_DIMS, Components.SUMMARIES), RHYTHM(TIMBRE_DIMS, RHYTHM_DIMS, Components.RHYTHM),
        TONAL(TIMBRE_DIMS + RHYTHM_DIMS, TONAL_DIMS, Components.TONAL),
        ENERGY(TIMBRE_DIMS + RHYTHM_DIMS + TONAL_DIMS, ENERGY_DIMS, Components.ENERGY);

        private final int from;
        private final int dims;
        private final String component;

        Group(int from, int dims, String component) {
            this.from = from;
            this.dims = dims;
            this.component = component;
        }

        /** The group's first dimension in a point of the space. */
        public int from() {
            return from;
        }

        /** Its number of dimensions. */
        public int dims() {
            return dims;
        }

        /** The name of its component in the mix. */
        public String component() {
            return component;
        }
    }

    /** The distance of two points within one group. */
    public static double distance(double[] a, double[] b, Group g) {
        double s = 0;
        for (int i = g.from; i < g.from + g.dims; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double[] groupWeights() {
        double[] w = new double[TIMBRE_DIMS + RHYTHM_DIMS + TONAL_DIMS + ENERGY_DIMS];
        int k = 0;
        k = fill(w, k, TIMBRE_DIMS, TIMBRE);
        k = fill(w, k, RHYTHM_DIMS, RHYTHM);
        w[TIMBRE_DIMS] = TEMPO; // log2 tempo, the first rhythm dimension
        k = fill(w, k, TONAL_DIMS, TONAL);
        fill(w, k, ENERGY_DIMS, ENERGY);
        return w;
    }

    private static int fill(double[] w, int from, int n, double groupWeight) {
        for (int i = 0; i < n; i++) {
            w[from + i] = groupWeight / Math.sqrt(n);
        }
        return from + n;
    }

    public static double[] raw(TrackRecord r) {
        double[] x = new double[TIMBRE_DIMS + RHYTHM_DIMS + TONAL_DIMS + ENERGY_DIMS];
        int k = 0;
        List<Float> mfcc = r.getMfccMean();
        for (int i = 1; i < 13; i++) {
            x[k++] = mfcc.get(i);
        }
        List<Float> contrast = r.getSpectralContrastMean();
        for (int i = 0; i < 7; i++) {
            x[k++] = contrast != null ? contrast.get(i) : 0;
        }
        x[k++] = value(r.getSpectralCentroidMean());
        x[k++] = value(r.getSpectralBandwidthMean());
        x[k++] = value(r.getSpectralRolloffMean());
        x[k++] = value(r.getSpectralFlatnessMean());
        x[k++] = value(r.getZcrMean());
        x[k++] = Math.log(r.getBpm() != null ? r.getBpm() : NO_PULSE_BPM) / Math.log(2);
        x[k++] = value(r.getOnsetRate());
        x[k++] = value(r.getDanceability());
        // Circle of fifths: C=0, G=1, D=2 ...; a minor key sits with its relative major (as on the Camelot wheel).
        double angle = 0;
        if (r.getKey() != null) {
            int tonic = org.trackflow.udfs.tonal.KeyNames.pitchClass(r.getKey());
            int majorTonic = "minor".equals(r.getScale()) ? (tonic + 3) % 12 : tonic;
            angle = 2 * Math.PI * ((majorTonic * 7) % 12) / 12.0;
        }
        x[k++] = Math.cos(angle);
        x[k++] = Math.sin(angle);
        List<Float> chroma = r.getChromaMean();
        for (int i = 0; i < 12; i++) {
            x[k++] = chroma != null ? chroma.get(i) : 0;
        }
        x[k++] = r.getLoudnessLufs();
        x[k++] = Math.log(Math.max(1e-6, value(r.getRmsMean())));
        x[k] = value(r.getDynamicComplexity());
        return x;
    }

    private static double value(Double v) {
        return v == null ? 0 : v;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
    }
}
