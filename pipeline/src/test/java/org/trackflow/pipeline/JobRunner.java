package org.trackflow.pipeline;

import org.trackflow.pipeline.flink.JobConfiguration;
import org.trackflow.pipeline.flink.TrackflowPipeline;

import org.trackflow.udfs.frame.FrameGrid;

import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the real job, configured as the command line configures it, on the test's MiniCluster. */
public final class JobRunner {
    private JobRunner() {}

    public static JobExecutionResult run(Path library, Path out, int parallelism, double chunkSeconds) throws Exception {
        return run(TrackflowPipeline.Settings.full(library.toString(), out.toUri().toString(), FrameGrid.DEFAULT_ANALYSIS_RATE, chunkSeconds), out, parallelism);
    }

    public static JobExecutionResult run(TrackflowPipeline.Settings settings, Path out, int parallelism) throws Exception {
        StreamExecutionEnvironment env = environment(parallelism, "2s");
        TrackflowPipeline.define(env, settings);
        return env.execute("trackflow test");
    }

    public static StreamExecutionEnvironment environment(int parallelism, String checkpointInterval) {
        Configuration conf = JobConfiguration.of(new Configuration(), checkpointInterval);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /** The MiniCluster the pipeline tests share the shape of: one TaskManager with two slots. */
    public static org.apache.flink.test.junit5.MiniClusterExtension miniCluster() {
        return new org.apache.flink.test.junit5.MiniClusterExtension(
                new org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** Tracks analysed by a run (ok and error rows it made). */
    public static int analysed(JobExecutionResult r) {
        return number(r, org.trackflow.pipeline.flink.ops.TrackAggregator.TRACKS_OK) + number(r, org.trackflow.pipeline.flink.ops.TrackAggregator.TRACKS_ERROR);
    }

    public static int number(JobExecutionResult r, String accumulator) {
        Object v = r.getAccumulatorResult(accumulator);
        return v == null ? 0 : ((Number) v).intValue();
    }
}
