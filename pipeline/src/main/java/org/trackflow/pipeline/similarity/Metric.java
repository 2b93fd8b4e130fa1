package org.trackflow.pipeline.similarity;

/** Distances between the tracks 0 .. size-1 of a library: what a song path walks on. */
public interface Metric {
    int size();

    double distance(int i, int j);
}
