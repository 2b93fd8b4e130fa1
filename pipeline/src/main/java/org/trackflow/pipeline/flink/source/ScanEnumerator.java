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
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.pipeline.catalog.ManifestReader;
import org.trackflow.pipeline.flink.fs.FlinkStorage;

/**
 * Scans the library off the coordinator thread ({@code callAsync}): reads the manifest of the output (its
 * current view and the committed history not yet folded into it), and diffs the library against it
 * ({@link ChangeDetector}). Each change becomes a split, handed out one per request so that slots pull
 * work as they finish it. Once mode scans once, then ends the input when every row of its scan is committed
 * and the after-scan stage has made its output from them ({@link AfterScan#current}): the job ends with its
 * playlists, and a failure during the stage restarts it with the source still open. Watch mode rescans every
 * interval, and keeps the changes it handed out until the output shows them, so that a file still being
 * analysed is not handed out again; a file written less than {@link #SETTLE_MILLIS} ago is left for a later
 * scan, as it may still be being copied in. While it has changes to hand out the source reports a backlog, so that
 * checkpoints come at the configured interval then and sooner after (the last rows commit, and the stage
 * follows, within a second).
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
    /** Scans whose rows are not all committed yet: scan id -> changes handed out for it. */
    private final Map<Long, Integer> openScans = new ConcurrentHashMap<>();
    /** The open scans none of whose changes wait to be handed out: their committed rows are worth counting. */
    private volatile Set<Long> handedOut = Set.of();
    /** Once mode: every scan complete and the after-scan stage current, so the input has ended. */
    private boolean finished;
    private long lastAnnounced;

    public ScanEnumerator(SplitEnumeratorContext<ChangeSplit> context, ScanConfig config, @Nullable ScanEnumeratorState restored) {
        this.context = context;
        this.config = config;
        this.pending = new ArrayDeque<>(restored != null ? restored.pending() : List.of());
        if (restored != null) {
            scanned = restored.scanned();
            lastScanId = restored.lastScanId();
            openScans.putAll(restored.openScans());
            restored.inFlight().forEach(s -> inFlight.put(s.change().relativePath(), s));
        }
        // restored with every change handed out, nothing else would say so: the open scans' commits must be counted
        updateHandedOut();
    }

    /** What one scan found; {@code startedMillis}: the wall clock when it began to look at the files. */
    record Outcome(long scanId, ChangeDetector.Result result, long millis, long startedMillis) {}

    @Override
    public void start() {
        context.setIsProcessingBacklog(true);
        if (config.watch()) {
            context.callAsync(this::scan, this::handle, 0, config.interval().toMillis());
        } else if (!scanned) {
            context.callAsync(this::scan, this::handle);
        }
        // a scan is complete once its rows are committed; then the after-scan stage is asked for, until it is current
        context.callAsync(this::check, this::completed, 0, config.watch() ? WATCH_CHECK_MILLIS : ONCE_CHECK_MILLIS);
    }

    /** How often the output is looked at: a once run ends soon after its stage, a watch run can take its time. */
    private static final long ONCE_CHECK_MILLIS = 250;
    private static final long WATCH_CHECK_MILLIS = 1000;
    /** An announcement not followed by a current stage (lost in a failure, say) is repeated after this. */
    private static final long ANNOUNCE_AGAIN_MILLIS = 5000;
    /**
     * Watch mode: how long a file's time must stand still before it is analysed. A copy in progress moves the
     * time with every write; analysed half-written, the file would be recorded at its size then and analysed
     * once more when the copy ends. A copy that stalls longer costs that second analysis, never a lost file.
     */
    static final long SETTLE_MILLIS = 2000;

    /** What the output says: which handed-out scans have all their rows committed, and whether the stage is current. */
    record Check(Set<Long> committed, boolean stageCurrent) {}

    /** Runs on a worker thread, reading the output (footers and the stage's record only). */
    Check check() throws Exception {
        Output output = new Output(new FlinkStorage(), config.out());
        Set<Long> committed = new java.util.HashSet<>();
        for (long scan : handedOut) {
            long rows = 0;
            for (Output.HistoryFile f : output.historyFiles(scan)) {
                rows += ParquetFiles.rowGroups(output.storage(), f.uri()).stream().mapToLong(ParquetFiles.RowGroup::rows).sum();
            }
            if (rows >= openScans.getOrDefault(scan, 0)) {
                committed.add(scan);
            }
        }
        return new Check(committed, AfterScan.current(output, config.afterScan()));
    }

    /**
     * Runs on the coordinator thread: closes the scans whose rows are committed; with none open, asks for the
     * after-scan stage (an announcement a reader sends downstream) until it is current, and then, in once
     * mode, ends the input.
     */
    void completed(Check c, Throwable error) {
        if (error != null) {
            LOG.warn("Could not tell whether scan {} is complete", lastScanId, error);
            return;
        }
        for (long scan : c.committed()) {
            if (openScans.remove(scan) != null) {
                LOG.info("Scan {}: every row committed", scan);
            }
        }
        if (!scanned || !openScans.isEmpty()) {
            return;
        }
        if (!c.stageCurrent()) {
            long now = System.currentTimeMillis();
            Integer reader = context.registeredReaders().keySet().stream().min(Integer::compare).orElse(null);
            if (reader != null && now - lastAnnounced >= ANNOUNCE_AGAIN_MILLIS) {
                lastAnnounced = now;
                context.sendEventToSourceReader(reader, new ScanCompleteEvent(lastScanId));
            }
        } else if (!config.watch() && !finished) {
            finished = true;
            LOG.info("Scan {}: the after-scan stage is current: the input ends", lastScanId);
            serveWaitingReaders();
        }
    }

    /** Updates which open scans have nothing left to hand out (read by {@link #check}). */
    private void updateHandedOut() {
        Set<Long> waiting = new java.util.HashSet<>();
        pending.forEach(s -> waiting.add(s.scanId()));
        handedOut = openScans.keySet().stream().filter(id -> !waiting.contains(id)).collect(java.util.stream.Collectors.toSet());
    }

    /** Runs on a worker thread. Reads the output, never writes it: compaction and playlists run elsewhere. */
    Outcome scan() throws Exception {
        long started = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        CurrentView view = new CurrentView(new Output(new FlinkStorage(), config.out()));
        Manifest manifest = ManifestReader.read(view);
        long scanId = Math.max(view.nextScanId(), lastScanId + 1);
        ChangeDetector.Result result = ChangeDetector.detect(Path.of(config.library()), manifest, config.options());
        // Changes handed out before are done once the output shows them.
        inFlight.values().removeIf(s -> committed(s.change(), manifest));
        return new Outcome(scanId, result, (System.nanoTime() - started) / 1_000_000, startedMillis);
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
        int settling = 0;
        long now = System.currentTimeMillis();
        for (Change c : r.changes()) {
            if (config.watch() && c.kind() != Change.Kind.DELETED && settling(c, outcome.startedMillis(), now)) {
                settling++;
                continue;
            }
            ChangeSplit inProgress = inFlight.get(c.relativePath());
            if (inProgress != null && inProgress.change().kind() == c.kind()
                    && inProgress.change().sizeBytes() == c.sizeBytes() && inProgress.change().mtimeMs() == c.mtimeMs()) {
                continue;
            }
            ChangeSplit split = new ChangeSplit(c, outcome.scanId());
            pending.add(split);
            context.setIsProcessingBacklog(true);
            if (config.watch()) {
                inFlight.put(c.relativePath(), split);
            }
            added++;
        }
        if (added > 0 || !config.watch()) {
            lastScanId = outcome.scanId();
        }
        if (added > 0) {
            openScans.put(outcome.scanId(), added);
        }
        LOG.info("Scan {} of {} in {} ms: {} files, {} unchanged, {} new, {} changed, {} moved, {} deleted, "
                        + "{} failed before (not retried), {} analysed by an older feature set{}",
                outcome.scanId(), config.library(), outcome.millis(), r.scanned(), r.unchanged(),
                r.count(Change.Kind.NEW), r.count(Change.Kind.CHANGED) + r.count(Change.Kind.RETRY) + r.count(Change.Kind.OUTDATED),
                r.count(Change.Kind.MOVED), r.count(Change.Kind.DELETED), r.skippedErrors(), r.outdated(),
                r.outdated() > 0 ? " (--reanalyze-outdated re-analyses them)" : "");
        if (settling > 0) {
            LOG.info("Scan {}: {} files written in the last {} ms, left for the next scan", outcome.scanId(), settling, SETTLE_MILLIS);
        }
        scanned = true;
        serveWaitingReaders();
        updateHandedOut();
    }

    /** Whether the change's file was written so recently that it may still be being written (a time ahead of the clock is not). */
    static boolean settling(Change c, long now) {
        return settling(c, now, now);
    }

    /**
     * As above, for a file seen by a scan that began at {@code started}: its age counts from then, not from when
     * the walk (seconds on a large library) has ended, so a file written just before it was looked at still
     * waits; a time ahead of {@code now} is a wrong clock, not a copy in progress.
     */
    static boolean settling(Change c, long started, long now) {
        return c.mtimeMs() > started - SETTLE_MILLIS && c.mtimeMs() <= now;
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
                if (pending.isEmpty()) {
                    context.setIsProcessingBacklog(false); // what is left is in the slots: commit it soon
                    updateHandedOut();
                }
            } else if (scanned && !config.watch() && finished) {
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
        updateHandedOut();
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for work themselves.
    }

    @Override
    public ScanEnumeratorState snapshotState(long checkpointId) {
        return new ScanEnumeratorState(scanned, lastScanId, new java.util.TreeMap<>(openScans), new ArrayList<>(pending),
                new ArrayList<>(inFlight.values()));
    }

    @Override
    public void close() {}
}
