package org.trackflow.pipeline.report;

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
import java.util.function.UnaryOperator;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.schemas.TrackRecord;

/**
 * What report.html's script draws, as one JSON object: the map's points and the playlists' rows, each string
 * stored once, within a byte budget ({@value #DATA_BUDGET} bytes, beyond which each playlist lists only its
 * first N tracks, one N for all).
 */
final class ReportData {
    static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"};
    /** Bytes of JSON beyond which each playlist lists only its first tracks. */
    static final int DATA_BUDGET = 2_700_000;

    private ReportData() {}

    /** What the script draws, as one JSON object, and the facts the static text states about it. */
    record Data(String json, List<String> stations, boolean capped, int shownPerList, int rowCount, int trackCount,
                        boolean mapSampled, int mapPoints, String mapJson) {}

    /**
     * {@code {"stations":[name…], "artists":[…], "dirs":[name or [parent, name]…], "keys":[…], "colours":[…],
     * "lists":[[name, id, station or -1, tracks, first row, rows shown]…],
     * "rows":[[artist, title, dir, file name or [before, after] its title, BPM×10, key, LUFS×10]…], "map":[x, y, colour, list, row, …]}}:
     * a playlist's shown rows are consecutive (first row, rows shown), so no row index is stored per
     * track; repeated strings (artists, folders, keys) are indices into a table; the map's points refer
     * to rows, and a sampled track beyond its playlist's shown rows gets a row of its own after them.
     */
    static Data of(List<Playlist> playlists, UnaryOperator<List<TrackRecord>> complete) {
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
        LibraryMap.Points map = LibraryMap.of(playlists, all, listOf, stations, complete);
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

    /** The JSON with the first {@code shown} rows of every playlist. */
    private static Data data(List<Playlist> playlists, Table stations, LibraryMap.Points map, int trackCount, int shown) {
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
        for (int s = 0; s < map.tracks().size(); s++) {
            TrackRecord t = map.tracks().get(s);
            Integer row = rowOf.get(t);
            if (row == null) {
                rows.append(rowCount > 0 ? "," : "").append(row(t, artists, dirs, keys));
                row = rowCount++;
                rowOf.put(t, row);
            }
            points.append(s > 0 ? "," : "").append(map.x()[s]).append(',').append(map.y()[s]).append(',').append(map.colour()[s])
                    .append(',').append(map.list()[s]).append(',').append(row);
        }
        StringBuilder colours = new StringBuilder();
        for (int i = 0; i < COLOURS.length; i++) {
            colours.append(i > 0 ? "," : "").append(json(COLOURS[i]));
        }
        String json = "{\"w\":" + LibraryMap.W + ",\"h\":" + LibraryMap.H + ",\"stations\":" + stations.json() + ",\"artists\":" + artists.json()
                + ",\"dirs\":" + dirs.json() + ",\"keys\":" + keys.json() + ",\"colours\":[" + colours + "],\"lists\":[" + lists
                + "],\"rows\":[" + rows + "],\"map\":[" + points + "]}";
        return new Data(json, stations.values, capped, shown, listedRows, trackCount, map.tracks().size() < map.population(),
                map.tracks().size(), mapJson(playlists, stations, map));
    }

    /**
     * The map for the served page: {@code {"w", "h", "colours", "stations":[name…], "playlists":[[id, name, station or -1]…],
     * "points":[[track id, x, y, colour, playlist]…]}}, the same points as the report's.
     */
    private static String mapJson(List<Playlist> playlists, Table stations, LibraryMap.Points map) {
        StringBuilder s = new StringBuilder("{\"w\":").append(LibraryMap.W).append(",\"h\":").append(LibraryMap.H).append(",\"colours\":[");
        for (int i = 0; i < COLOURS.length; i++) {
            s.append(i > 0 ? "," : "").append(json(COLOURS[i]));
        }
        s.append("],\"stations\":").append(stations.json()).append(",\"playlists\":[");
        for (int p = 0; p < playlists.size(); p++) {
            Playlist pl = playlists.get(p);
            s.append(p > 0 ? "," : "").append('[').append(json(pl.id())).append(',').append(json(pl.name())).append(',')
                    .append(pl.station() == null ? -1 : stations.index(pl.station())).append(']');
        }
        s.append("],\"points\":[");
        for (int i = 0; i < map.tracks().size(); i++) {
            s.append(i > 0 ? "," : "").append('[').append(json(map.tracks().get(i).getTrackId())).append(',').append(map.x()[i]).append(',')
                    .append(map.y()[i]).append(',').append(map.colour()[i]).append(',').append(map.list()[i]).append(']');
        }
        return s.append("]}\n").toString();
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
    static final class Table {
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
                s.append(i > 0 ? "," : "").append(ReportData.json(values.get(i)));
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
            entries.add(parent < 0 ? ReportData.json(name) : "[" + parent + "," + ReportData.json(name) + "]");
            index.put(dir, entries.size() - 1);
            return entries.size() - 1;
        }

        String json() {
            return "[" + String.join(",", entries) + "]";
        }
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


    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
