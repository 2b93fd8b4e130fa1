package org.trackflow.pipeline.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;
import org.trackflow.pipeline.catalog.Change;
import org.trackflow.pipeline.model.ScannedFile;

/** The reader pulls one split at a time, emits each once, keeps unemitted ones in its state, and ends on request. */
class ScanReaderTest {
    static ChangeSplit split(String path, long scan) {
        return new ChangeSplit(new Change(Change.Kind.NEW, path, "/lib/" + path, 10, 20, 0x1234, 0xabcd, null), scan);
    }

    @Test
    void asksForWorkEmitsEachSplitOnceAndEnds() throws Exception {
        TestingReaderContext context = new TestingReaderContext();
        TestingReaderOutput<ScannedFile> output = new TestingReaderOutput<>();
        ScanReader reader = new ScanReader(context);
        reader.start();
        assertThat(context.getNumSplitRequests()).isEqualTo(1);
        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(context.getNumSplitRequests()).as("no second request while one is pending").isEqualTo(1);
        assertThat(reader.isAvailable()).isNotDone();

        reader.addSplits(List.of(split("a.mp3", 3), split("b.mp3", 3)));
        assertThat(reader.isAvailable()).isDone();
        assertThat(reader.snapshotState(1)).hasSize(2);
        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.MORE_AVAILABLE);
        assertThat(reader.snapshotState(2)).as("an emitted split leaves the state").hasSize(1);
        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(context.getNumSplitRequests()).as("the next request once the reader is idle").isEqualTo(2);

        reader.notifyNoMoreSplits();
        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.END_OF_INPUT);
        assertThat(output.getEmittedRecords()).extracting(f -> f.relativePath).containsExactly("a.mp3", "b.mp3");
        ScannedFile first = output.getEmittedRecords().get(0);
        assertThat(first.scanId).isEqualTo(3);
        assertThat(first.trackId).isEqualTo(ScannedFile.trackId(0xabcd));
        assertThat(first.analysed()).isTrue();
    }
}
