package org.trackflow.pipeline.source;

import java.nio.file.Path;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.trackflow.pipeline.model.ScannedFile;

/**
 * FLIP-27 source of the audio files of a library: one enumerator walks the folder and assigns one file
 * per request to the parallel readers. Bounded: one scan, then the end of input.
 */
public final class LibraryScanSource implements Source<ScannedFile, FileSplit, ScanEnumeratorState> {
    private final String root;

    public LibraryScanSource(String root) {
        this.root = root;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ScannedFile, FileSplit> createReader(SourceReaderContext readerContext) {
        return new ScanReader(readerContext);
    }

    @Override
    public SplitEnumerator<FileSplit, ScanEnumeratorState> createEnumerator(SplitEnumeratorContext<FileSplit> context) {
        return new ScanEnumerator(context, Path.of(root), null);
    }

    @Override
    public SplitEnumerator<FileSplit, ScanEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<FileSplit> context, ScanEnumeratorState checkpoint) {
        return new ScanEnumerator(context, Path.of(root), checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<FileSplit> getSplitSerializer() {
        return FileSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<ScanEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new ScanEnumeratorState.Serializer();
    }
}
