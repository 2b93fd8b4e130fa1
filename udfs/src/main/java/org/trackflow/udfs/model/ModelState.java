package org.trackflow.udfs.model;

/**
 * What a row records of one learned model it ran: {@code SHA256 weight=W}, then {@code error: WHY} when the
 * model gave no vector. Written by the analysis, read by the change detection (the hash), the similarity (the
 * weight) and the after-scan stage (which sets the weight to an edited card's); the error's text is free, so
 * nothing is read from it.
 */
public final class ModelState {
    private static final String WEIGHT = "weight=";
    private static final String ERROR = "error:";

    private ModelState() {}

    /** The state of a model run: its file's hash, its card's weight, and why it failed (null: it did not). */
    public static String of(String sha256, double weight, String error) {
        return sha256 + " " + WEIGHT + weight + (error == null ? "" : " " + ERROR + " " + error);
    }

    /** The hash of the model file a state was made with. */
    public static String sha256(String state) {
        int space = state.indexOf(' ');
        return space < 0 ? state : state.substring(0, space);
    }

    /** The weight a state records, NaN when it records none (before its error, if any). */
    public static double weight(String state) {
        String w = weightText(state);
        return w == null ? Double.NaN : Double.parseDouble(w);
    }

    /** Whether {@code state} records exactly {@code weight} (before its error, if any); allocates nothing. */
    public static boolean hasWeight(String state, String weight) {
        int at = state.indexOf(" " + WEIGHT);
        int error = state.indexOf(" " + ERROR);
        if (at < 0 || error >= 0 && at > error) {
            return false;
        }
        int from = at + 1 + WEIGHT.length();
        int end = state.indexOf(' ', from);
        end = end < 0 ? state.length() : end;
        return end - from == weight.length() && state.regionMatches(from, weight, 0, weight.length());
    }

    /** {@code state} with weight {@code weight} (inserted after the hash when it has none); the error kept. */
    public static String withWeight(String state, String weight) {
        String[] parts = state.split(" ", -1);
        for (int i = 1; i < parts.length && !parts[i].startsWith(ERROR); i++) {
            if (parts[i].startsWith(WEIGHT)) {
                parts[i] = WEIGHT + weight;
                return String.join(" ", parts);
            }
        }
        int space = state.indexOf(' ');
        return space < 0 ? state + " " + WEIGHT + weight : state.substring(0, space) + " " + WEIGHT + weight + state.substring(space);
    }

    private static String weightText(String state) {
        String[] parts = state.split(" ");
        for (int i = 1; i < parts.length && !parts[i].startsWith(ERROR); i++) {
            if (parts[i].startsWith(WEIGHT)) {
                return parts[i].substring(WEIGHT.length());
            }
        }
        return null;
    }
}
