package org.trackflow.pipeline.catalog;

/** The values of the {@code status} and {@code change} columns, named once. */
public final class RowKinds {
    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final String DELETED = "deleted";

    public static final String NEW = "new";
    public static final String CHANGED = "changed";
    public static final String MOVED = "moved";
    /** The same file with a new modification time (same size and content key): nothing decoded. */
    public static final String TOUCHED = "touched";
    /** The same audio packets in a rewritten container (tags, cover art, padding): new tags, same features. */
    public static final String RETAGGED = "retagged";
    /** Only the learned models the scan asks for and the row lacks were run: new model columns, same features. */
    public static final String MODELS = "models";
    /** Analysed again because its row was made with other analysis settings than the scan's. */
    public static final String SETTINGS = "settings";

    /** Whether a row of this change carries a file's new facts for the features of its track's previous row. */
    public static boolean carriesFeatures(CharSequence change) {
        return change != null && (MOVED.contentEquals(change) || TOUCHED.contentEquals(change) || RETAGGED.contentEquals(change)
                || MODELS.contentEquals(change));
    }

    private RowKinds() {}
}
