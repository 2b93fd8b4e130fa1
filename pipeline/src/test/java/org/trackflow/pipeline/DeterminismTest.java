package org.trackflow.pipeline;

import org.trackflow.pipeline.flink.TrackflowPipeline;

import org.trackflow.udfs.frame.FrameGrid;

import org.trackflow.testkit.TrackSynth;

import org.trackflow.testkit.AudioEncoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Results depend on the library only: not on parallelism, not on how tracks are cut into chunks. */
class DeterminismTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    /** Columns derived from the audio (everything but analyzed_at). */
    static final List<String> FEATURES = List.of("duration_s", "frames", "rms_mean", "rms_std", "zcr_mean",
            "spectral_centroid_mean", "spectral_centroid_std", "spectral_bandwidth_mean", "spectral_rolloff_mean",
            "spectral_flatness_mean", "spectral_flux_mean", "mfcc_mean", "mfcc_std", "chroma_mean", "spectral_contrast_mean",
            "bpm", "bpm_confidence", "onset_rate", "danceability", "key_strength", "loudness_lufs", "loudness_range_lu",
            "peak_dbfs", "dynamic_complexity");

    @TempDir
    static Path tmp;
    static Path library;

    @BeforeAll
    static void library() throws Exception {
        library = tmp.resolve("library");
        TestLibraries.music(library, 6);
        // one long track, so that 5 s chunks spread it over both slots
        TestLibraries.write(library, "long mix.flac",
                new org.trackflow.testkit.TrackSynth.Spec(124, 5, true, 0.8, 0.7, 0.3, 0.6, 75, 42),
                org.trackflow.testkit.AudioEncoder.Format.FLAC);
    }

    private static List<Map<String, Object>> run(String name, int parallelism, double chunkSeconds) throws Exception {
        return run(name, parallelism, chunkSeconds, false);
    }

    private static List<Map<String, Object>> run(String name, int parallelism, double chunkSeconds, boolean spread) throws Exception {
        Path out = tmp.resolve(name);
        JobRunner.run(TrackflowPipeline.Settings.full(library.toString(), out.toUri().toString(), FrameGrid.DEFAULT_ANALYSIS_RATE, chunkSeconds)
                .withSpreadChunks(spread), out, parallelism);
        return DuckDb.tracks(out);
    }

    @Test
    void parallelismOneAndTwoGiveBitIdenticalFeaturesWithChunksSpreadOrNot() throws Exception {
        List<Map<String, Object>> p1 = run("p1", 1, 5);
        assertThat(p1).hasSize(7);
        for (List<Map<String, Object>> p2 : List.of(run("p2", 2, 5), run("p2-spread", 2, 5, true))) {
            assertThat(p2).hasSize(7);
            for (int i = 0; i < p1.size(); i++) {
                assertThat(p2.get(i).get("path")).isEqualTo(p1.get(i).get("path"));
                assertThat(p2.get(i).get("status")).isEqualTo("ok");
                for (String col : FEATURES) {
                    assertThat(p2.get(i).get(col)).as("%s of %s", col, p1.get(i).get("path")).isEqualTo(p1.get(i).get(col));
                }
            }
        }
    }

    @Test
    void fiveAndSixtySecondChunksAgreeToOnePartPerMillion() throws Exception {
        List<Map<String, Object>> small = run("c5", 2, 5);
        List<Map<String, Object>> large = run("c60", 2, 60);
        assertThat(small).hasSize(large.size());
        for (int i = 0; i < small.size(); i++) {
            for (String col : FEATURES) {
                Object a = small.get(i).get(col);
                Object b = large.get(i).get(col);
                String what = col + " of " + small.get(i).get("path");
                if (a instanceof List<?> la) {
                    List<?> lb = (List<?>) b;
                    assertThat(la).as(what).hasSameSizeAs(lb);
                    for (int k = 0; k < la.size(); k++) {
                        assertClose(((Number) la.get(k)).doubleValue(), ((Number) lb.get(k)).doubleValue(), what + "[" + k + "]");
                    }
                } else {
                    assertClose(((Number) a).doubleValue(), ((Number) b).doubleValue(), what);
                }
            }
        }
    }

    private static void assertClose(double a, double b, String what) {
        assertThat(Math.abs(a - b)).as("%s: %s vs %s", what, a, b).isLessThanOrEqualTo(1e-6 * Math.max(Math.abs(a), Math.abs(b)));
    }
}
