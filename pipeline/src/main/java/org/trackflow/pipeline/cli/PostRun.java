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
 * recording ({@link Duplicates}), then rebuild the playlists. A playlist failure is reported and leaves the scan's results in place; the next run retries.
 */
public final class PostRun {
    private static final Logger LOG = LoggerFactory.getLogger(PostRun.class);

    private PostRun() {}

    /** The current view's scan, its duplicate groups, and the playlists (or why they were not rebuilt). */
    record Result(CurrentView view, long scan, List<Duplicates.Group> duplicates, Playlists.Summary playlists, String playlistError) {}

    static Result run(String outUri, Path library, PlaylistBuilder.Options options, boolean keepDuplicates) throws Exception {
        CurrentView view = new CurrentView(new FlinkStorage(), outUri);
        long scan = view.compact();
        List<Duplicates.Group> groups = List.of();
        try {
            groups = Duplicates.update(view);
            return new Result(view, scan, groups, Playlists.update(view, library, options, keepDuplicates), null);
        } catch (Exception e) {
            LOG.warn("Duplicates or playlists not rebuilt after scan {}", scan, e);
            return new Result(view, scan, groups, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * Watch mode: the job never ends, so the process that submitted it folds each scan's committed rows in
     * and rebuilds the playlists whenever new rows have been committed, until {@code running} turns false.
     */
    public static Thread watch(String outUri, Path library, PlaylistBuilder.Options options, boolean keepDuplicates,
                               long periodMillis) {
        Thread t = new Thread(() -> {
            CurrentView view = new CurrentView(new FlinkStorage(), outUri);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(periodMillis);
                    if (!view.unfolded().isEmpty()) {
                        run(outUri, library, options, keepDuplicates);
                    }
                } catch (InterruptedException stop) {
                    return;
                } catch (Exception e) {
                    LOG.warn("Current view not refreshed; next try in {} ms", periodMillis, e);
                }
            }
        }, "trackflow-post-scan");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
