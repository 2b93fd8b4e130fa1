package org.trackflow.pipeline.flink.source;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.Change;
import org.trackflow.pipeline.catalog.ChangeDetector;
import org.trackflow.pipeline.catalog.Manifest;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ManifestReader;
import org.trackflow.pipeline.flink.fs.FlinkStorage;

/**
 * Scans the library off the coordinator thread ({@code callAsync}): reads the manifest of the output (its
 * current view and the committed history not yet folded into it), and diffs the library against it
 * ({@link ChangeDetector}). Each change becomes a split, handed out one per request so that slots pull
 * work as they finish it. Once mode scans once and then ends the input; watch mode rescans every
 * interval, and keeps the changes it handed out until the output shows them, so that a file still being
 * analysed is not handed out again.
 */
public final class ScanEnumerator implements SplitEnumerator<ChangeSplit, ScanEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(ScanEnumerator.class);

    private final SplitEnumeratorContext<ChangeSplit> context;
    private final ScanConfig config;
    private final Deque<ChangeSplit> pending;
    private final Map<String, ChangeSplit> inFlight = new ConcurrentHashMap<>();
    private final Set<Integer> waitingReaders = new LinkedHashSet<>();
    private boolean scanned;
    private volatile long lastScanId;

    public ScanEnumerator(SplitEnumeratorContext<ChangeSplit> context, ScanConfig config, @Nullable ScanEnumeratorState restored) {
        this.context = context;
        this.config = config;
        this.pending = new ArrayDeque<>(restored != null ? restored.pending() : List.of());
        if (restored != null) {
            scanned = restored.scanned();
            lastScanId = restored.lastScanId();
            restored.inFlight().forEach(s -> inFlight.put(s.change().relativePath(), s));
        }
    }

    /** What one scan found. */
    record Outcome(long scanId, ChangeDetector.Result result, long millis) {}

    @Override
    public void start() {
        if (config.watch()) {
            context.callAsync(this::scan, this::handle, 0, config.interval().toMillis());
        } else if (!scanned) {
            context.callAsync(this::scan, this::handle);
        }
    }

    /** Runs on a worker thread. Reads the output, never writes it: compaction and playlists run elsewhere. */
    Outcome scan() throws Exception {
        long started = System.nanoTime();
        CurrentView view = new CurrentView(new Output(new FlinkStorage(), config.out()));
        Manifest manifest = ManifestReader.read(view);
        long scanId = Math.max(view.nextScanId(), lastScanId + 1);
        ChangeDetector.Result result = ChangeDetector.detect(Path.of(config.library()), manifest, config.options());
        // Changes handed out before are done once the output shows them.
        inFlight.values().removeIf(s -> committed(s.change(), manifest));
        return new Outcome(scanId, result, (System.nanoTime() - started) / 1_000_000);
    }

    private static boolean committed(Change c, Manifest m) {
        int i = m.find(c.relativePath());
        return c.kind() == Change.Kind.DELETED ? i < 0 : i >= 0 && m.size(i) == c.sizeBytes() && m.mtime(i) == c.mtimeMs();
    }

    /** Runs on the coordinator thread. */
    void handle(Outcome outcome, Throwable error) {
        if (error != null) {
            if (config.watch()) {
                LOG.error("Library scan failed; next try in {}", config.interval(), error);
                return;
            }
            throw new IllegalStateException("library scan failed: " + error.getMessage(), error);
        }
        ChangeDetector.Result r = outcome.result();
        int added = 0;
        for (Change c : r.changes()) {
            ChangeSplit inProgress = inFlight.get(c.relativePath());
            if (inProgress != null && inProgress.change().kind() == c.kind()
                    && inProgress.change().sizeBytes() == c.sizeBytes() && inProgress.change().mtimeMs() == c.mtimeMs()) {
                continue;
            }
            ChangeSplit split = new ChangeSplit(c, outcome.scanId());
            pending.add(split);
            if (config.watch()) {
                inFlight.put(c.relativePath(), split);
            }
            added++;
        }
        if (added > 0 || !config.watch()) {
            lastScanId = outcome.scanId();
        }
        LOG.info("Scan {} of {} in {} ms: {} files, {} unchanged, {} new, {} changed, {} moved, {} deleted, "
                        + "{} failed before (not retried), {} analysed by an older feature set{}",
                outcome.scanId(), config.library(), outcome.millis(), r.scanned(), r.unchanged(),
                r.count(Change.Kind.NEW), r.count(Change.Kind.CHANGED) + r.count(Change.Kind.RETRY) + r.count(Change.Kind.OUTDATED),
                r.count(Change.Kind.MOVED), r.count(Change.Kind.DELETED), r.skippedErrors(), r.outdated(),
                r.outdated() > 0 ? " (--reanalyze-outdated re-analyses them)" : "");
        scanned = true;
        serveWaitingReaders();
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        waitingReaders.add(subtaskId);
        serveWaitingReaders();
    }

    private void serveWaitingReaders() {
        Iterator<Integer> it = waitingReaders.iterator();
        while (it.hasNext()) {
            int subtask = it.next();
            if (!context.registeredReaders().containsKey(subtask)) {
                it.remove();
                continue;
            }
            if (!pending.isEmpty()) {
                context.assignSplit(pending.poll(), subtask);
                it.remove();
            } else if (scanned && !config.watch()) {
                context.signalNoMoreSplits(subtask);
                it.remove();
            } else {
                return; // the scan is still running, or watch mode waits for the next one
            }
        }
    }

    @Override
    public void addSplitsBack(List<ChangeSplit> splits, int subtaskId) {
        // A reader failed before checkpointing these: hand them out again, first.
        for (int i = splits.size() - 1; i >= 0; i--) {
            pending.addFirst(splits.get(i));
        }
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for work themselves.
    }

    @Override
    public ScanEnumeratorState snapshotState(long checkpointId) {
        return new ScanEnumeratorState(scanned, lastScanId, new ArrayList<>(pending), new ArrayList<>(inFlight.values()));
    }

    @Override
    public void close() {}
}
