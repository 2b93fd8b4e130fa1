package org.trackflow.udfs.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.testkit.TrackSynth;

class ChunkedAnalysisTest {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;

    private static TrackFeatures analyse(float[] mono, int framesPerChunk) {
        return TrackAnalysis.analyse(mono, SR, framesPerChunk);
    }

    @Test
    void chunkedAnalysisEqualsWholeTrackAnalysis() {
        float[][] st = TrackSynth.render(new TrackSynth.Spec(128, 9, true, 0.9, 0.6, 0.3, 0.7, 31, 5), SR);
        float[] mono = new float[st[0].length];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = (st[0][i] + st[1][i]) / 2;
        }
        TrackFeatures wholeTrack = analyse(mono, Integer.MAX_VALUE / 4);
        TrackFeatures fiveSecondChunks = analyse(mono, FrameGrid.framesPerChunk(5, SR));
        TrackFeatures oddChunks = analyse(mono, 7);
        // Envelopes concatenate exactly, so whole-track estimates are identical, not just close.
        for (TrackFeatures other : List.of(fiveSecondChunks, oddChunks)) {
            assertThat(other.tempo()).isEqualTo(wholeTrack.tempo());
            assertThat(other.onsetRate()).isEqualTo(wholeTrack.onsetRate());
            assertThat(other.danceability()).isEqualTo(wholeTrack.danceability());
            assertThat(other.key().tonic()).isEqualTo(wholeTrack.key().tonic());
            assertThat(other.key().minor()).isEqualTo(wholeTrack.key().minor());
            // chroma means are merged sums: equal to rounding
            assertClose(other.key().strength(), wholeTrack.key().strength());
        }
        assertThat(wholeTrack.tempo().bpm()).isBetween(128 * 0.96, 128 * 1.04);
        assertThat(wholeTrack.key().name() + " " + wholeTrack.key().scale()).isEqualTo("A minor");
        TrackFrameFeatures whole = wholeTrack.frames();
        TrackFrameFeatures fiveSeconds = fiveSecondChunks.frames();
        TrackFrameFeatures oddSize = oddChunks.frames();

        assertThat(whole.frames()).isEqualTo(FrameGrid.frameCount(mono.length));
        for (TrackFrameFeatures other : List.of(fiveSeconds, oddSize)) {
            assertThat(other.frames()).isEqualTo(whole.frames());
            for (int i = 0; i < FrameFeatures.SERIES; i++) {
                assertClose(other.stats().mean[i], whole.stats().mean[i]);
                assertClose(other.stats().std(i), whole.stats().std(i));
                assertThat(other.stats().min[i]).isEqualTo(whole.stats().min[i]);
                assertThat(other.stats().max[i]).isEqualTo(whole.stats().max[i]);
            }
            // covariances merge across chunks too (Chan et al.)
            double[] cov = other.summary(FrameFeatures.TIMBRE, FrameFeature.Summary.COV);
            double[] wholeCov = whole.summary(FrameFeatures.TIMBRE, FrameFeature.Summary.COV);
            assertThat(cov).hasSize(25 * 26 / 2);
            for (int k = 0; k < cov.length; k++) {
                assertClose(cov[k], wholeCov[k]);
            }
        }
        // the same chunking merged again is bit-identical
        TrackFrameFeatures again = analyse(mono, FrameGrid.framesPerChunk(5, SR)).frames();
        assertThat(again.stats().mean).isEqualTo(fiveSeconds.stats().mean);
        assertThat(again.stats().m2).isEqualTo(fiveSeconds.stats().m2);
        assertThat(again.summary(FrameFeatures.TIMBRE, FrameFeature.Summary.COV))
                .isEqualTo(fiveSeconds.summary(FrameFeatures.TIMBRE, FrameFeature.Summary.COV));
    }

    private static void assertClose(double a, double b) {
        assertThat(Math.abs(a - b)).isLessThanOrEqualTo(1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12);
    }
}
