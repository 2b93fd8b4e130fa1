package org.trackflow.udfs.decode;

import java.util.Map;

/**
 * What decoding learnt about a file: container and codec facts, tags, how much audio came out, any caveat
 * (a stream broken before its announced end decodes up to the break and says so here), and the audio
 * stream's packet hash ({@link AudioProbe#hash}) when every packet was read (whole files; null for excerpts).
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
        int segments,
        String audioHash) {

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
