package org.trackflow.pipeline.model;

import org.trackflow.pipeline.catalog.Change;
import org.trackflow.pipeline.catalog.ContentKey;

/**
 * A change the library scan found: the source's record; or, once a scan's rows are all committed, the
 * announcement that scan {@code scanId} is complete ({@link #scanComplete}), which starts the after-scan
 * stage. A Flink POJO.
 */
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
    /** A changed file's stored audio hash (its packets unchanged: a retag), or null. */
    public String previousAudioHash;
    /** Not a change: scan {@code scanId}'s rows are all committed. */
    public boolean scanComplete;

    public ScannedFile() {}

    /** The announcement that scan {@code scanId} is complete. */
    public static ScannedFile scanComplete(long scanId) {
        ScannedFile f = new ScannedFile();
        f.scanId = scanId;
        f.scanComplete = true;
        return f;
    }

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
        f.previousAudioHash = c.previousAudioHash();
        return f;
    }

    public static String trackId(long id) {
        return ContentKey.hex(id);
    }

    public Change.Kind changeKind() {
        return Change.Kind.valueOf(kind);
    }

    /** Whether the file is decoded and analysed (not a move or a deletion, not an announcement). */
    public boolean analysed() {
        return !scanComplete && changeKind().analysed();
    }

    /** Whether this is a move, a touch or a deletion: a row without audio. */
    public boolean unanalysed() {
        return !scanComplete && !changeKind().analysed();
    }
}
