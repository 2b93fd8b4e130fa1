package org.trackflow.pipeline.catalog;

/** The values of the {@code status} and {@code change} columns, named once. */
public final class RowKinds {
    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final String DELETED = "deleted";

    public static final String NEW = "new";
    public static final String CHANGED = "changed";
    public static final String MOVED = "moved";

    private RowKinds() {}
}
