package org.trackflow.pipeline.flink.stage;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.pipeline.stage.LibraryRebuild;
import org.trackflow.pipeline.stage.StageMessage;

/**
 * The after-scan stage's work on every slot: the stations of a large library cut into ordered playlists and
 * the parts of its index built ({@link LibraryRebuild#cut}, {@link LibraryRebuild#buildPart}), one task at a
 * time off the task's thread; a rebuild's plan passes through to the join unchanged. A task that fails
 * answers with its error, so the join records it and the previous playlists stay.
 */
final class PlaylistWorker extends AbstractStreamOperator<StageMessage> implements OneInputStreamOperator<StageMessage, StageMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(PlaylistWorker.class);
    private final String out;
    private final MailboxExecutor mailbox;
    private transient Background background;
    /** The pool the tasks' parallel streams run in: one thread, the slot's share (see {@link #work}). */
    private transient java.util.concurrent.ForkJoinPool one;

    PlaylistWorker(StreamOperatorParameters<StageMessage> parameters, String out) {
        super(parameters);
        this.out = out;
        this.mailbox = parameters.getMailboxExecutor();
    }

    @Override
    public void open() throws Exception {
        super.open();
        background = new Background(mailbox, "trackflow-playlist-work");
        one = new java.util.concurrent.ForkJoinPool(1);
    }

    @Override
    public void processElement(StreamRecord<StageMessage> element) {
        StageMessage m = element.getValue();
        if (!m.isTask()) {
            output.collect(new StreamRecord<>(m));
            return;
        }
        background.run(() -> work(m), (result, failure) -> {
            if (failure != null) {
                // not a task's own failure (those are answers): the slot itself failed; Flink restarts the job
                // from its last checkpoint, and the stage, not current, runs again
                throw new IllegalStateException("playlist work " + m.key + " failed", failure);
            }
            output.collect(new StreamRecord<>(result));
        }, "playlist work: " + m.key);
    }

    /**
     * The task on this slot's one thread: what it computes in parallel streams (k-means, ordering) runs in a
     * pool of one, the pool of the thread that calls it, rather than spreading over every core of the
     * TaskManager beside the other slots' work. A slot is one core's share; more slots, more cores.
     */
    private StageMessage work(StageMessage m) {
        return one.submit(() -> workHere(m)).join();
    }

    private StageMessage workHere(StageMessage m) {
        if (m.station != null) {
            try {
                return StageMessage.result(m.rebuild, LibraryRebuild.cut(m.station));
            } catch (RuntimeException e) {
                LOG.warn("Station {} not cut", m.station.station, e);
                StageMessage.StationResult failed = new StageMessage.StationResult();
                failed.station = m.station.station;
                failed.error = "station " + m.station.station + ": " + e;
                return StageMessage.result(m.rebuild, failed);
            }
        }
        try {
            return StageMessage.result(m.rebuild, LibraryRebuild.buildPart(new CurrentView(new Output(new FlinkStorage(), out)), m.rebuild, m.part));
        } catch (Exception e) {
            LOG.warn("Part {} of the index not built", m.part.part, e);
            StageMessage.IndexResult failed = new StageMessage.IndexResult();
            failed.part = m.part.part;
            failed.error = "index part " + m.part.part + ": " + e;
            return StageMessage.result(m.rebuild, failed);
        }
    }

    @Override
    public void close() throws Exception {
        if (background != null) {
            background.close();
        }
        if (one != null) {
            one.shutdown();
        }
        super.close();
    }

    /** Makes the operator with its task's mailbox. */
    static final class Factory extends AbstractStreamOperatorFactory<StageMessage>
            implements OneInputStreamOperatorFactory<StageMessage, StageMessage> {
        private static final long serialVersionUID = 1L;
        private final String out;

        Factory(String out) {
            this.out = out;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends StreamOperator<StageMessage>> T createStreamOperator(StreamOperatorParameters<StageMessage> parameters) {
            return (T) new PlaylistWorker(parameters, out);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
            return PlaylistWorker.class;
        }
    }
}
