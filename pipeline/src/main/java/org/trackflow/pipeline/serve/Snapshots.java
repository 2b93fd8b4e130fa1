package org.trackflow.pipeline.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.stage.AfterScan;

/**
 * The library the server answers from, swapped atomically when a scan's after-scan stage has finished: a
 * background thread looks at the stage's record every {@code interval}, and when it changed loads the new
 * library whole (on the side, while requests go on) and puts it in place in one step. A request takes the
 * library current when it starts ({@link #acquire}) and keeps it to the end ({@link Lease#close}), so no
 * request sees half of one scan and half of the next; an old library is closed when its last request ends.
 * A load that fails or finds the output between two states keeps the current library and tries again.
 */
final class Snapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private final Output output;
    private final Path root;
    private final boolean keepDuplicates;
    private final AtomicReference<Library> current = new AtomicReference<>();
    private final ScheduledExecutorService reloader;
    private volatile long swaps;
    private boolean closed;

    Snapshots(Output output, Path root, boolean keepDuplicates, long intervalMillis) {
        this.output = output;
        this.root = root;
        this.keepDuplicates = keepDuplicates;
        this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trackflow-serve-reload");
            t.setDaemon(true);
            return t;
        });
        reloader.scheduleWithFixedDelay(this::reloadQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** A library in use by one request; closing it lets the library go when it is no longer current. */
    static final class Lease implements AutoCloseable {
        final Library library;

        private Lease(Library library) {
            this.library = library;
        }

        @Override
        public void close() {
            library.release();
        }
    }

    /** The current library for one request, or null when none is loaded yet (no scan finished). */
    Lease acquire() {
        while (true) {
            Library l = current.get();
            if (l == null) {
                return null;
            }
            if (l.retain()) {
                return new Lease(l);
            }
            // swapped out and closed between the read and the retain: the next read has the new one
        }
    }

    /** Loads the output's library if its stage wrote a new record since; true when the library changed. */
    synchronized boolean reload() throws IOException {
        if (closed) {
            return false;
        }
        Library now = current.get();
        String record = AfterScan.recordText(output);
        if (record == null || now != null && Objects.equals(now.record, record)) {
            return false;
        }
        long t0 = System.nanoTime();
        Library next = Library.load(output, root, keepDuplicates);
        if (next == null) {
            return false;
        }
        Library old = current.getAndSet(next);
        swaps++;
        LOG.info("Serving scan {} ({} tracks, {} playlists), loaded in {} ms", next.scan, next.tracks.size(), next.playlists.size(),
                (System.nanoTime() - t0) / 1_000_000);
        if (old != null) {
            old.release(); // the holder's reference: closed once its last request ends
        }
        return true;
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Library not reloaded (the current one stays): {}", e.toString());
        }
    }

    /** How many times a library was put in place. */
    long swaps() {
        return swaps;
    }

    @Override
    public void close() {
        reloader.shutdownNow();
        synchronized (this) { // after a reload in progress, which would otherwise put a library in place after this
            closed = true;
            Library l = current.getAndSet(null);
            if (l != null) {
                l.release();
            }
        }
    }
}
