package org.trackflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.trackflow.udfs.decode.AudioDecoder;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.udfs.decode.AudioProbe;
import org.trackflow.udfs.frame.FrameGrid;

/**
 * What recognising a retag costs (issue 26): per file of a library, the audio packet hash (AudioProbe: one
 * demuxer pass, no decoding) against a full decode to the analysis signal (what a re-analysis starts with),
 * each timed after a warm-up pass over the same files (page cache warm for both). One thread. Prints one
 * JSON line: seconds per file and per GB, by format and in all.
 * <pre>
 *   RetagBenchmark LIBRARY
 * </pre>
 */
public final class RetagBenchmark {
    private RetagBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList(); // not .complete
        }
        AudioDecoder decoder = new AudioDecoder(FrameGrid.DEFAULT_ANALYSIS_RATE);
        AudioListener discard = (samples, length) -> { };
        for (Path f : files) { // warm-up: classes, native code, page cache
            AudioProbe.of(f);
        }
        Map<String, double[]> byFormat = new TreeMap<>(); // ext -> files, bytes, probe s, decode s
        for (Path f : files) {
            String name = f.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            long t0 = System.nanoTime();
            AudioProbe.of(f);
            long t1 = System.nanoTime();
            decoder.decode(f, discard);
            long t2 = System.nanoTime();
            double[] a = byFormat.computeIfAbsent(ext, k -> new double[4]);
            a[0]++;
            a[1] += Files.size(f);
            a[2] += (t1 - t0) / 1e9;
            a[3] += (t2 - t1) / 1e9;
        }
        double[] all = new double[4];
        StringBuilder formats = new StringBuilder();
        for (Map.Entry<String, double[]> e : byFormat.entrySet()) {
            double[] a = e.getValue();
            for (int i = 0; i < 4; i++) {
                all[i] += a[i];
            }
            formats.append(formats.isEmpty() ? "" : ",").append(entry(e.getKey(), a));
        }
        System.out.printf(Locale.ROOT, "{\"step\":\"probe\",\"all\":%s,\"formats\":[%s]}%n", entry("all", all), formats);
    }

    private static String entry(String name, double[] a) {
        double gb = a[1] / 1e9;
        return String.format(Locale.ROOT, "{\"format\":\"%s\",\"files\":%.0f,\"mb\":%.1f,\"probe_ms_per_file\":%.2f,\"decode_ms_per_file\":%.1f,"
                        + "\"probe_s_per_gb\":%.2f,\"decode_s_per_gb\":%.1f,\"probe_over_decode\":%.4f}", name, a[0], a[1] / 1e6,
                1000 * a[2] / a[0], 1000 * a[3] / a[0], a[2] / gb, a[3] / gb, a[2] / a[3]);
    }
}
