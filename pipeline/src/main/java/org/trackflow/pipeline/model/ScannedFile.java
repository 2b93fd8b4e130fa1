package org.trackflow.pipeline.model;

import org.trackflow.pipeline.catalog.Change;
import org.trackflow.pipeline.catalog.ContentKey;

/** A change the library scan found: the source's record. A Flink POJO. */
public class ScannedFile {
    public String trackId;
    public String absolutePath;
    public String relativePath;
    public long sizeBytes;
    public long mtimeMs;
    /** {@link Change.Kind} name. */
    public String kind;
    public long scanId;
    public String contentKey;

    public ScannedFile() {}

    /** The record of change {@code c}, found by scan {@code scanId}. */
    public static ScannedFile of(Change c, long scanId) {
        ScannedFile f = new ScannedFile();
        f.trackId = trackId(c.trackId());
        f.absolutePath = c.absolutePath();
        f.relativePath = c.relativePath();
        f.sizeBytes = c.sizeBytes();
        f.mtimeMs = c.mtimeMs();
        f.kind = c.kind().name();
        f.scanId = scanId;
        f.contentKey = c.contentKey() == 0 ? null : ContentKey.hex(c.contentKey());
        return f;
    }

    public static String trackId(long id) {
        return ContentKey.hex(id);
    }

    public Change.Kind changeKind() {
        return Change.Kind.valueOf(kind);
    }

    /** Whether the file is decoded and analysed (not a move or a deletion). */
    public boolean analysed() {
        return changeKind().analysed();
    }
}
