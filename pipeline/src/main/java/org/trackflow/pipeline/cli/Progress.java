package org.trackflow.pipeline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.trackflow.pipeline.flink.ops.TrackAggregator;
import org.trackflow.pipeline.catalog.LibraryScanner;

/**
 * A console progress line for local runs: tracks done of total, rate, ETA, errors. On a terminal it
 * rewrites one line in place; otherwise (a pipe, a log file, cron) it prints a line every 30 s. Progress
 * comes from the job's accumulators, which TaskManagers report with their heartbeats; the total from a
 * metadata-only count of the library done here, beside the job.
 */
final class Progress implements AutoCloseable {
    private static final long TERMINAL_PERIOD_MS = 1000;
    private static final long LOG_PERIOD_MS = 30_000;

    private final PrintStream out;
    private final JobClient client;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final AtomicLong total = new AtomicLong(-1);
    private final Thread thread;
    private volatile boolean running = true;
    private int lastLength;

    /**
     * Without a total (watch mode; a rescan, which analyses only changes) the line shows what was analysed
     * since the start.
     */
    private final String openEnded;

    /** @param openEnded null to show a total and an ETA (a first scan), else the label of an open-ended line */
    Progress(PrintStream out, JobClient client, Path library, String openEnded) {
        this.out = out;
        this.client = client;
        this.openEnded = openEnded;
        this.terminal = System.console() != null && System.getenv("CI") == null;
        if (openEnded != null) {
            thread = startThread();
            return;
        }
        CompletableFuture.runAsync(() -> {
            AtomicLong n = new AtomicLong();
            try {
                LibraryScanner.scan(library, f -> n.incrementAndGet());
                total.set(n.get());
            } catch (java.io.IOException e) {
                total.set(-1);
            }
        });
        thread = startThread();
    }

    private Thread startThread() {
        Thread t = new Thread(this::loop, "trackflow-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void loop() {
        long period = terminal ? TERMINAL_PERIOD_MS : LOG_PERIOD_MS;
        while (running) {
            try {
                Thread.sleep(period);
                Map<String, Object> acc = client.getAccumulators().get(5, TimeUnit.SECONDS);
                if (running) {
                    print(acc);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the job is finishing or the cluster is busy: try again next time
            }
        }
    }

    private void print(Map<String, Object> acc) {
        long ok = number(acc.get(TrackAggregator.TRACKS_OK));
        long errors = number(acc.get(TrackAggregator.TRACKS_ERROR));
        long done = ok + errors;
        long all = total.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = done / seconds * 3600;
        if (openEnded != null) {
            String line = String.format(Locale.ROOT, "%s: %d tracks analysed (%d errors), %.0f tracks/h, %s elapsed",
                    openEnded, done, errors, rate, duration(seconds));
            emit(line);
            return;
        }
        String eta = all > 0 && done > 0 && done < all ? duration((all - done) / (done / seconds)) : "?";
        String line = String.format(Locale.ROOT, "%s %d/%s tracks, %.0f tracks/h, ETA %s, %d errors, %s elapsed",
                bar(done, all), done, all >= 0 ? Long.toString(all) : "?", rate, eta, errors, duration(seconds));
        emit(line);
    }

    private void emit(String line) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println("progress: " + line);
        }
        out.flush();
    }

    private static String bar(long done, long all) {
        int width = 20;
        int filled = all > 0 ? (int) Math.min(width, done * width / all) : 0;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    private static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (terminal && lastLength > 0) {
            out.println();
        }
    }
}
