package org.trackflow.pipeline.cli;

import org.trackflow.pipeline.flink.TrackflowPipeline;

/**
 * Everything a run needs, checked, in one record the command line fills once: the job's settings and how to
 * launch it (an embedded MiniCluster with its configuration folder and web UI port, or the calling context's
 * cluster; parallelism and checkpoint interval when given; whether to queue behind another run).
 */
record RunSettings(TrackflowPipeline.Settings job, boolean local, String confDir, int webUiPort, Integer parallelism,
                   String checkpointInterval, boolean waitForLock) {}
