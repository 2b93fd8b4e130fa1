package org.trackflow.udfs.analysis;

import java.util.IdentityHashMap;
import java.util.Map;
import org.trackflow.udfs.rhythm.TempoEstimator;
import org.trackflow.udfs.tonal.KeyEstimator;

/**
 * Everything analysed from a track: its frame-feature summaries and the estimate of every whole-track
 * feature of the registry ({@link WholeTrackFeatures}). Values that do not exist for a track (the key of
 * silence, the pattern of a track under one segment) are NaN or null.
 */
public final class TrackFeatures {
    private final TrackFrameFeatures frames;
    private final Map<TrackFeature<?>, Object> values;

    TrackFeatures(TrackFrameFeatures frames, Map<TrackFeature<?>, Object> values) {
        this.frames = frames;
        this.values = new IdentityHashMap<>(values);
    }

    /** Estimates every registered whole-track feature from {@code track}, in registry order. */
    static TrackFeatures of(TrackFrameFeatures frames, MergedTrack track) {
        Map<TrackFeature<?>, Object> values = new IdentityHashMap<>();
        for (TrackFeature<?> f : WholeTrackFeatures.ALL) {
            values.put(f, f.estimator().apply(track));
        }
        return new TrackFeatures(frames, values);
    }

    public TrackFrameFeatures frames() {
        return frames;
    }

    /** The estimate of a registered feature (null where the track has none). */
    @SuppressWarnings("unchecked")
    public <R> R get(TrackFeature<R> feature) {
        return (R) values.get(feature);
    }

    /** The value of one of {@code feature}'s columns, as its kind holds it; null where there is none. */
    public <R> Object value(TrackFeature<R> feature, TrackFeature.Column<R> column) {
        return feature.value(column, get(feature));
    }

    public TempoEstimator.Tempo tempo() {
        return get(WholeTrackFeatures.TEMPO);
    }

    public double onsetRate() {
        return get(WholeTrackFeatures.ONSET_RATE);
    }

    public double danceability() {
        return get(WholeTrackFeatures.DANCEABILITY);
    }

    public KeyEstimator.Key key() {
        return get(WholeTrackFeatures.KEY);
    }

    public KeyEstimator.Profile pitchProfile() {
        return get(WholeTrackFeatures.PITCH_PROFILE);
    }

    public float[] fluctuationPattern() {
        return get(WholeTrackFeatures.FLUCTUATION);
    }
}
