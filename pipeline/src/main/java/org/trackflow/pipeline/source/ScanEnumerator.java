package org.trackflow.pipeline.source;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the library once (off the coordinator thread, through {@code callAsync}) and hands out one file
 * per split request, so that slots pull work as they finish it: a slot busy with a long file never
 * holds a queue of others.
 */
public final class ScanEnumerator implements SplitEnumerator<FileSplit, ScanEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(ScanEnumerator.class);

    private final SplitEnumeratorContext<FileSplit> context;
    private final Path root;
    private final Deque<FileSplit> pending;
    private final Set<Integer> waitingReaders = new LinkedHashSet<>();
    private boolean scanned;

    public ScanEnumerator(SplitEnumeratorContext<FileSplit> context, Path root, @Nullable ScanEnumeratorState restored) {
        this.context = context;
        this.root = root;
        this.pending = new ArrayDeque<>(restored != null ? restored.pending() : List.of());
        this.scanned = restored != null && restored.scanned();
    }

    @Override
    public void start() {
        if (!scanned) {
            long started = System.nanoTime();
            context.callAsync(() -> LibraryScanner.scan(root), (files, error) -> {
                if (error != null) {
                    throw new IllegalStateException("library scan failed: " + error.getMessage(), error);
                }
                LOG.info("Scanned {}: {} audio files in {} ms", root, files.size(), (System.nanoTime() - started) / 1_000_000);
                pending.addAll(files);
                scanned = true;
                serveWaitingReaders();
            });
        }
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
            } else if (scanned) {
                context.signalNoMoreSplits(subtask);
                it.remove();
            } else {
                return; // the scan is still running: answer when it ends
            }
        }
    }

    @Override
    public void addSplitsBack(List<FileSplit> splits, int subtaskId) {
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
        return new ScanEnumeratorState(scanned, new ArrayList<>(pending));
    }

    @Override
    public void close() {}
}
