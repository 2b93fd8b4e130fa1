package org.trackflow.pipeline.model;

/**
 * What is known of a track apart from its frame features: the file, its container and codec, its tags,
 * and how decoding went. Travels with a track's last chunk. A Flink POJO.
 */
public class TrackMeta {
    public String relativePath;
    public long scanId;
    /** Value of the change column: new | changed | retagged. */
    public String change;
    public String contentKey;
    public long sizeBytes;
    public long mtimeMs;
    /** Why the track could not be analysed, or null. */
    public String error;
    /** A caveat on an analysed track, or null. */
    public String warning;
    public String container;
    public String codec;
    public int sampleRate;
    public int channels;
    public long bitrate;
    public double durationSeconds;
    public String title;
    public String artist;
    public String album;
    public String albumArtist;
    public String genre;
    public String year;
    public String trackNumber;
    /** Loudness of the source audio (NaN where undefined). */
    public double loudnessLufs = Double.NaN;
    public double loudnessRangeLu = Double.NaN;
    public double peakDbfs = Double.NaN;
    public double dynamicComplexityLu = Double.NaN;
    /** Chromaprint fingerprint (compressed, base64, as fpcalc prints it), or null. */
    public String fingerprint;
    /** MD5 of the audio stream's packets (AudioProbe), or null. */
    public String audioHash;
    /** The file's audio packets are those its stored row was made from: new tags, no analysis. */
    public boolean retagged;
    /** Learned models run on the track (card names), and per model its vector or null and its file's SHA-256 or error. */
    public String[] modelNames;
    public float[][] modelVectors;
    public String[] modelStates;
    /** Only the models were asked for (the features are current): no features in this row. */
    public boolean modelsOnly;

    public TrackMeta() {}

    /** What decoding measured on the source signal, as the whole-track features read it. */
    public org.trackflow.udfs.analysis.SourceMeasures source() {
        return new org.trackflow.udfs.analysis.SourceMeasures(
                new org.trackflow.udfs.loudness.LoudnessMeter.Result(loudnessLufs, loudnessRangeLu, peakDbfs, dynamicComplexityLu),
                fingerprint);
    }

    /** The tags FFmpeg read from the file (lower-case keys), in the columns they go to. */
    public void tags(java.util.Map<String, String> t) {
        title = t.get("title");
        artist = t.get("artist");
        album = t.get("album");
        albumArtist = first(t, "album_artist", "albumartist", "album artist");
        genre = t.get("genre");
        year = first(t, "date", "year", "originaldate");
        trackNumber = first(t, "track", "tracknumber");
    }

    private static String first(java.util.Map<String, String> tags, String... keys) {
        for (String k : keys) {
            String v = tags.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    public static TrackMeta of(ScannedFile file) {
        TrackMeta m = new TrackMeta();
        m.relativePath = file.relativePath;
        m.scanId = file.scanId;
        m.change = file.changeKind().column();
        m.contentKey = file.contentKey;
        m.sizeBytes = file.sizeBytes;
        m.mtimeMs = file.mtimeMs;
        return m;
    }
}
