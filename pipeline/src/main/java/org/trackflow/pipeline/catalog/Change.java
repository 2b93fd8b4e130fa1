package org.trackflow.pipeline.catalog;

import java.io.Serializable;

/**
 * What a scan found for one file that needs a row (see {@link Kind}); a changed file carries the audio hash of
 * its stored row, so that the slot handed it can tell a retag from an edit without decoding.
 */
public record Change(Kind kind, String relativePath, String absolutePath, long sizeBytes, long mtimeMs,
                     long contentKey, long trackId, String previousPath, String previousAudioHash) implements Serializable {

    public Change(Kind kind, String relativePath, String absolutePath, long sizeBytes, long mtimeMs, long contentKey, long trackId,
                  String previousPath) {
        this(kind, relativePath, absolutePath, sizeBytes, mtimeMs, contentKey, trackId, previousPath, null);
    }

    /**
     * NEW, CHANGED (the file's bytes changed: analysed unless its audio packets are the stored ones, then
     * retagged), MOVED, TOUCHED (a new modification time, the same size and content key), DELETED, RETRY
     * (failed before), OUTDATED (an older feature set, re-analysis asked for), SETTINGS (made with other
     * analysis settings than this scan's), MODELS (current, but without a learned model the scan asks for: decoded
     * for the model alone).
     */
    public enum Kind {
        NEW, CHANGED, MOVED, TOUCHED, DELETED, RETRY, OUTDATED, SETTINGS, MODELS;

        /** Whether the file goes to the slots (decoded and analysed, or at least its audio packets hashed). */
        public boolean analysed() {
            return this != MOVED && this != DELETED && this != TOUCHED;
        }

        /** The value of the {@code change} column. */
        public String column() {
            return switch (this) {
                case NEW -> RowKinds.NEW;
                case MOVED -> RowKinds.MOVED;
                case TOUCHED -> RowKinds.TOUCHED;
                case SETTINGS -> RowKinds.SETTINGS;
                case MODELS -> RowKinds.MODELS;
                case DELETED -> RowKinds.DELETED;
                default -> RowKinds.CHANGED;
            };
        }
    }
}
