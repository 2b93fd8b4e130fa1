package org.trackflow.pipeline.flink.source;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.trackflow.pipeline.model.ScannedFile;

/**
 * FLIP-27 source of the changes in a library: one enumerator diffs the folder against the output
 * ({@link ScanEnumerator}) and assigns one change per request to the parallel readers. Bounded in once
 * mode (one scan, then the end of input), unbounded in watch mode.
 */
public final class LibraryScanSource implements Source<ScannedFile, ChangeSplit, ScanEnumeratorState> {
    private final ScanConfig config;

    public LibraryScanSource(ScanConfig config) {
        this.config = config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.watch() ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ScannedFile, ChangeSplit> createReader(SourceReaderContext readerContext) {
        return new ScanReader(readerContext);
    }

    @Override
    public SplitEnumerator<ChangeSplit, ScanEnumeratorState> createEnumerator(SplitEnumeratorContext<ChangeSplit> context) {
        return new ScanEnumerator(context, config, null);
    }

    @Override
    public SplitEnumerator<ChangeSplit, ScanEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<ChangeSplit> context, ScanEnumeratorState checkpoint) {
        return new ScanEnumerator(context, config, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<ChangeSplit> getSplitSerializer() {
        return ChangeSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<ScanEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new ScanEnumeratorState.Serializer();
    }
}
