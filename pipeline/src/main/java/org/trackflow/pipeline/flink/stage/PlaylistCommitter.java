package org.trackflow.pipeline.flink.stage;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.pipeline.stage.StageMessage;

/**
 * The after-scan stage's last step for a large library, on one slot: gathers a rebuild's plan and the result
 * of every one of its tasks (in whatever order the slots finish them), then joins them into the playlists,
 * their files, the report and the index, and writes the stage's record ({@link AfterScan#end}), off the
 * task's thread. Messages of an older rebuild (one a restart cut short) are dropped.
 */
final class PlaylistCommitter extends AbstractStreamOperator<Void> implements OneInputStreamOperator<StageMessage, Void> {
    private final String out;
    private final AfterScan.Settings settings;
    private final MailboxExecutor mailbox;
    private transient Background background;
    private transient long rebuild = -1;
    private transient StageMessage.RebuildPlan plan;
    private transient List<StageMessage.StationResult> stations;
    private transient int parts;
    private transient List<String> errors;

    PlaylistCommitter(StreamOperatorParameters<Void> parameters, String out, AfterScan.Settings settings) {
        super(parameters);
        this.out = out;
        this.settings = settings;
        this.mailbox = parameters.getMailboxExecutor();
    }

    @Override
    public void open() throws Exception {
        super.open();
        background = new Background(mailbox, "trackflow-playlist-commit");
    }

    @Override
    public void processElement(StreamRecord<StageMessage> element) {
        StageMessage m = element.getValue();
        if (m.rebuild < rebuild) {
            return;
        }
        if (m.rebuild > rebuild) {
            rebuild = m.rebuild;
            plan = null;
            stations = new ArrayList<>();
            parts = 0;
            errors = new ArrayList<>();
        }
        if (m.plan != null) {
            plan = m.plan;
        } else if (m.stationResult != null) {
            stations.add(m.stationResult);
            if (m.stationResult.error != null) {
                errors.add(m.stationResult.error);
            }
        } else if (m.partResult != null) {
            parts++;
            if (m.partResult.error != null) {
                errors.add(m.partResult.error);
            }
        }
        if (plan != null && stations.size() == plan.stations && parts == plan.parts) {
            long id = rebuild;
            StageMessage.RebuildPlan p = plan;
            List<StageMessage.StationResult> results = new ArrayList<>(stations);
            results.sort(java.util.Comparator.comparingInt(r -> r.station));
            String error = errors.isEmpty() ? null : String.join("; ", errors);
            plan = null;
            background.run(() -> {
                AfterScan.end(new Output(new FlinkStorage(), out), settings, id, p, results, error);
                return null;
            }, (x, failure) -> {
                if (failure != null) {
                    // the stage's record could not be written (its own failures are in it): the coordinator would
                    // wait for it forever, so the task fails, Flink restarts the job from its last checkpoint, and
                    // the stage, not current, runs again
                    throw new java.io.IOException("playlists of rebuild " + id + " not written", failure);
                }
            }, "playlists: written");
        }
    }

    @Override
    public void close() throws Exception {
        if (background != null) {
            background.close();
        }
        super.close();
    }

    /** Makes the operator with its task's mailbox. */
    static final class Factory extends AbstractStreamOperatorFactory<Void> implements OneInputStreamOperatorFactory<StageMessage, Void> {
        private static final long serialVersionUID = 1L;
        private final String out;
        private final AfterScan.Settings settings;

        Factory(String out, AfterScan.Settings settings) {
            this.out = out;
            this.settings = settings;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends StreamOperator<Void>> T createStreamOperator(StreamOperatorParameters<Void> parameters) {
            return (T) new PlaylistCommitter(parameters, out, settings);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
            return PlaylistCommitter.class;
        }
    }
}
