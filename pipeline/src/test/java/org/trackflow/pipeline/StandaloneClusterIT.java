package org.trackflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trackflow.pipeline.FlinkClusterScript.JOB_JAR;
import static org.trackflow.pipeline.FlinkClusterScript.MAIN;
import static org.trackflow.pipeline.FlinkClusterScript.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.testkit.DemoLibrary;

/**
 * trackflow on a real standalone Flink cluster (separate JobManager and TaskManager JVMs, started by
 * {@code conf/cluster/flink-cluster.sh} from Flink's Maven jars), submitted as the shaded job jar with
 * {@code flink run}: recovery from a TaskManager killed mid-run and during the after-scan stage, a detached
 * watch job that keeps the current view and playlists up to date with no client, watch mode stopped with a
 * savepoint and resumed, and jobs resubmitted to the same TaskManagers (FFmpeg's natives in fresh class
 * loaders).
 */
class StandaloneClusterIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    private static final int TRACKS = 40;
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    @TempDir
    static Path work;
    static FlinkClusterScript cluster;
    static int jobsSubmitted;

    @BeforeAll
    static void startCluster() throws Exception {
        assertThat(JOB_JAR).as("the shaded job jar (mvn package builds it)").exists();
        cluster = new FlinkClusterScript(work.resolve("cluster"));
        long t0 = System.nanoTime();
        String out = cluster.start(2);
        report("cluster start (JobManager + 2 TaskManagers, 2 slots each): %.1f s; %s", seconds(t0),
                out.lines().filter(l -> l.startsWith("cluster up")).findFirst().orElse(out));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster == null) {
            return;
        }
        List<Long> pids = new java.util.ArrayList<>();
        try (var files = Files.list(work.resolve("cluster/pids"))) {
            for (Path f : files.toList()) {
                pids.add(Long.parseLong(Files.readString(f).trim()));
            }
        }
        cluster.close();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d stopped", pid).isFalse();
        }
    }

    @Test
    void recoversFromAKilledTaskManagerWithEveryTrackExactlyOnce() throws Exception {
        Path library = work.resolve("library");
        DemoLibrary.write(library, TRACKS / 4);
        Path out = work.resolve("out-cluster");
        Path clientLog = work.resolve("client-run.log");

        Process client = cluster.flinkAsync(clientLog, "run", "-c", MAIN, JOB_JAR.toString(),
                "--library", library.toString(), "--out", out.toString(), "--checkpoint-interval", "2s");
        try {
            jobsSubmitted++;
            String[] jobId = new String[1];
            assertThat(await(Duration.ofMinutes(2), () -> (jobId[0] = quietly(() -> cluster.job("RUNNING"))) != null))
                    .as("job running; client says:%n%s", read(clientLog)).isTrue();

            // Kill a TaskManager once a checkpoint has committed some rows, while tracks are still analysed.
            assertThat(await(Duration.ofMinutes(2), () -> {
                int rows = DuckDb.historyOrEmpty(out).size();
                return rows > 0 && completedCheckpoints(jobId[0]) > 0;
            })).as("a checkpoint committed rows").isTrue();
            int committedAtKill = DuckDb.historyOrEmpty(out).size();
            assertThat(committedAtKill).as("rows committed when the TaskManager is killed").isLessThan(TRACKS);
            long victim = cluster.pid("taskmanager-1");
            long killedAt = System.nanoTime();
            long killedAtMs = System.currentTimeMillis();
            assertThat(ProcessHandle.of(victim).orElseThrow().destroyForcibly()).isTrue(); // SIGKILL
            String replacement = cluster.addTaskManager();
            double replacementUp = seconds(killedAt);
            // When the JobManager failed the job over: the first entry of its exception history.
            assertThat(await(Duration.ofMinutes(1), () -> firstFailure(jobId[0]) > 0)).as("the job noticed the lost TaskManager").isTrue();
            double noticed = (firstFailure(jobId[0]) - killedAtMs) / 1e3;
            assertThat(await(Duration.ofMinutes(3), () -> restored(jobId[0]) && Boolean.TRUE.equals(quietly(() -> cluster.allTasksRunning(jobId[0])))))
                    .as("the job runs again, restored from a checkpoint").isTrue();
            double recovered = seconds(killedAt);
            report("TaskManager kill -9 with %d/%d rows committed: failure noticed within %.1f s, replacement registered %.1f s, "
                    + "job running again from its checkpoint %.1f s after the kill (%s)", committedAtKill, TRACKS, noticed,
                    replacementUp, recovered, replacement.strip().replace('\n', ' '));

            assertThat(client.waitFor(5, TimeUnit.MINUTES)).as("the job finishes").isTrue();
            String clientOut = read(clientLog);
            assertThat(client.exitValue()).as("flink run's exit; output:%n%s", clientOut).isZero();
            assertThat(clientOut).contains("scan:          1: " + TRACKS + " analysed (" + TRACKS + " ok, 0 errors)");
            JsonNode restoredFrom = cluster.rest("/jobs/" + jobId[0] + "/checkpoints").path("latest").path("restored");
            assertThat(restoredFrom.path("is_savepoint").asBoolean(true)).as("restored from a checkpoint: %s", restoredFrom).isFalse();
        } finally {
            if (client.isAlive()) {
                client.destroyForcibly(); // a failed test must not leave its client (and job) behind
                quietly(() -> cluster.flink(Duration.ofMinutes(1), "cancel", cluster.job("RUNNING")));
            }
        }

        // An independent reader: every track exactly once, none failed by the kill.
        List<Map<String, Object>> rows = DuckDb.history(out);
        assertThat(rows).hasSize(TRACKS);
        assertThat(rows.stream().map(r -> r.get("path")).distinct().count()).isEqualTo(TRACKS);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("status")).as("%s: %s", r.get("path"), r.get("error")).isEqualTo("ok"));
        assertThat(DuckDb.tracks(out)).hasSize(TRACKS);

        // The same numbers as a MiniCluster run of the same library.
        Path reference = work.resolve("out-minicluster");
        JobRunner.run(library, reference, 2, 30);
        Map<Object, Map<String, Object>> expected = DuckDb.history(reference).stream()
                .collect(Collectors.toMap(r -> r.get("path"), r -> r));
        assertThat(expected).hasSize(TRACKS);
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = expected.get(r.get("path"));
            for (String col : concat(DeterminismTest.FEATURES, List.of("key", "scale", "camelot", "track_id", "content_key"))) {
                assertThat(r.get(col)).as("%s of %s", col, r.get("path")).isEqualTo(e.get(col));
            }
        }
    }

    @Test
    void watchModeStopsWithASavepointAndResumesWithOnlyTheNewFiles() throws Exception {
        Path library = work.resolve("watched");
        DemoLibrary.write(library, 1);
        Path out = work.resolve("out-watch");
        String[] job = {"-c", MAIN, JOB_JAR.toString(), "--library", library.toString(), "--out", out.toString(),
                "--mode", "watch", "--scan-interval", "2s", "--checkpoint-interval", "1s"};

        String first = jobId(cluster.flink(Duration.ofMinutes(2), concat(List.of("run", "-d"), List.of(job)).toArray(String[]::new)));
        jobsSubmitted++;
        assertThat(await(Duration.ofMinutes(2), () -> okRows(out) == 4)).as("the first scan's 4 tracks").isTrue();

        long t0 = System.nanoTime();
        String stopped = cluster.flink(Duration.ofMinutes(2), "stop", "--savepointPath", work.resolve("savepoints").toUri().toString(), first);
        Matcher sp = SAVEPOINT.matcher(stopped);
        assertThat(sp.find()).as("flink stop output:%n%s", stopped).isTrue();
        report("watch mode: stop with savepoint %.1f s (%s)", seconds(t0), sp.group(1));
        assertThat(cluster.rest("/jobs/" + first).path("state").asText()).isEqualTo("FINISHED");

        DemoLibrary.write(library, 2); // 4 more files, while no job runs
        t0 = System.nanoTime();
        String second = jobId(cluster.flink(Duration.ofMinutes(2),
                concat(List.of("run", "-d", "-s", sp.group(1)), List.of(job)).toArray(String[]::new)));
        jobsSubmitted++;
        try {
            resumedWatchJobAnalysesOnlyTheNewFiles(out, t0);
        } finally {
            // whatever failed above, the job must not hold the slots the other tests need
            cluster.flink(Duration.ofMinutes(1), "cancel", second);
        }
        assertThat(await(Duration.ofSeconds(30), () -> "CANCELED".equals(quietly(() -> cluster.rest("/jobs/" + second).path("state").asText()))))
                .isTrue();
    }

    private void resumedWatchJobAnalysesOnlyTheNewFiles(Path out, long t0) throws Exception {
        assertThat(await(Duration.ofMinutes(2), () -> okRows(out) == 8)).as("the 4 new tracks analysed").isTrue();
        report("watch mode: resumed from the savepoint, 4 new files analysed %.1f s after resubmission", seconds(t0));
        Thread.sleep(3 * 2_000 + 2_000); // three more scans: nothing more may be analysed
        List<Map<String, Object>> rows = DuckDb.history(out);
        assertThat(rows).as("one row per file: the first 4 were not analysed again").hasSize(8);
        assertThat(rows.stream().map(r -> r.get("path")).distinct().count()).isEqualTo(8);
        Map<Object, Long> scanOf = new HashMap<>();
        rows.forEach(r -> scanOf.put(r.get("path"), ((Number) r.get("scan_id")).longValue()));
        long firstScan = DemoLibrary.plan(1).stream().mapToLong(e -> scanOf.get(e.relativePath())).max().orElseThrow();
        assertThat(DemoLibrary.plan(2).stream().filter(e -> !DemoLibrary.plan(1).contains(e)).map(e -> scanOf.get(e.relativePath())))
                .as("the new files come from scans after the savepoint").allSatisfy(s -> assertThat(s).isGreaterThan(firstScan));
        // the detached job folds its rows into the current view itself
        assertThat(await(Duration.ofMinutes(1), () -> currentRows(out) == 8)).isTrue();
    }

    @Test
    void aDetachedWatchJobKeepsTheCurrentViewAndPlaylistsUpToDateWithNoClient() throws Exception {
        Path library = work.resolve("detached");
        DemoLibrary.write(library, 1);
        Path out = work.resolve("out-detached");
        int interval = 10;
        String id = jobId(cluster.flink(Duration.ofMinutes(2), "run", "-d", "-c", MAIN, JOB_JAR.toString(), "--library", library.toString(),
                "--out", out.toString(), "--mode", "watch", "--scan-interval", interval + "s", "--checkpoint-interval", "2s"));
        jobsSubmitted++;
        try {
            assertThat(await(Duration.ofMinutes(2), () -> playlisted(out).size() == 4)).as("the first scan's playlists").isTrue();
            // 4 new files and a copy of an old one, while only the job runs
            DemoLibrary.write(library, 2);
            Path original = DemoLibrary.plan(1).stream().map(e -> library.resolve(e.relativePath())).findFirst().orElseThrow();
            Path copy = library.resolve("copies").resolve(original.getFileName());
            Files.createDirectories(copy.getParent());
            Files.copy(original, copy);
            long t0 = System.nanoTime();
            // worst case: the files land just before a scan, wait for the next one (a copy still settling is
            // left for it), then analysis and the stage: measured 9-12 s; three intervals leave room on a busy machine
            assertThat(await(Duration.ofSeconds(3L * interval), () -> currentRows(out) == 9
                    && playlisted(out).size() == 8 && duplicates(out) == 2)).as("new files in the current view, the playlists and the "
                    + "duplicate groups within three scan intervals; stage record:%n%s", read(out.resolve("after-scan.properties"))).isTrue();
            report("detached watch job (scan interval %d s): 5 files added, in the current view, the playlists and the duplicate groups "
                    + "%.1f s later, with no client", interval, seconds(t0));
            // the playlists' files: every playlisted track in an M3U8, and the report names them
            String m3u = Files.walk(out.resolve("playlists/m3u")).filter(f -> f.toString().endsWith(".m3u8"))
                    .map(f -> quietly(() -> Files.readString(f))).collect(Collectors.joining("\n"));
            for (Object path : playlisted(out)) {
                assertThat(m3u).contains(Path.of(path.toString()).getFileName().toString());
            }
            assertThat(Files.readString(out.resolve("report.html"))).contains("8 tracks");
        } finally {
            cluster.flink(Duration.ofMinutes(1), "cancel", id);
        }
    }

    @Test
    void aTaskManagerKilledDuringTheAfterScanStageLeavesTheSameOutput() throws Exception {
        int n = 12_000;
        Path library = work.resolve("large");
        new org.trackflow.pipeline.fixtures.SyntheticLibrary(n).files(library);
        Path out = work.resolve("out-large");
        Path reference = work.resolve("out-large-reference");
        for (Path o : List.of(out, reference)) {
            Files.createDirectories(o);
            new org.trackflow.pipeline.catalog.CurrentView(new org.trackflow.pipeline.catalog.Output(
                    new org.trackflow.pipeline.catalog.LocalStorage(), o.toUri().toString())).write(new org.trackflow.pipeline.fixtures.SyntheticLibrary(n), 1);
        }
        Path clientLog = work.resolve("client-large.log");
        Process client = cluster.flinkAsync(clientLog, "run", "-c", MAIN, JOB_JAR.toString(), "--library", library.toString(),
                "--out", out.toString(), "--checkpoint-interval", "2s");
        jobsSubmitted++;
        try {
            // the stage's parts are being built on the slots: kill a TaskManager now
            assertThat(await(Duration.ofMinutes(3), () -> Files.isDirectory(out.resolve(".index-parts"))))
                    .as("the after-scan stage at work; client says:%n%s", read(clientLog)).isTrue();
            assertThat(Files.exists(out.resolve("after-scan.properties"))).as("the stage has not finished").isFalse();
            long victim = cluster.pid("taskmanager-2");
            long killedAt = System.nanoTime();
            assertThat(ProcessHandle.of(victim).orElseThrow().destroyForcibly()).isTrue();
            cluster.addTaskManager();
            assertThat(client.waitFor(6, TimeUnit.MINUTES)).as("the job finishes; client says:%n%s", read(clientLog)).isTrue();
            assertThat(client.exitValue()).as("flink run's exit; output:%n%s", read(clientLog)).isZero();
            report("TaskManager kill -9 during the after-scan stage of %d tracks: the job finished %.1f s after the kill", n, seconds(killedAt));
        } finally {
            if (client.isAlive()) {
                client.destroyForcibly();
                quietly(() -> cluster.flink(Duration.ofMinutes(1), "cancel", cluster.job("RUNNING")));
            }
        }
        JobRunner.run(org.trackflow.pipeline.flink.TrackflowPipeline.Settings.full(library.toString(), reference.toUri().toString(),
                org.trackflow.udfs.frame.FrameGrid.DEFAULT_ANALYSIS_RATE, 30), reference, 2);
        assertThat(DuckDb.query("SELECT * FROM '" + out.resolve("playlists/playlists.parquet") + "' ORDER BY playlist_id, position"))
                .hasSize(n).isEqualTo(DuckDb.query("SELECT * FROM '" + reference.resolve("playlists/playlists.parquet") + "' ORDER BY playlist_id, position"));
        for (String f : List.of("playlists/stations.tsv", "playlists/state.tsv", "report.html")) {
            assertThat(Files.readString(out.resolve(f))).as(f).isEqualTo(Files.readString(reference.resolve(f)));
        }
        try (var m3u = Files.walk(out.resolve("playlists/m3u"))) {
            for (Path f : m3u.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).isEqualTo(Files.readString(reference.resolve("playlists/m3u")
                        .resolve(out.resolve("playlists/m3u").relativize(f))));
            }
        }
        assertThat(out.resolve(".index-parts")).as("no part of a cut-short index left").doesNotExist();
        try (org.trackflow.pipeline.neighbours.NeighbourIndex a = org.trackflow.pipeline.neighbours.NeighbourIndex.open(view(out));
             org.trackflow.pipeline.neighbours.NeighbourIndex b = org.trackflow.pipeline.neighbours.NeighbourIndex.open(view(reference))) {
            assertThat(a.size()).isEqualTo(b.size()).isEqualTo(n);
            org.trackflow.pipeline.fixtures.SyntheticLibrary rows = new org.trackflow.pipeline.fixtures.SyntheticLibrary(n);
            for (int i = 0; i < n; i += 1499) {
                org.trackflow.schemas.TrackRecord r = rows.row(i);
                assertThat(a.nearest(a.vector(r), 10).stream().map(h -> h.row().getTrackId()).toList())
                        .isEqualTo(b.nearest(b.vector(r), 10).stream().map(h -> h.row().getTrackId()).toList());
            }
        }
    }

    private static org.trackflow.pipeline.catalog.CurrentView view(Path out) {
        return new org.trackflow.pipeline.catalog.CurrentView(new org.trackflow.pipeline.catalog.Output(
                new org.trackflow.pipeline.catalog.LocalStorage(), out.toUri().toString()));
    }

    /** The tracks in the output's playlists. */
    private static List<Object> playlisted(Path out) {
        List<Object> paths = quietly(() -> DuckDb.query("SELECT path FROM '" + out.resolve("playlists/playlists.parquet") + "'").stream()
                .map(r -> r.get("path")).toList());
        return paths == null ? List.of() : paths;
    }

    /**
     * Rows of the current view, -1 while it cannot be read: a reader that lists the file just as the
     * job replaces it may fail once, and a poll must try again, not stop on a null.
     */
    private static int currentRows(Path out) {
        Integer n = quietly(() -> DuckDb.tracks(out).size());
        return n == null ? -1 : n;
    }

    /** Tracks of the current view that belong to a group of copies. */
    private static long duplicates(Path out) {
        Long n = quietly(() -> DuckDb.tracks(out).stream().filter(r -> r.get("recording_id") != null).count());
        return n == null ? 0 : n;
    }

    /**
     * Every job above ran FFmpeg in its own user-code class loader on the same TaskManagers. Once the
     * jobs are over, their class loaders must be collectable: JavaCPP's deallocator thread, which held
     * them (and leaked a job's ~2 800 classes of metaspace per submission), is stopped by the
     * release hook (without it, 3 jobs left 3 loaders and 3 such threads on a TaskManager).
     */
    @Test
    void resubmittedJobsLeaveNoClassLoaderBehind() throws Exception {
        // Its own jobs, so that it holds whatever the other tests did or did not run before it.
        Path library = work.resolve("resubmitted");
        DemoLibrary.write(library, 1);
        for (int i = 0; i < 3; i++) {
            cluster.flink(Duration.ofMinutes(3), "run", "-c", MAIN, JOB_JAR.toString(), "--library", library.toString(),
                    "--out", work.resolve("out-resubmitted-" + i).toString());
            jobsSubmitted++;
        }
        List<String> taskManagers = new java.util.ArrayList<>();
        try (var files = Files.list(work.resolve("cluster/pids"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".pid", "");
                if (name.startsWith("taskmanager") && ProcessHandle.of(cluster.pid(name)).map(ProcessHandle::isAlive).orElse(false)) {
                    taskManagers.add(name);
                }
            }
        }
        assertThat(taskManagers).hasSizeGreaterThanOrEqualTo(2);
        for (String tm : taskManagers) {
            long pid = cluster.pid(tm);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("%s alive", tm).isTrue();
            int[] seen = new int[2];
            boolean released = await(Duration.ofSeconds(60), () -> {
                jcmd(pid, "GC.run");
                seen[0] = count(jcmd(pid, "Thread.print"), "\"JavaCPP Deallocator\"");
                seen[1] = count(jcmd(pid, "VM.classloader_stats"), "org.apache.flink.util.ChildFirstClassLoader");
                // One loader may stay referenced from the TaskManager's own threads; a leak grows by one a job.
                return seen[0] == 0 && seen[1] <= 1;
            });
            report("%s after %d jobs: %d JavaCPP deallocator threads, %d user-code class loaders left", tm, jobsSubmitted, seen[0], seen[1]);
            assertThat(released).as("%s: %d deallocator threads, %d user-code class loaders", tm, seen[0], seen[1]).isTrue();
        }
    }

    private static int okRows(Path out) {
        return (int) DuckDb.historyOrEmpty(out).stream().filter(r -> "ok".equals(r.get("status"))).count();
    }

    private static long completedCheckpoints(String jobId) {
        Long n = quietly(() -> cluster.rest("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong());
        return n == null ? 0 : n;
    }

    /** Time (epoch ms) of the job's first failure, 0 while it has none. */
    private static long firstFailure(String jobId) {
        JsonNode entries = quietly(() -> cluster.rest("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries"));
        long first = 0;
        if (entries != null) {
            for (JsonNode e : entries) {
                long t = e.path("timestamp").asLong();
                first = first == 0 ? t : Math.min(first, t);
            }
        }
        return first;
    }

    /** The job's latest restore was from a checkpoint or savepoint. */
    private static boolean restored(String jobId) {
        JsonNode r = quietly(() -> cluster.rest("/jobs/" + jobId + "/checkpoints").path("latest").path("restored"));
        return r != null && r.isObject();
    }

    private static String jobId(String runOutput) {
        Matcher m = JOB_ID.matcher(runOutput);
        assertThat(m.find()).as("flink run output:%n%s", runOutput).isTrue();
        return m.group(1);
    }

    private static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return s;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String read(Path log) {
        return quietly(() -> Files.readString(log));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The measurements go to the build log: they are what the README and the notes quote. */
    private static void report(String format, Object... args) {
        System.out.println("[cluster] " + String.format(Locale.ROOT, format, args));
    }

    interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T quietly(Call<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            return null;
        }
    }
}
