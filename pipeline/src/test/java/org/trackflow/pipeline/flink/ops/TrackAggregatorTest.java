package org.trackflow.pipeline.flink.ops;


import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.trackflow.pipeline.model.ChunkResult;
import org.trackflow.pipeline.model.TrackMeta;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.analysis.ChunkAnalyzer;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.Chunker;
import org.trackflow.testkit.TrackSynth;

class TrackAggregatorTest {

    private static List<ChunkResult> chunkResults(String trackId) {
        float[][] st = TrackSynth.render(new TrackSynth.Spec(110, 4, false, 0.7, 0.6, 0.2, 0.5, 20, 3), FrameGrid.DEFAULT_ANALYSIS_RATE);
        List<AudioChunk> chunks = new ArrayList<>();
        Chunker chunker = new Chunker(100, chunks::add);
        chunker.accept(st[0], 0, st[0].length);
        chunker.finish();
        ChunkAnalyzer analyzer = new ChunkAnalyzer(FrameGrid.DEFAULT_ANALYSIS_RATE);
        List<ChunkResult> out = new ArrayList<>();
        for (AudioChunk c : chunks) {
            ChunkResult r = new ChunkResult();
            r.trackId = trackId;
            r.index = c.index;
            r.last = c.last;
            r.partial = analyzer.analyze(c);
            if (c.last) {
                r.meta = new TrackMeta();
                r.meta.relativePath = "a.flac";
                r.meta.codec = "flac";
                r.meta.durationSeconds = 20;
            }
            out.add(r);
        }
        return out;
    }

    private static List<TrackRecord> aggregate(List<ChunkResult> in) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ChunkResult, TrackRecord> h =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TrackAggregator("rate=22050;full", FrameGrid.DEFAULT_ANALYSIS_RATE), r -> r.trackId, Types.STRING)) {
            for (ChunkResult r : in) {
                h.processElement(r, 0);
            }
            return h.extractOutputValues();
        }
    }

    @Test
    void emitsOneRowOnlyWhenEveryChunkIsInAndIsIndependentOfArrivalOrder() throws Exception {
        List<ChunkResult> inOrder = chunkResults("t1");
        assertThat(inOrder.size()).isGreaterThan(3);
        TrackRecord expected = aggregate(inOrder).get(0);

        List<ChunkResult> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new Random(11));
        Collections.swap(shuffled, 0, shuffled.indexOf(inOrder.get(inOrder.size() - 1))); // the last chunk first
        List<TrackRecord> rows = aggregate(shuffled);
        assertThat(rows).hasSize(1);
        TrackRecord r = rows.get(0);
        assertThat(r.getStatus()).isEqualTo("ok");
        assertThat(r.getSpectralCentroidMean()).isEqualTo(expected.getSpectralCentroidMean());
        assertThat(r.getRmsStd()).isEqualTo(expected.getRmsStd());
        assertThat(r.getMfccMean()).isEqualTo(expected.getMfccMean());

        // a missing chunk holds the row back
        assertThat(aggregate(inOrder.subList(1, inOrder.size()))).isEmpty();
    }

    @Test
    void aChunkThatFailedMakesTheTrackAnErrorRow() throws Exception {
        List<ChunkResult> in = chunkResults("t2");
        in.get(1).partial = null;
        in.get(1).error = "feature extraction failed on chunk 1: boom";
        List<TrackRecord> rows = aggregate(in);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getStatus()).isEqualTo("error");
        assertThat(rows.get(0).getError()).contains("chunk 1");
        assertThat(rows.get(0).getRmsMean()).isNull();
    }
}
