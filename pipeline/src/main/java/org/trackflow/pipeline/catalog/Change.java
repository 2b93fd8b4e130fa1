package org.trackflow.pipeline.catalog;

import java.io.Serializable;

/**
 * What a scan found for one file that needs a row: new, changed (analysed), moved (keeps its track id and
 * features, new path), deleted (a row with status deleted), or retried (failed before, unchanged, asked
 * for again) and outdated (analysed by an older feature set, re-analysis asked for).
 */
public record Change(Kind kind, String relativePath, String absolutePath, long sizeBytes, long mtimeMs,
                     long contentKey, long trackId, String previousPath) implements Serializable {

    public enum Kind {
        NEW, CHANGED, MOVED, DELETED, RETRY, OUTDATED;

        /** Whether the file is decoded and analysed. */
        public boolean analysed() {
            return this != MOVED && this != DELETED;
        }

        /** The value of the {@code change} column. */
        public String column() {
            return switch (this) {
                case NEW -> RowKinds.NEW;
                case MOVED -> RowKinds.MOVED;
                case DELETED -> RowKinds.DELETED;
                default -> RowKinds.CHANGED;
            };
        }
    }
}
