package org.trackflow.pipeline.playlists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.trackflow.schemas.TrackRecord;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS, no script, nothing fetched at view
 * time) with a map of the library (the first two principal components of the feature space, coloured by
 * playlist), each playlist's character and tracks, and the distributions of tempo, key (Camelot wheel)
 * and loudness.
 */
public final class Report {
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"};
    private static final int MAP_POINTS = 5000;

    private Report() {}

    public static String html(List<PlaylistBuilder.Playlist> playlists, List<TrackRecord> library, long scanId) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>trackflow report</title><style>")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#222;background:#fafafa}")
                .append("h1{margin:0 0 4px}section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:16px;margin:16px 0}")
                .append(".row{display:flex;flex-wrap:wrap;gap:16px}.muted{color:#777}table{border-collapse:collapse;font-size:13px}")
                .append("td,th{padding:2px 8px;text-align:left}.sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px}")
                .append("details{margin:6px 0}summary{cursor:pointer;font-weight:600}</style></head><body>");
        long ok = library.stream().filter(r -> "ok".equals(r.getStatus())).count();
        long errors = library.stream().filter(r -> "error".equals(r.getStatus())).count();
        double hours = library.stream().mapToDouble(r -> r.getDurationS() == null ? 0 : r.getDurationS()).sum() / 3600;
        h.append("<h1>trackflow</h1><div class=\"muted\">")
                .append(String.format(Locale.ROOT, "scan %d · %d tracks (%d errors) · %.1f hours · %d playlists",
                        scanId, ok, errors, hours, playlists.size()))
                .append("</div>");

        h.append("<section><h2>Map of the library</h2><div class=\"muted\">Principal components 1 and 2 of the feature space; colour = playlist.</div>");
        h.append(map(playlists));
        h.append("</section>");

        h.append("<div class=\"row\"><section><h2>Tempo</h2>")
                .append(histogram(library.stream().filter(r -> r.getBpm() != null).mapToDouble(TrackRecord::getBpm).toArray(), 40, 220, 36, "BPM"))
                .append("</section><section><h2>Key</h2>").append(keyWheel(library))
                .append("</section><section><h2>Loudness</h2>")
                .append(histogram(library.stream().filter(r -> r.getLoudnessLufs() != null).mapToDouble(TrackRecord::getLoudnessLufs).toArray(), -40, 0, 40, "LUFS"))
                .append("</section></div>");

        h.append("<section><h2>Playlists</h2>");
        for (int p = 0; p < playlists.size(); p++) {
            PlaylistBuilder.Playlist pl = playlists.get(p);
            h.append("<details").append(p < 3 ? " open" : "").append("><summary><span class=\"sw\" style=\"background:")
                    .append(COLOURS[p % COLOURS.length]).append("\"></span>").append(esc(pl.name()))
                    .append(" <span class=\"muted\">(").append(pl.tracks().size()).append(" tracks, ").append(pl.id())
                    .append(")</span></summary><table><tr><th>#</th><th>track</th><th>BPM</th><th>key</th><th>LUFS</th></tr>");
            for (int i = 0; i < pl.tracks().size(); i++) {
                TrackRecord t = pl.tracks().get(i);
                h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", i + 1,
                        esc(t.getPath()), t.getBpm() == null ? "" : String.format(Locale.ROOT, "%.1f", t.getBpm()),
                        t.getKey() == null ? "" : esc(t.getKey() + " " + t.getScale() + " (" + t.getCamelot() + ")"),
                        t.getLoudnessLufs() == null ? "" : String.format(Locale.ROOT, "%.1f", t.getLoudnessLufs())));
            }
            h.append("</table></details>");
        }
        h.append("</section></body></html>\n");
        return h.toString();
    }

    private static String map(List<PlaylistBuilder.Playlist> playlists) {
        List<double[]> points = new ArrayList<>();
        List<Integer> colour = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<TrackRecord> all = new ArrayList<>();
        playlists.forEach(p -> all.addAll(p.tracks()));
        if (all.size() < 3) {
            return "<p class=\"muted\">Too few tracks for a map.</p>";
        }
        FeatureSpace space = FeatureSpace.fit(all);
        int step = Math.max(1, all.size() / MAP_POINTS);
        int index = 0;
        for (int p = 0; p < playlists.size(); p++) {
            for (TrackRecord t : playlists.get(p).tracks()) {
                if (index++ % step == 0) {
                    points.add(space.vector(t));
                    colour.add(p);
                    titles.add(t.getPath());
                }
            }
        }
        double[][] xy = pca2(points);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] q : xy) {
            minX = Math.min(minX, q[0]);
            maxX = Math.max(maxX, q[0]);
            minY = Math.min(minY, q[1]);
            maxY = Math.max(maxY, q[1]);
        }
        int w = 720;
        int hgt = 420;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>", w, hgt, w, hgt));
        for (int i = 0; i < xy.length; i++) {
            double px = 20 + (w - 40) * (xy[i][0] - minX) / Math.max(1e-9, maxX - minX);
            double py = 20 + (hgt - 40) * (1 - (xy[i][1] - minY) / Math.max(1e-9, maxY - minY));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" fill-opacity=\"0.8\"><title>%s</title></circle>",
                    px, py, COLOURS[colour.get(i) % COLOURS.length], esc(titles.get(i))));
        }
        return s.append("</svg>").toString();
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
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
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
        Map<String, Integer> counts = new HashMap<>();
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
        return s.append("<text x=\"0\" y=\"4\" font-size=\"11\" text-anchor=\"middle\">outer B · inner A</text></svg>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
