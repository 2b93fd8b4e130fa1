package org.trackflow.pipeline.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.stage.AfterScan;

/**
 * The after-scan stage ({@link AfterScan}) after the job: at the end of a once run, and every 10 s while new
 * rows commit in watch mode.
 */
public final class PostRun {
    private static final Logger LOG = LoggerFactory.getLogger(PostRun.class);

    private PostRun() {}

    /** What the stage did, with the current view it left. */
    record Result(CurrentView view, AfterScan.Result stage) {}

    static Result run(Output output, AfterScan.Settings settings) throws Exception {
        return new Result(new CurrentView(output), AfterScan.run(output, settings));
    }

    /**
     * Watch mode: the job never ends, so the process that submitted it folds each scan's committed rows in
     * and rebuilds the playlists whenever new rows have been committed, until {@link Watcher#finish}.
     */
    public static Watcher watch(Output output, AfterScan.Settings settings, long periodMillis) {
        Watcher w = new Watcher(output, settings, periodMillis);
        w.setDaemon(true);
        w.start();
        return w;
    }

    /** The post-scan loop of watch mode. It is never interrupted inside a step, so no write is cut short. */
    public static final class Watcher extends Thread {
        private final Output output;
        private final AfterScan.Settings settings;
        private final long periodMillis;
        private volatile boolean stopping;

        Watcher(Output output, AfterScan.Settings settings, long periodMillis) {
            super("trackflow-post-scan");
            this.output = output;
            this.settings = settings;
            this.periodMillis = periodMillis;
        }

        @Override
        public void run() {
            CurrentView view = new CurrentView(output);
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
                        retry = AfterScan.run(output, settings).playlistError() != null;
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
