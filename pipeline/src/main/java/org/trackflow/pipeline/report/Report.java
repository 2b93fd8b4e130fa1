package org.trackflow.pipeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.trackflow.pipeline.catalog.RowKinds;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * {@code report.html}: one self-contained page (inline CSS, SVG and script; nothing fetched at view time)
 * with a map of the library (the first two principal components of the feature space, coloured by
 * station, or by playlist when there are no stations), the distributions of tempo, key (Camelot wheel) and
 * loudness, and the stations and playlists as collapsible lists with a search box over track title,
 * artist and file name.
 *
 * <p>The map and the track lists are drawn by the inline script from one JSON block, so a large library
 * costs bytes once, not once per HTML row: the map shows a fixed sample of at most {@value #MAP_POINTS}
 * tracks (the same tracks from scan to scan, chosen by a hash of their ids), and when the JSON would
 * pass {@value #DATA_BUDGET} bytes every playlist lists only its first N tracks (one N for all, the
 * largest that fits, at least 1; the full lists are in the Parquet and M3U8 files). 100 000 tracks with
 * long tags in 2 500 playlists of 40 give a page of 2.7 MB listing 9 tracks of each ({@code ReportTest}).
 *
 * <p>Tag text is data, never markup: it reaches the page only inside the JSON block, which escapes
 * {@code <}, {@code >}, {@code &} and U+2028/2029 (no title can close the block), and the script puts it
 * into the page as text ({@code textContent}), never as HTML.
 */
public final class Report {
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"};
    static final int MAP_POINTS = 5000;
    /** Bytes of JSON beyond which each playlist lists only its first tracks. */
    static final int DATA_BUDGET = 2_700_000;
    private static final int MAP_W = 960;
    private static final int MAP_H = 480;

    private Report() {}

    public static String html(List<Playlist> playlists, List<TrackRecord> library, long scanId) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>trackflow report</title><style>").append(resource("report.css")).append("</style></head><body>");
        long ok = library.stream().filter(r -> RowKinds.OK.equals(r.getStatus())).count();
        long errors = library.stream().filter(r -> RowKinds.ERROR.equals(r.getStatus())).count();
        double hours = library.stream().mapToDouble(r -> r.getDurationS() == null ? 0 : r.getDurationS()).sum() / 3600;
        Data data = data(playlists);
        h.append("<header><h1>trackflow</h1><div class=\"muted\">")
                .append(String.format(Locale.ROOT, "scan %d · %d tracks (%d errors) · %.1f hours · %d playlists",
                        scanId, ok, errors, hours, playlists.size()))
                .append(data.stations.isEmpty() ? "" : " in " + data.stations.size() + " stations")
                .append("</div></header>")
                .append("<noscript><p class=\"note\">The map and the track lists are drawn by the page's inline script;")
                .append(" allow JavaScript for this file to see them.</p></noscript>");

        h.append("<section><h2>Map of the library</h2><div class=\"muted\">Principal components 1 and 2 of the feature space; colour = ")
                .append(data.stations.isEmpty() ? "playlist" : "station")
                .append(data.mapSampled ? String.format(Locale.ROOT, "; a fixed sample of %d of the %d tracks", data.mapPoints, data.trackCount) : "")
                .append(". Hover a point for its track, click it to open its playlist.</div>")
                .append("<div id=\"map\"></div><div id=\"hover\" class=\"muted\">&nbsp;</div></section>");

        h.append("<div class=\"row\"><section><h2>Tempo</h2>")
                .append(histogram(library.stream().filter(r -> r.getBpm() != null).mapToDouble(TrackRecord::getBpm).toArray(), 40, 220, 36, "BPM"))
                .append("</section><section><h2>Key</h2>").append(keyWheel(library))
                .append("</section><section><h2>Loudness</h2>")
                .append(histogram(library.stream().filter(r -> r.getLoudnessLufs() != null).mapToDouble(TrackRecord::getLoudnessLufs).toArray(), -40, 0, 40, "LUFS"))
                .append("</section></div>");

        h.append("<section><h2>").append(data.stations.isEmpty() ? "Playlists" : "Stations and playlists").append("</h2>")
                .append("<div class=\"tools\"><input id=\"q\" type=\"search\" placeholder=\"Search title, artist or file name\"")
                .append(" aria-label=\"Search tracks and playlists\" autocomplete=\"off\"> <span id=\"count\" class=\"muted\"></span></div>");
        if (data.capped) {
            h.append("<p class=\"muted\">").append(String.format(Locale.ROOT,
                    "This page lists the first %d tracks of each playlist (%d of %d tracks) and searches those; every track is in "
                            + "playlists/playlists.parquet and the playlists' M3U8 files.", data.shownPerList, data.rowCount, data.trackCount))
                    .append("</p>");
        }
        h.append("<div id=\"lists\"></div></section>");
        h.append("<script type=\"application/json\" id=\"data\">").append(data.json).append("</script>");
        h.append("<script>").append(resource("report.js")).append("</script></body></html>\n");
        return h.toString();
    }

    /** What the script draws, as one JSON object, and the facts the static text states about it. */
    private record Data(String json, List<String> stations, boolean capped, int shownPerList, int rowCount, int trackCount,
                        boolean mapSampled, int mapPoints) {}

    /**
     * {@code {"stations":[name…], "artists":[…], "dirs":[name or [parent, name]…], "keys":[…], "colours":[…],
     * "lists":[[name, id, station or -1, tracks, first row, rows shown]…],
     * "rows":[[artist, title, dir, file name or [before, after] its title, BPM×10, key, LUFS×10]…], "map":[x, y, colour, list, row, …]}}:
     * a playlist's shown rows are consecutive (first row, rows shown), so no row index is stored per
     * track; repeated strings (artists, folders, keys) are indices into a table; the map's points refer
     * to rows, and a sampled track beyond its playlist's shown rows gets a row of its own after them.
     */
    private static Data data(List<Playlist> playlists) {
        Table stations = new Table();
        for (Playlist p : playlists) {
            if (p.station() != null) {
                stations.index(p.station());
            }
        }
        List<TrackRecord> all = new ArrayList<>();
        List<Integer> listOf = new ArrayList<>();
        int longest = 0;
        for (int p = 0; p < playlists.size(); p++) {
            for (TrackRecord t : playlists.get(p).tracks()) {
                all.add(t);
                listOf.add(p);
            }
            longest = Math.max(longest, playlists.get(p).tracks().size());
        }
        MapPoints map = map(playlists, all, listOf, stations);
        Data data = data(playlists, stations, map, all.size(), longest);
        if (utf8Length(data.json) > DATA_BUDGET) {
            // The most rows per playlist that fit: the JSON only grows with them.
            int lo = 1;
            int hi = longest - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (utf8Length(data(playlists, stations, map, all.size(), mid).json) <= DATA_BUDGET) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            data = data(playlists, stations, map, all.size(), lo);
        }
        return data;
    }

    /** The map's points: each sampled track, its position, colour and playlist. */
    private record MapPoints(List<TrackRecord> tracks, int[] x, int[] y, int[] colour, int[] list, int population) {}

    /** A fixed sample, the tracks with the smallest hashes of their ids, on the first two principal components. */
    private static MapPoints map(List<Playlist> playlists, List<TrackRecord> all, List<Integer> listOf, Table stations) {
        if (all.size() < 3) {
            return new MapPoints(List.of(), new int[0], new int[0], new int[0], new int[0], all.size());
        }
        Integer[] order = new Integer[all.size()];
        long[] hash = new long[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            TrackRecord t = all.get(i);
            hash[i] = hash(t.getTrackId() == null ? t.getPath() : t.getTrackId());
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> hash[i]).thenComparingInt(i -> i));
        int[] sample = Arrays.stream(order).limit(MAP_POINTS).mapToInt(Integer::intValue).sorted().toArray();
        FeatureSpace space = FeatureSpace.fit(all);
        List<double[]> vectors = new ArrayList<>(sample.length);
        for (int i : sample) {
            vectors.add(space.vector(all.get(i)));
        }
        double[][] xy = pca2(vectors);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] q : xy) {
            minX = Math.min(minX, q[0]);
            maxX = Math.max(maxX, q[0]);
            minY = Math.min(minY, q[1]);
            maxY = Math.max(maxY, q[1]);
        }
        int n = sample.length;
        List<TrackRecord> tracks = new ArrayList<>(n);
        int[] x = new int[n];
        int[] y = new int[n];
        int[] colour = new int[n];
        int[] list = new int[n];
        for (int s = 0; s < n; s++) {
            tracks.add(all.get(sample[s]));
            list[s] = listOf.get(sample[s]);
            // Whole units of a 960 × 480 box: finer than a screen shows, and short in JSON.
            x[s] = (int) Math.round(12 + (MAP_W - 24) * (xy[s][0] - minX) / Math.max(1e-9, maxX - minX));
            y[s] = (int) Math.round(12 + (MAP_H - 24) * (1 - (xy[s][1] - minY) / Math.max(1e-9, maxY - minY)));
            String station = playlists.get(list[s]).station();
            colour[s] = (station == null ? list[s] : stations.index(station)) % COLOURS.length;
        }
        return new MapPoints(tracks, x, y, colour, list, all.size());
    }

    /** The JSON with the first {@code shown} rows of every playlist. */
    private static Data data(List<Playlist> playlists, Table stations, MapPoints map, int trackCount, int shown) {
        Table artists = new Table();
        Folders dirs = new Folders();
        Table keys = new Table();
        StringBuilder rows = new StringBuilder();
        StringBuilder lists = new StringBuilder();
        Map<TrackRecord, Integer> rowOf = new IdentityHashMap<>();
        int rowCount = 0;
        boolean capped = false;
        for (int p = 0; p < playlists.size(); p++) {
            Playlist pl = playlists.get(p);
            int n = Math.min(shown, pl.tracks().size());
            capped |= n < pl.tracks().size();
            lists.append(p > 0 ? "," : "").append('[').append(json(pl.name())).append(',').append(json(pl.id())).append(',')
                    .append(pl.station() == null ? -1 : stations.index(pl.station())).append(',').append(pl.tracks().size())
                    .append(',').append(rowCount).append(',').append(n).append(']');
            for (int i = 0; i < n; i++) {
                rows.append(rowCount > 0 ? "," : "").append(row(pl.tracks().get(i), artists, dirs, keys));
                rowOf.put(pl.tracks().get(i), rowCount++);
            }
        }
        int listedRows = rowCount;
        StringBuilder points = new StringBuilder();
        for (int s = 0; s < map.tracks.size(); s++) {
            TrackRecord t = map.tracks.get(s);
            Integer row = rowOf.get(t);
            if (row == null) {
                rows.append(rowCount > 0 ? "," : "").append(row(t, artists, dirs, keys));
                row = rowCount++;
                rowOf.put(t, row);
            }
            points.append(s > 0 ? "," : "").append(map.x[s]).append(',').append(map.y[s]).append(',').append(map.colour[s])
                    .append(',').append(map.list[s]).append(',').append(row);
        }
        StringBuilder colours = new StringBuilder();
        for (int i = 0; i < COLOURS.length; i++) {
            colours.append(i > 0 ? "," : "").append(json(COLOURS[i]));
        }
        String json = "{\"w\":" + MAP_W + ",\"h\":" + MAP_H + ",\"stations\":" + stations.json() + ",\"artists\":" + artists.json()
                + ",\"dirs\":" + dirs.json() + ",\"keys\":" + keys.json() + ",\"colours\":[" + colours + "],\"lists\":[" + lists
                + "],\"rows\":[" + rows + "],\"map\":[" + points + "]}";
        return new Data(json, stations.values, capped, shown, listedRows, trackCount, map.tracks.size() < map.population,
                map.tracks.size());
    }

    private static String row(TrackRecord t, Table artists, Folders dirs, Table keys) {
        String path = t.getPath();
        int slash = path.lastIndexOf('/');
        String key = t.getKey() == null ? null
                : t.getKey() + (t.getScale() == null ? "" : " " + t.getScale()) + (t.getCamelot() == null ? "" : " (" + t.getCamelot() + ")");
        String title = blank(t.getTitle()) ? "" : t.getTitle().strip();
        String file = path.substring(slash + 1);
        // A file is usually named after its title ("07 Title.flac"): then only what is around the title is stored.
        int at = title.isEmpty() ? -1 : file.indexOf(title);
        String fileJson = at < 0 ? json(file) : "[" + json(file.substring(0, at)) + "," + json(file.substring(at + title.length())) + "]";
        return "[" + (blank(t.getArtist()) ? -1 : artists.index(t.getArtist().strip())) + "," + json(title) + ","
                + (slash < 0 ? -1 : dirs.index(path.substring(0, slash))) + "," + fileJson + ","
                + tenths(t.getBpm()) + "," + (key == null ? -1 : keys.index(key)) + "," + tenths(t.getLoudnessLufs()) + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A value in tenths as an integer (shorter than a decimal in JSON), or null. */
    private static String tenths(Double v) {
        return v == null || !Double.isFinite(v) ? "null" : Long.toString(Math.round(v * 10));
    }

    /** Strings by first appearance, each stored once. */
    private static final class Table {
        final List<String> values = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        int index(String s) {
            return index.computeIfAbsent(s, k -> {
                values.add(k);
                return values.size() - 1;
            });
        }

        String json() {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < values.size(); i++) {
                s.append(i > 0 ? "," : "").append(Report.json(values.get(i)));
            }
            return s.append(']').toString();
        }
    }

    /**
     * Folders as a tree, each one "name" or [parent, "name"]: a library's folders share their parents
     * (Artist/Album), so each parent's name is stored once.
     */
    private static final class Folders {
        final List<String> entries = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        int index(String dir) {
            Integer known = index.get(dir);
            if (known != null) {
                return known;
            }
            int slash = dir.lastIndexOf('/');
            int parent = slash < 0 ? -1 : index(dir.substring(0, slash));
            String name = dir.substring(slash + 1);
            entries.add(parent < 0 ? Report.json(name) : "[" + parent + "," + Report.json(name) + "]");
            index.put(dir, entries.size() - 1);
            return entries.size() - 1;
        }

        String json() {
            return "[" + String.join(",", entries) + "]";
        }
    }

    /** FNV-1a, 64 bit: a sample that does not move when other tracks come and go. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * A JSON string that is also safe inside an HTML {@code <script>} block and a JavaScript string:
     * {@code <}, {@code >} and {@code &} as \\u escapes (no {@code </script>} or {@code <!--}), U+2028/2029
     * (line terminators in older JavaScript), control characters and unpaired surrogates too.
     */
    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                b.append(c).append(s.charAt(++i));
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private static String resource(String name) {
        try (InputStream in = Report.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + Report.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Projection on the two main eigenvectors of the covariance matrix. */
    static double[][] pca2(List<double[]> points) {
        int n = points.size();
        int d = points.get(0).length;
        double[] mean = new double[d];
        for (double[] p : points) {
            for (int j = 0; j < d; j++) {
                mean[j] += p[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] p : points) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (p[a] - mean[a]) * (p[b] - mean[b]) / n;
                }
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(cov);
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] e1 = eig.getEigenvector(order[0]).toArray();
        double[] e2 = eig.getEigenvector(order[1]).toArray();
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = points.get(i)[j] - mean[j];
                out[i][0] += c * e1[j];
                out[i][1] += c * e2[j];
            }
        }
        return out;
    }

    private static String histogram(double[] v, double lo, double hi, int bins, String unit) {
        int[] counts = new int[bins];
        for (double x : v) {
            int b = (int) Math.floor((x - lo) / (hi - lo) * bins);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        int w = 320;
        int hgt = 140;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\">", w, hgt + 20));
        double bw = (double) w / bins;
        for (int b = 0; b < bins; b++) {
            double bh = (double) hgt * counts[b] / max;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7bb7\"><title>%.0f–%.0f %s: %d</title></rect>",
                    b * bw, hgt - bh, Math.max(1, bw - 1), bh, lo + b * (hi - lo) / bins, lo + (b + 1) * (hi - lo) / bins, unit, counts[b]));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"11\">%.0f</text><text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.0f %s</text></svg>",
                hgt + 14, lo, w, hgt + 14, hi, unit));
        return s.toString();
    }

    /** Counts per Camelot code on two rings (outer B = major, inner A = minor), 1 at the top. */
    private static String keyWheel(List<TrackRecord> library) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TrackRecord r : library) {
            if (r.getCamelot() != null) {
                counts.merge(r.getCamelot(), 1, Integer::sum);
            }
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        StringBuilder s = new StringBuilder("<svg width=\"260\" height=\"260\" viewBox=\"-130 -130 260 260\">");
        for (int n = 1; n <= 12; n++) {
            for (String letter : new String[] {"B", "A"}) {
                double radius = letter.equals("B") ? 100 : 62;
                double a = 2 * Math.PI * (n - 1) / 12 - Math.PI / 2;
                int c = counts.getOrDefault(n + letter, 0);
                double r = 4 + 14 * Math.sqrt((double) c / max);
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"%.2f\"><title>%s: %d</title></circle>",
                        radius * Math.cos(a), radius * Math.sin(a), r, letter.equals("B") ? "#e07b39" : "#4a7bb7", c == 0 ? 0.15 : 0.85, n + letter, c));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">%s</text>",
                        (radius + 22) * Math.cos(a), (radius + 22) * Math.sin(a) + 3, letter.equals("B") ? n + "B" : ""));
            }
        }
        // Two short lines: one would run into the inner ring's circles.
        return s.append("<text x=\"0\" y=\"-2\" font-size=\"10\" text-anchor=\"middle\">outer B</text>")
                .append("<text x=\"0\" y=\"10\" font-size=\"10\" text-anchor=\"middle\">inner A</text></svg>").toString();
    }
}
