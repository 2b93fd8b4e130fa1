package org.trackflow.udfs.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * One feature computed on every analysis frame, declared once: its name (the stem of its output columns),
 * how many values it gives per frame, which per-track summaries become columns, the class that defines it,
 * and how to make its per-task compute step for a sample rate. {@link FrameFeatures} lists them all; the
 * analyser, the record builder, the schema and docs checks and the stage profile follow from that list.
 *
 * @param name           column stem, e.g. {@code spectral_centroid} gives {@code spectral_centroid_mean}
 * @param width          values per frame (1 for a scalar, 13 for the MFCCs)
 * @param summaries      the summaries written per track, in column order
 * @param implementation the class with the formula and its reference
 * @param unit           unit of the values ("" when none)
 * @param factory        makes the compute step for an analysis sample rate (one per task: steps may keep buffers)
 */
public record FrameFeature(String name, int width, List<Summary> summaries, Class<?> implementation, String unit,
                           IntFunction<Step> factory) {

    /**
     * A per-track summary of a frame feature that becomes a column: the mean or the standard deviation of
     * each value, or the covariance of a vector feature (its packed upper triangle, row by row).
     */
    public enum Summary {
        MEAN, STD, COV;

        public String suffix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Computes the feature's {@code width} values of the current frame into {@code out[offset ..]}. */
    @FunctionalInterface
    public interface Step {
        void compute(FrameContext frame, double[] out, int offset);
    }

    /** An output column: {@code name_summary}, a double for scalar features, a float list otherwise. */
    public record Column(FrameFeature feature, Summary summary) {
        public String name() {
            return feature.name() + "_" + summary.suffix();
        }

        /** Values in the column: the feature's width, or the packed triangle of a covariance. */
        public int width() {
            return summary == Summary.COV ? feature.width() * (feature.width() + 1) / 2 : feature.width();
        }
    }

    /** Whether a covariance of the feature's values is kept (it needs a co-moment accumulator). */
    public boolean hasCovariance() {
        return summaries.contains(Summary.COV);
    }

    public List<Column> columns() {
        List<Column> out = new ArrayList<>();
        for (Summary s : summaries) {
            out.add(new Column(this, s));
        }
        return out;
    }

    /** The implementation's class name relative to the udfs package, e.g. {@code spectral.SpectralCentroid}. */
    public String implementationName() {
        return implementation.getName().substring("org.trackflow.udfs.".length());
    }
}
