package org.trackflow.udfs.analysis;

import java.util.List;
import java.util.function.Function;

/**
 * One feature estimated once per track, declared once: its name, the class that defines it (formula and
 * reference in its Javadoc), how it is estimated from the track's merged analysis ({@link MergedTrack}),
 * and the output columns its result becomes. {@link WholeTrackFeatures} lists them all; the merger, the
 * record builder, the schema check and the docs table follow from that list, as they do for
 * {@link FrameFeatures}.
 *
 * @param <R> what the estimate gives (a tempo, a key, a profile); null where the track has none
 */
public record TrackFeature<R>(String name, Class<?> implementation, Function<MergedTrack, R> estimator, List<Column<R>> columns) {

    /** What a column holds: a double (null where not finite), a string, or a list of floats. */
    public enum Kind { DOUBLE, STRING, FLOATS }

    /**
     * An output column of the feature: its name in the schema, its kind, its unit ("" when none), and its
     * value from the feature's result (a {@code Double}, a {@code String}, or a {@code double[]} or
     * {@code float[]} for a list); every column is null when the result is null.
     */
    public record Column<R>(String name, Kind kind, String unit, Function<R, Object> value) {}

    /** The value of {@code column} for a result, as the column's kind holds it (before the record's own types). */
    public Object value(Column<R> column, R result) {
        return result == null ? null : column.value().apply(result);
    }

    /** The implementation's class name relative to the udfs package, e.g. {@code rhythm.TempoEstimator}. */
    public String implementationName() {
        return implementation.getName().substring("org.trackflow.udfs.".length());
    }

    static <R> Column<R> number(String name, String unit, Function<R, Double> value) {
        return new Column<>(name, Kind.DOUBLE, unit, value::apply);
    }

    static <R> Column<R> text(String name, Function<R, String> value) {
        return new Column<>(name, Kind.STRING, "", value::apply);
    }

    static <R> Column<R> floats(String name, String unit, Function<R, Object> value) {
        return new Column<>(name, Kind.FLOATS, unit, value);
    }
}
