package org.trackflow.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives {@code conf/cluster/flink-cluster.sh}, the script a person uses, so the tests exercise it too:
 * a standalone JobManager and TaskManagers as separate JVMs, the Flink CLI, and the REST API.
 */
final class FlinkClusterScript implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("trackflow.root", "..")).toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("conf/cluster/flink-cluster.sh");
    static final Path JOB_JAR = ROOT.resolve("pipeline/target/trackflow-pipeline.jar");
    static final String MAIN = "org.trackflow.pipeline.cli.TrackflowJob";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread stopOnExit;

    FlinkClusterScript(Path dir) {
        this.dir = dir;
        // If the test JVM is killed, its cluster must not outlive it.
        this.stopOnExit = new Thread(this::stopQuietly, "stop-flink-cluster");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts a JobManager and {@code taskManagers} TaskManagers; returns the script's output. */
    String start(int taskManagers) throws IOException, InterruptedException {
        // the tests' libraries are of 12 000 tracks at most: the configuration's TaskManager size is for a million
        return script(Duration.ofMinutes(3), "start", "--taskmanagers", Integer.toString(taskManagers),
                "--set", "taskmanager.memory.process.size=1600m");
    }

    String addTaskManager() throws IOException, InterruptedException {
        return script(Duration.ofMinutes(2), "add-taskmanager");
    }

    /** Runs the Flink CLI to its end; returns its output, failing when it fails. */
    String flink(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("flink"));
        a.addAll(List.of(args));
        return script(timeout, a.toArray(String[]::new));
    }

    /** Starts the Flink CLI without waiting (an attached {@code flink run}); output goes to {@code log}. */
    Process flinkAsync(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), "flink", "--dir", dir.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    long pid(String process) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("pids/" + process + ".pid")).trim());
    }

    /** GET on the JobManager's REST API. */
    JsonNode rest(String path) throws IOException, InterruptedException {
        String base = Files.readString(dir.resolve("rest-url")).trim();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The id of the one job in {@code state} (RUNNING, ...), or null. */
    String job(String state) throws IOException, InterruptedException {
        for (JsonNode j : rest("/jobs/overview").path("jobs")) {
            if (state.equals(j.path("state").asText())) {
                return j.path("jid").asText();
            }
        }
        return null;
    }

    /** A job is RUNNING with every task of it running (or finished): it has its slots and works. */
    boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = rest("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode v : job.path("vertices")) {
            JsonNode tasks = v.path("tasks");
            int total = v.path("parallelism").asInt();
            if (tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt() != total) {
                return false;
            }
        }
        return true;
    }

    String stop() throws IOException, InterruptedException {
        return script(Duration.ofMinutes(1), "stop");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception ignored) {
            // best effort on the way out
        }
    }

    private String script(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.add(args[0]);
        cmd.add("--dir");
        cmd.add(dir.toString());
        cmd.addAll(List.of(args).subList(1, args.length));
        Path log = Files.createTempFile(dir.getParent(), "script-", ".log");
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", args) + " timed out; output:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", args) + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    /** Polls {@code condition} every 200 ms until it holds; false on timeout. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}
