package org.trackflow.pipeline.catalog;

import java.util.Locale;

/**
 * The analysis settings that shape a row's numbers besides the feature set, as one short key stored in
 * every analysed row ({@code analysis_settings}): the analysis rate, and full or fast mode with its excerpt
 * plan, e.g. {@code rate=22050;full}, {@code rate=22050;fast=12x8}. A scan with another key analyses the row
 * again, so that one current view never holds numbers made two ways.
 */
public final class AnalysisSettings {
    /** The analysis rate of every trackflow before rows recorded their settings. */
    static final int LEGACY_RATE = 22_050;

    private AnalysisSettings() {}

    /** The key of a run at {@code rate} Hz, whole files ({@code excerpts} 0) or {@code excerpts} excerpts of {@code seconds}. */
    public static String key(int rate, int excerpts, double seconds) {
        String mode = excerpts > 0 ? String.format(Locale.ROOT, "fast=%dx%s", excerpts, plain(seconds)) : "full";
        return "rate=" + rate + ";" + mode;
    }

    /** The {@code analysis_mode} column of a key: full or fast. */
    public static String mode(String key) {
        return key.contains(";fast") ? "fast" : "full";
    }

    /**
     * The key of a stored row: its own, or for a row from before settings were recorded, its mode at the rate
     * every such trackflow used (their fast mode's plan is unknown: any fast key matches it).
     */
    public static String ofRow(String stored, String analysisMode) {
        return stored != null ? stored : "rate=" + LEGACY_RATE + ";" + (analysisMode == null ? "full" : analysisMode);
    }

    /** Whether a row made with {@code stored} holds the numbers a run with {@code current} would make. */
    public static boolean same(String stored, String current) {
        if (stored == null || current == null) {
            return true;
        }
        if (stored.endsWith(";fast") && current.startsWith(stored)) {
            return true; // an older row's fast mode: its plan was not recorded
        }
        return stored.equals(current);
    }

    private static String plain(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
