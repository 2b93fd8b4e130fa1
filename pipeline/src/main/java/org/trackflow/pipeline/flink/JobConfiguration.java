package org.trackflow.pipeline.flink;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.util.TimeUtils;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.flink.fs.FlinkStorage;

/**
 * Job-level Flink settings that hold wherever the job runs: the Flink configuration's value where it has
 * one ({@code conf/config.yaml} locally, the cluster's under {@code flink run}), trackflow's default
 * otherwise, a command-line flag above both.
 */
public final class JobConfiguration {
    /** The checkpoint interval when the source has nothing left to hand out. */
    static final Duration TAIL_INTERVAL = Duration.ofSeconds(1);

    private JobConfiguration() {}

    public static Configuration of(Configuration base, String checkpointInterval) {
        return of(base, checkpointInterval, null);
    }

    /** As above; checkpoints go under {@code outUri} unless the configuration names a place. */
    public static Configuration of(Configuration base, String checkpointInterval, String outUri) {
        Configuration c = new Configuration();
        // Checkpoints need a durable place; the output folder is one every TaskManager can already reach.
        if (outUri != null && !base.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, new Output(new FlinkStorage(), outUri).checkpoints());
        }
        // While the source has changes to hand out (a backlog), checkpoints come at the interval asked for; once
        // they are all in the slots, every second, so that the last rows commit, and the after-scan stage
        // follows, soon after the last track is analysed (a once run ends when the stage is done).
        Duration interval = checkpointInterval != null ? TimeUtils.parseDuration(checkpointInterval)
                : base.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG)
                        .orElse(base.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).orElse(Duration.ofSeconds(10)));
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG, interval);
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval.compareTo(TAIL_INTERVAL) < 0 ? interval : TAIL_INTERVAL);
        c.set(StateBackendOptions.STATE_BACKEND, base.getOptional(StateBackendOptions.STATE_BACKEND).orElse("rocksdb"));
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, base.getOptional(CheckpointingOptions.INCREMENTAL_CHECKPOINTS).orElse(true));
        // A bad file never fails the job (it becomes an error row); a lost TaskManager does: retry it.
        if (!base.contains(RestartStrategyOptions.RESTART_STRATEGY)) {
            c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
        }
        // Every record type has a proper serializer; falling back to Kryo would be a bug.
        c.set(PipelineOptions.GENERIC_TYPES, false);
        return c;
    }
}
