package org.trackflow.pipeline.playlists;

import java.util.List;
import org.trackflow.schemas.TrackRecord;

/**
 * A playlist: its tracks in play order with their distance to its centre, the station (a named group of
 * playlists, on large libraries) it belongs to or null, and its centre in raw feature units
 * ({@code FeatureSpace.raw}), which the next scan starts from.
 */
public record Playlist(String id, String name, String station, List<TrackRecord> tracks, List<Double> distances,
                       double[] rawCentre) {}
