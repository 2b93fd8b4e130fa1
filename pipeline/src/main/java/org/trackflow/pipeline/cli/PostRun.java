package org.trackflow.pipeline.cli;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import java.util.List;
import org.trackflow.pipeline.playlists.Duplicates;
import org.trackflow.pipeline.playlists.PlaylistBuilder;
import org.trackflow.pipeline.playlists.Playlists;

/**
 * What follows a scan whose rows are committed: fold them into the current view, group the copies of a
 * recording ({@link Duplicates}), then rebuild the playlists (and, on a large library, the neighbour index).
 * A playlist failure is reported and leaves the scan's results in place; the next run retries, and in watch
 * mode the next tick does.
 */
public final class PostRun {
    private static final Logger LOG = LoggerFactory.getLogger(PostRun.class);

    private PostRun() {}

    /**
     * The current view's scan, its duplicate groups, the playlists (or why they were not rebuilt), and the
     * wall seconds all this took.
     */
    record Result(CurrentView view, long scan, List<Duplicates.Group> duplicates, Playlists.Summary playlists, String playlistError,
                  double seconds) {}

    static Result run(String outUri, Path library, PlaylistBuilder.Options options, boolean keepDuplicates) throws Exception {
        long t0 = System.nanoTime();
        CurrentView view = new CurrentView(new FlinkStorage(), outUri);
        long scan = view.compact();
        List<Duplicates.Group> groups = List.of();
        try {
            groups = Duplicates.update(view);
            Playlists.Summary playlists = Playlists.updateIfStale(view, library, options, keepDuplicates);
            return new Result(view, scan, groups, playlists, null, (System.nanoTime() - t0) / 1e9);
        } catch (Exception e) {
            LOG.warn("Duplicates or playlists not rebuilt after scan {}", scan, e);
            return new Result(view, scan, groups, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Watch mode: the job never ends, so the process that submitted it folds each scan's committed rows in
     * and rebuilds the playlists whenever new rows have been committed, until {@link Watcher#finish}.
     */
    public static Watcher watch(String outUri, Path library, PlaylistBuilder.Options options, boolean keepDuplicates,
                                long periodMillis) {
        Watcher w = new Watcher(outUri, library, options, keepDuplicates, periodMillis);
        w.setDaemon(true);
        w.start();
        return w;
    }

    /** The post-scan loop of watch mode. It is never interrupted inside a step, so no write is cut short. */
    public static final class Watcher extends Thread {
        private final String outUri;
        private final Path library;
        private final PlaylistBuilder.Options options;
        private final boolean keepDuplicates;
        private final long periodMillis;
        private volatile boolean stopping;

        Watcher(String outUri, Path library, PlaylistBuilder.Options options, boolean keepDuplicates, long periodMillis) {
            super("trackflow-post-scan");
            this.outUri = outUri;
            this.library = library;
            this.options = options;
            this.keepDuplicates = keepDuplicates;
            this.periodMillis = periodMillis;
        }

        @Override
        public void run() {
            CurrentView view = new CurrentView(new FlinkStorage(), outUri);
            // a playlist stage that failed is retried on the next tick, new rows or not
            boolean retry = false;
            while (!stopping) {
                synchronized (this) {
                    try {
                        wait(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                try {
                    if (!stopping && (retry || !view.unfolded().isEmpty())) {
                        retry = PostRun.run(outUri, library, options, keepDuplicates).playlistError() != null;
                    }
                } catch (Exception e) {
                    LOG.warn("Current view not refreshed; next try in {} ms", periodMillis, e);
                }
            }
        }

        /** Ends the loop after the step it is in, and waits for it: the caller's own post-run step comes next. */
        public void finish() throws InterruptedException {
            stopping = true;
            synchronized (this) {
                notifyAll();
            }
            join();
        }
    }
}
