package org.trackflow.pipeline.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.trackflow.pipeline.source.FileSplit;

/** An audio file found by the library scan: the source's record. A Flink POJO. */
public class ScannedFile {
    public String trackId;
    public String absolutePath;
    public String relativePath;
    public long sizeBytes;
    public long mtimeMs;

    public ScannedFile() {}

    public static ScannedFile of(FileSplit split) {
        ScannedFile f = new ScannedFile();
        f.trackId = trackId(split.relativePath());
        f.absolutePath = split.absolutePath();
        f.relativePath = split.relativePath();
        f.sizeBytes = split.sizeBytes();
        f.mtimeMs = split.mtimeMs();
        return f;
    }

    /** Stable id of a track: the first 16 hex digits of the SHA-1 of its library-relative path. */
    public static String trackId(String relativePath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(relativePath.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
