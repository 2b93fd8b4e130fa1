package org.trackflow.pipeline.flink.stage;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.pipeline.stage.StageMessage;

/**
 * The after-scan stage's first step, on one slot: when the source announces a scan complete (its rows all
 * committed), it folds them into the current view, updates the duplicate groups, and rebuilds the playlists:
 * a small library's itself, a large library's as tasks for every slot ({@link AfterScan#begin}); nothing when
 * the stage is current already. One run at a time: an announcement during a run starts another when it
 * ends, and a large library's run ends when its playlists are written, so the view never changes under the
 * slots that read it.
 */
final class StageCoordinator extends AbstractStreamOperator<StageMessage>
        implements OneInputStreamOperator<ScannedFile, StageMessage>, BoundedOneInput {
    private static final Logger LOG = LoggerFactory.getLogger(StageCoordinator.class);
    /** How often a waiting run looks whether the slots' playlists are written. */
    private static final long POLL_MILLIS = 200;

    private final String out;
    private final AfterScan.Settings settings;
    private final MailboxExecutor mailbox;
    private transient Background background;
    private transient boolean running;
    private transient boolean requested;
    private transient long lastRebuild;

    StageCoordinator(StreamOperatorParameters<StageMessage> parameters, String out, AfterScan.Settings settings) {
        super(parameters);
        this.out = out;
        this.settings = settings;
        this.mailbox = parameters.getMailboxExecutor();
    }

    @Override
    public void open() throws Exception {
        super.open();
        background = new Background(mailbox, "trackflow-after-scan");
    }

    @Override
    public void processElement(StreamRecord<ScannedFile> element) {
        requested = true;
        maybeStart();
    }

    private void maybeStart() {
        if (running || !requested) {
            return;
        }
        requested = false;
        running = true;
        // a rebuild's id: unique beyond restarts, as its parts' folders and the stage's record name it
        long rebuild = Math.max(lastRebuild + 1, System.currentTimeMillis() * 1000);
        lastRebuild = rebuild;
        Output dest = new Output(new FlinkStorage(), out);
        background.run(() -> AfterScan.begin(dest, settings, rebuild), (begun, failure) -> {
            if (failure != null) {
                // the stage's own failures are in its record; this is the output's (a file system gone)
                LOG.warn("After-scan stage failed; it runs again at the next commit or restart", failure);
                running = false;
                return;
            }
            if (begun.planned() == null) {
                done();
                return;
            }
            for (StageMessage task : begun.planned().tasks()) {
                output.collect(new StreamRecord<>(task));
            }
            output.collect(new StreamRecord<>(begun.planned().plan()));
            background.run(() -> {
                while (!AfterScan.finished(dest, rebuild)) {
                    Thread.sleep(POLL_MILLIS);
                }
                return null;
            }, (x, interrupted) -> done(), "after-scan: playlists written");
        }, "after-scan: folded");
    }

    private void done() {
        running = false;
        maybeStart();
    }

    @Override
    public void endInput() throws Exception {
        // the end of a once run: the source ended after the stage was current, so nothing is left to run
        background.await(() -> !running);
    }

    @Override
    public void close() throws Exception {
        if (background != null) {
            background.close();
        }
        super.close();
    }

    /** Makes the operator with its task's mailbox. */
    static final class Factory extends AbstractStreamOperatorFactory<StageMessage>
            implements OneInputStreamOperatorFactory<ScannedFile, StageMessage> {
        private static final long serialVersionUID = 1L;
        private final String out;
        private final AfterScan.Settings settings;

        Factory(String out, AfterScan.Settings settings) {
            this.out = out;
            this.settings = settings;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends StreamOperator<StageMessage>> T createStreamOperator(StreamOperatorParameters<StageMessage> parameters) {
            return (T) new StageCoordinator(parameters, out, settings);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
            return StageCoordinator.class;
        }
    }
}
