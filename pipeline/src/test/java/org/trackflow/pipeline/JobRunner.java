package org.trackflow.pipeline;

import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the real job, configured as the command line configures it, on the test's MiniCluster. */
public final class JobRunner {
    private JobRunner() {}

    public static JobExecutionResult run(Path library, Path out, int parallelism, double chunkSeconds) throws Exception {
        Configuration conf = TrackflowJob.jobConfiguration(new Configuration(), "2s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        TrackflowPipeline.define(env, TrackflowPipeline.Settings.full(library.toString(), out.toUri().toString(), 22_050, chunkSeconds));
        JobExecutionResult result = env.execute("trackflow test");
        new org.trackflow.pipeline.state.OutputState(out.toUri().toString()).refresh(); // as the CLI does
        return result;
    }
}
