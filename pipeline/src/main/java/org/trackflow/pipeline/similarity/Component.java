package org.trackflow.pipeline.similarity;

/**
 * One way two tracks of a library differ, bound to what each track carries (a timbre model, a point in the
 * feature space, a fluctuation pattern). {@link Similarity} normalises every component by mutual proximity
 * and mixes them by {@link Weights}; {@link Components} makes the ones trackflow has.
 */
public interface Component {
    /** The name the mix's weights use. */
    String name();

    /** Whether tracks i and j both carry what it compares (a track without a timbre model has no timbre). */
    boolean has(int i, int j);

    /**
     * The raw distance of tracks i and j, before normalisation; NaN where it cannot be told (a fit's sample
     * then leaves the pair out). {@code work} holds at least {@link #work()} doubles.
     */
    double raw(int i, int j, double[] work);

    /** Scratch doubles {@link #raw} needs. */
    default int work() {
        return 0;
    }

    /**
     * The weight the component brings along (a learned model's, from its card through the rows), or NaN: the
     * mix's {@link Weights} decide, which also override it when they name the component.
     */
    default double weight() {
        return Double.NaN;
    }

    /** Whether raw distances cost enough that a whole matrix computes each pair once and fits from it. */
    default boolean costly() {
        return false;
    }
}
