package org.trackflow.pipeline.flink.stage;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.pipeline.stage.StageMessage;

/**
 * The after-scan stage as part of the job graph, started by the source's announcement that a scan's rows are
 * all committed:
 * <pre>
 *   scan complete -global-> after-scan (1 slot: fold, duplicates, a small library's playlists, a large one's plan)
 *     -dealt by cost-> playlist-work (every slot: cut a station, build a part of the index)
 *     -global-> playlist-commit (1 slot: identities, names; the playlists, report and index written)
 * </pre>
 * Every step works off its task's thread, so the stage never holds up a checkpoint barrier, and from the
 * output alone (an announcement is a trigger, not an input), so a restart, a repeated or a lost announcement
 * costs a repetition, never a wrong or half output.
 */
public final class AfterScanStage {
    private AfterScanStage() {}

    /** Adds the stage after {@code scansComplete}, the source's announcements. */
    public static void define(DataStream<ScannedFile> scansComplete, String out, AfterScan.Settings settings) {
        TypeInformation<StageMessage> messages = TypeInformation.of(StageMessage.class);
        DataStream<StageMessage> tasks = scansComplete.global()
                .transform("after-scan", messages, new StageCoordinator.Factory(out, settings))
                .uid("after-scan").setParallelism(1).setMaxParallelism(1);
        // no state is kept per task, so tasks are dealt rather than hashed: each slot gets a like share of the work
        DataStream<StageMessage> results = tasks.partitionCustom(new Deal(), m -> m.ordinal)
                .transform("playlist-work", messages, new PlaylistWorker.Factory(out))
                .uid("playlist-work");
        results.global()
                .transform("playlist-commit", Types.VOID, new PlaylistCommitter.Factory(out, settings))
                .uid("playlist-commit").setParallelism(1).setMaxParallelism(1);
    }

    /** Task {@code ordinal} to slot {@code ordinal mod slots}; the plan (-1) to the first. */
    static final class Deal implements org.apache.flink.api.common.functions.Partitioner<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public int partition(Integer ordinal, int slots) {
            return Math.floorMod(ordinal, slots);
        }
    }
}
