package org.trackflow.pipeline.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trackflow.schemas.TrackRecord;

/** The report's static charts, as inline SVG: histograms and the Camelot key wheel. */
final class Charts {
    private Charts() {}

    static String histogram(double[] v, double lo, double hi, int bins, String unit) {
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
    static String keyWheel(List<TrackRecord> library) {
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
