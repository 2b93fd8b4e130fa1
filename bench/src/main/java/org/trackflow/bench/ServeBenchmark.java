package org.trackflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.serve.TrackflowServer;

/**
 * trackflow serve under load (issue 28), on an output the scale benchmark's job made. Two JVMs, so that the
 * server's memory is its own:
 * <pre>
 *   ServeBenchmark serve OUT                     start the server on OUT (a free loopback port, printed), until killed
 *   ServeBenchmark load PORT OUT PID [CLIENTS] [SECONDS]
 *       one client: latency of similar -n 30 and path -n 20 (random seeds and ends, after a warm-up);
 *       CLIENTS clients for SECONDS: requests per second and errors; the same again with the library swapped
 *       a third of the way in (the after-scan stage's record rewritten, as a scan's stage does: the server
 *       loads the output again beside the load and puts it in place); the server's peak resident memory (PID)
 * </pre>
 * Prints one JSON line.
 */
public final class ServeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServeBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("serve")) {
            Output output = new Output(new LocalStorage(), Path.of(args[1]).toAbsolutePath().toUri().toString());
            TrackflowServer server = TrackflowServer.start(output, new TrackflowServer.Settings("127.0.0.1", 0, null, null, false, 1000));
            System.out.println("port " + server.port());
            System.out.flush();
            Thread.currentThread().join();
        }
        int port = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        long pid = Long.parseLong(args[3]);
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        String base = "http://127.0.0.1:" + port;
        List<String> seeds = seeds(base, 400);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            get(base + similar(seeds, random));
            get(base + path(seeds, random));
        }
        double[] similar = new double[300];
        double[] path = new double[300];
        for (int i = 0; i < similar.length; i++) {
            similar[i] = timed(base + similar(seeds, random));
            path[i] = timed(base + path(seeds, random));
        }
        Load steady = load(base, seeds, clients, seconds, null);
        Load swapped = load(base, seeds, clients, seconds, () -> swap(out));
        long swaps = JSON.readTree(get(base + "/api/status")).get("swaps").asLong();
        System.out.printf(Locale.ROOT, "{\"step\":\"serve\",\"tracks\":%d,\"similar_p50_ms\":%.1f,\"similar_p95_ms\":%.1f,\"similar_p99_ms\":%.1f,"
                        + "\"path_p50_ms\":%.1f,\"path_p95_ms\":%.1f,\"path_p99_ms\":%.1f,\"clients\":%d,\"seconds\":%d,"
                        + "\"steady_rps\":%.1f,\"steady_errors\":%d,\"steady_p99_ms\":%.1f,\"swap_rps\":%.1f,\"swap_errors\":%d,\"swap_p99_ms\":%.1f,"
                        + "\"swaps\":%d,\"server_peak_rss_mb\":%d}%n",
                JSON.readTree(get(base + "/api/status")).get("tracks").asLong(), pct(similar, 50), pct(similar, 95), pct(similar, 99),
                pct(path, 50), pct(path, 95), pct(path, 99), clients, seconds, steady.rps, steady.errors, steady.p99, swapped.rps,
                swapped.errors, swapped.p99, swaps, peakRssMb(pid));
    }

    private record Load(double rps, int errors, double p99) {}

    /** {@code clients} threads asking mixes and paths (two to one) for {@code seconds}; {@code midway} runs a third of the way in. */
    private static Load load(String base, List<String> seeds, int clients, int seconds, Runnable midway) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom r = new SplittableRandom(100 + c);
            Thread t = new Thread(() -> {
                int i = 0;
                while (running.get()) {
                    String url = base + (i++ % 3 == 2 ? path(seeds, r) : similar(seeds, r));
                    try {
                        latencies.add(timed(url));
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long t0 = System.nanoTime();
        if (midway != null) {
            Thread.sleep(seconds * 1000L / 3);
            midway.run();
        }
        while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
            Thread.sleep(50);
        }
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double[] all = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        return new Load(all.length / elapsed, errors.get(), pct(all, 99));
    }

    /** What a scan's after-scan stage does last: its record rewritten (here with the same content and a new time). */
    private static void swap(Path out) {
        try {
            Path record = out.resolve("after-scan.properties");
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(record)) {
                p.load(in);
            }
            p.setProperty("finished", java.time.Instant.now().toString());
            Path tmp = record.resolveSibling(".after-scan.properties.tmp");
            try (var w = Files.newBufferedWriter(tmp)) {
                p.store(w, "rewritten by the serve benchmark: a swap");
            }
            Files.move(tmp, record, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> seeds(String base, int n) throws Exception {
        JsonNode status = JSON.readTree(get(base + "/api/status"));
        long tracks = status.get("tracks").asLong();
        SplittableRandom r = new SplittableRandom(42);
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        while (out.size() < Math.min(n, tracks)) {
            long offset = r.nextLong(Math.max(1, tracks - 10));
            for (JsonNode t : JSON.readTree(get(base + "/api/tracks?limit=10&offset=" + offset)).get("tracks")) {
                out.add(t.get("track_id").asText());
            }
        }
        return new ArrayList<>(out);
    }

    private static String similar(List<String> seeds, SplittableRandom r) {
        return "/api/similar?n=30&seed=" + enc(seeds.get(r.nextInt(seeds.size())));
    }

    private static String path(List<String> seeds, SplittableRandom r) {
        int a = r.nextInt(seeds.size());
        int b = (a + 1 + r.nextInt(seeds.size() - 1)) % seeds.size();
        return "/api/path?n=20&from=" + enc(seeds.get(a)) + "&to=" + enc(seeds.get(b));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double timed(String url) throws Exception {
        long t0 = System.nanoTime();
        get(url);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static double pct(double[] values, int p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static long peakRssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
