package org.trackflow.udfs.decode;

import java.util.Map;

/**
 * What decoding learnt about a file: container and codec facts, tags, how much audio came out, and any
 * caveat (a stream broken before its announced end decodes up to the break and says so here).
 */
public record AudioInfo(
        String container,
        String codec,
        int sampleRate,
        int channels,
        long bitrate,
        double announcedDurationSeconds,
        long sourceSamples,
        long analysisSamples,
        int analysisRate,
        Map<String, String> tags,
        String warning,
        int segments) {

    /** Whether only excerpts were decoded (fast mode). */
    public boolean excerpted() {
        return segments > 1;
    }

    /** Seconds of audio decoded. */
    public double decodedSeconds() {
        return sampleRate > 0 ? (double) sourceSamples / sampleRate : 0;
    }

    /** The track's duration: decoded, or for excerpts the container's announcement. */
    public double durationSeconds() {
        return excerpted() ? announcedDurationSeconds : decodedSeconds();
    }
}
