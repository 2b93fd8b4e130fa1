package org.trackflow.pipeline.flink.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.trackflow.pipeline.model.ScannedFile;

/**
 * Emits one {@link ScannedFile} per assigned split and asks the enumerator for the next one. A split
 * stays in the reader's state until it has been emitted, so a restore neither loses nor repeats a file.
 * When the enumerator says a scan is complete ({@link ScanCompleteEvent}), the reader announces it
 * downstream; an announcement lost in a failure is sent again by the enumerator.
 */
public final class ScanReader implements SourceReader<ScannedFile, ChangeSplit> {
    private final SourceReaderContext context;
    private final Deque<ChangeSplit> splits = new ArrayDeque<>();
    private final Deque<Long> completedScans = new ArrayDeque<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private boolean requested;
    private boolean noMoreSplits;

    public ScanReader(SourceReaderContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        requestIfIdle();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<ScannedFile> output) {
        Long complete = completedScans.poll();
        if (complete != null) {
            output.collect(ScannedFile.scanComplete(complete));
            return splits.isEmpty() && completedScans.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
        }
        ChangeSplit split = splits.poll();
        if (split != null) {
            output.collect(ScannedFile.of(split.change(), split.scanId()));
            requestIfIdle();
            return splits.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
        }
        if (noMoreSplits) {
            return InputStatus.END_OF_INPUT;
        }
        requestIfIdle();
        return InputStatus.NOTHING_AVAILABLE;
    }

    private void requestIfIdle() {
        if (splits.isEmpty() && !requested && !noMoreSplits) {
            requested = true;
            context.sendSplitRequest();
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (!splits.isEmpty() || !completedScans.isEmpty() || noMoreSplits) {
            return CompletableFuture.completedFuture(null);
        }
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        return available;
    }

    @Override
    public void addSplits(List<ChangeSplit> newSplits) {
        splits.addAll(newSplits);
        requested = false;
        available.complete(null);
    }

    @Override
    public void handleSourceEvents(org.apache.flink.api.connector.source.SourceEvent event) {
        if (event instanceof ScanCompleteEvent e) {
            completedScans.add(e.scanId());
            available.complete(null);
        }
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public List<ChangeSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(splits);
    }

    @Override
    public void close() {}
}
