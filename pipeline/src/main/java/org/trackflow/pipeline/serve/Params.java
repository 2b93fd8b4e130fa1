package org.trackflow.pipeline.serve;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** A request's query parameters, read strictly: a malformed or out-of-range value is a 400 that names it. */
final class Params {
    private final Context ctx;

    Params(Context ctx) {
        this.ctx = ctx;
    }

    /** A whole number within [min, max], or {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw ApiError.badRequest(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number, not '" + clip(v) + "'");
        }
    }

    /** A finite number within [min, max], or null when absent. */
    Double number(String name, double min, double max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double x = Double.parseDouble(v.strip());
            if (!Double.isFinite(x) || x < min || x > max) {
                throw ApiError.badRequest(name + " must be between " + (long) min + " and " + (long) max + ", not " + clip(v));
            }
            return x;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a number, not '" + clip(v) + "'");
        }
    }

    /** true / false (also 1 / 0, yes / no), or {@code fallback} when absent. */
    boolean bool(String name, boolean fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiError.badRequest(name + " must be true or false, not '" + clip(v) + "'");
        };
    }

    /** A text parameter, or null when absent; at most {@code max} characters. */
    String text(String name, int max) {
        String v = ctx.queryParam(name);
        if (v != null && v.length() > max) {
            throw ApiError.badRequest(name + " is longer than " + max + " characters");
        }
        return v;
    }

    /** A required text parameter. */
    String required(String name, int max) {
        String v = text(name, max);
        if (v == null || v.isBlank()) {
            throw ApiError.badRequest(name + " is required");
        }
        return v;
    }

    /** Every value of a parameter given once or more, each also split at commas; at most {@code max} in all. */
    List<String> list(String name, int max) {
        List<String> out = new ArrayList<>();
        for (String v : ctx.queryParams(name)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        if (out.size() > max) {
            throw ApiError.badRequest("at most " + max + " values of " + name + ", not " + out.size());
        }
        return out;
    }

    /** Every value of a parameter given once or more, whole (a path may hold commas); at most {@code max}. */
    List<String> repeated(String name, int max) {
        List<String> out = ctx.queryParams(name).stream().filter(v -> !v.isBlank()).map(String::strip).toList();
        if (out.size() > max) {
            throw ApiError.badRequest("at most " + max + " values of " + name + ", not " + out.size());
        }
        return out;
    }

    /** A value as an error message may quote it: short and on one line. */
    static String clip(String v) {
        String one = v.replaceAll("\\p{Cntrl}", " ");
        return one.length() > 60 ? one.substring(0, 60) + "…" : one;
    }
}
