package org.trackflow.udfs.analysis;

import org.trackflow.udfs.rhythm.TempoEstimator;
import org.trackflow.udfs.tonal.KeyEstimator;

/**
 * Everything analysed from a track's analysis signal: frame-feature summaries, tempo, onset rate,
 * danceability, key and the tuned pitch class profile it comes from, the fluctuation pattern
 * ({@link org.trackflow.udfs.rhythm.FluctuationPattern}). Values that do not exist for a track (the key of
 * silence, the pattern of a track under one segment) are NaN or null.
 */
public record TrackFeatures(TrackFrameFeatures frames, TempoEstimator.Tempo tempo, double onsetRate,
                            double danceability, KeyEstimator.Key key, KeyEstimator.Profile pitchProfile,
                            float[] fluctuationPattern) {}
