package org.trackflow.pipeline.similarity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much each {@link Component} of the mix weighs, by its name; a component without a weight here
 * weighs 0. The default was chosen on the real-music evaluation ({@code bench/results/similarity.md}: the
 * best of a grid on all its tracks scores 0.01 higher with other weights each time the library changes;
 * on halves of it, these score as well as weights chosen on the other half).
 */
public final class Weights {
    /** Instant mixes, paths and playlists. */
    public static final Weights DEFAULT = new Weights(Map.of())
            .with(Components.TIMBRE, 0.45).with(Components.SUMMARIES, 0.2).with(Components.RHYTHM, 0)
            .with(Components.TONAL, 0.05).with(Components.ENERGY, 0.1).with(Components.FLUCTUATION, 0.2);

    private final Map<String, Double> byName;

    private Weights(Map<String, Double> byName) {
        this.byName = new LinkedHashMap<>(byName);
    }

    /**
     * What a learned model's component weighs when nothing else is said (against the classic components'
     * sum of 1): a model adds to the measure without drowning it (bench/results/similarity.md scores it).
     */
    public static final double MODEL = 0.25;

    /** The weight of the component named {@code name}: its own, a learned model's {@link #MODEL}, else 0. */
    public double of(String name) {
        Double w = byName.get(name);
        if (w != null) {
            return w;
        }
        return name.startsWith(Components.MODEL) ? byName.getOrDefault(Components.MODEL, MODEL) : 0.0;
    }

    /**
     * The weight of a component whose own weight is {@code card} (a learned model's card; NaN when none is
     * known): these weights' when they name it (an evaluation's override), else the card's, else {@link #of(String)}.
     * The exact measure and the index's embedding both weigh by this, so that they rank alike.
     */
    public double of(String name, double card) {
        return names(name) || Double.isNaN(card) ? of(name) : card;
    }

    /** Whether these weights give {@code name} a weight of their own. */
    public boolean names(String name) {
        return byName.containsKey(name);
    }

    /** These weights with {@code name} weighing {@code weight}. */
    public Weights with(String name, double weight) {
        Weights w = new Weights(byName);
        w.byName.put(name, weight);
        return w;
    }

    @Override
    public String toString() {
        return byName.toString();
    }
}
