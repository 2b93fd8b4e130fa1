package org.trackflow.pipeline.playlists;

/** A station: a named group of playlists on a large library, with its centre in raw feature units. */
public record Station(String id, String name, double[] rawCentre) {}
