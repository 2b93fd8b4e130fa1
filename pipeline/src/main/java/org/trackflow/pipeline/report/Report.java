package org.trackflow.pipeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.trackflow.pipeline.catalog.RowKinds;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.schemas.TrackRecord;

/**
 * {@code report.html}: one self-contained page (inline CSS, SVG and script; nothing fetched at view time)
 * with a map of the library (tracks placed by the similarity measure's distances, {@link LibraryMap}, coloured by
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
    private Report() {}

    /** The page and the served page's map ({@code map.json}), from the same points. */
    public record Built(String html, String mapJson) {}

    /** The page, for rows that carry what the similarity compares (a small library's). */
    public static String html(List<Playlist> playlists, List<TrackRecord> library, long scanId) {
        return build(playlists, library, scanId, UnaryOperator.identity()).html();
    }

    /**
     * The page and the map; {@code complete} gives the map's sampled rows with the timbre models and
     * fluctuation patterns when {@code playlists}' rows lack them.
     */
    public static Built build(List<Playlist> playlists, List<TrackRecord> library, long scanId, UnaryOperator<List<TrackRecord>> complete) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>trackflow report</title><style>").append(resource("report.css")).append("</style></head><body>");
        long ok = library.stream().filter(r -> RowKinds.OK.equals(r.getStatus())).count();
        long errors = library.stream().filter(r -> RowKinds.ERROR.equals(r.getStatus())).count();
        double hours = library.stream().mapToDouble(r -> r.getDurationS() == null ? 0 : r.getDurationS()).sum() / 3600;
        ReportData.Data data = ReportData.of(playlists, complete);
        h.append("<header><h1>trackflow</h1><div class=\"muted\">")
                .append(String.format(Locale.ROOT, "scan %d · %d tracks (%d errors) · %.1f hours · %d playlists",
                        scanId, ok, errors, hours, playlists.size()))
                .append(data.stations().isEmpty() ? "" : " in " + data.stations().size() + " stations")
                .append("</div></header>")
                .append("<noscript><p class=\"note\">The map and the track lists are drawn by the page's inline script;")
                .append(" allow JavaScript for this file to see them.</p></noscript>");

        h.append("<section><h2>Map of the library</h2><div class=\"muted\">Tracks placed by how alike they sound (the distances the playlists and mixes use, ")
                .append("landmark MDS); colour = ")
                .append(data.stations().isEmpty() ? "playlist" : "station")
                .append(data.mapSampled() ? String.format(Locale.ROOT, "; a fixed sample of %d of the %d tracks", data.mapPoints(), data.trackCount()) : "")
                .append(". Hover a point for its track, click it to open its playlist.</div>")
                .append("<div id=\"map\"></div><div id=\"hover\" class=\"muted\">&nbsp;</div></section>");

        h.append("<div class=\"row\"><section><h2>Tempo</h2>")
                .append(Charts.histogram(library.stream().filter(r -> r.getBpm() != null).mapToDouble(TrackRecord::getBpm).toArray(), 40, 220, 36, "BPM"))
                .append("</section><section><h2>Key</h2>").append(Charts.keyWheel(library))
                .append("</section><section><h2>Loudness</h2>")
                .append(Charts.histogram(library.stream().filter(r -> r.getLoudnessLufs() != null).mapToDouble(TrackRecord::getLoudnessLufs).toArray(), -40, 0, 40, "LUFS"))
                .append("</section></div>");

        h.append("<section><h2>").append(data.stations().isEmpty() ? "Playlists" : "Stations and playlists").append("</h2>")
                .append("<div class=\"tools\"><input id=\"q\" type=\"search\" placeholder=\"Search title, artist or file name\"")
                .append(" aria-label=\"Search tracks and playlists\" autocomplete=\"off\"> <span id=\"count\" class=\"muted\"></span></div>");
        if (data.capped()) {
            h.append("<p class=\"muted\">").append(String.format(Locale.ROOT,
                    "This page lists the first %d tracks of each playlist (%d of %d tracks) and searches those; every track is in "
                            + "playlists/playlists.parquet and the playlists' M3U8 files.", data.shownPerList(), data.rowCount(), data.trackCount()))
                    .append("</p>");
        }
        h.append("<div id=\"lists\"></div></section>");
        h.append("<script type=\"application/json\" id=\"data\">").append(data.json()).append("</script>");
        h.append("<script>").append(resource("report.js")).append("</script></body></html>\n");
        return new Built(h.toString(), data.mapJson());
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

}
