package org.trackflow.pipeline.playlists;

import java.util.Set;

/** A playlist of the previous scan: id, name, centre (raw feature units), members' track ids. */
public record PreviousPlaylist(String id, String name, double[] rawCentre, Set<String> trackIds) {}
