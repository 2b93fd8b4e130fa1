package org.trackflow.pipeline.flink.stage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * The after-scan operators' one worker thread each: long work runs on it, never on the task's thread (which
 * stays free for records and checkpoint barriers), and what comes of it is handed back to the task's thread
 * through its mailbox, where an operator may emit and change its fields. Work queued on one operator runs
 * in the order it was queued.
 */
final class Background implements AutoCloseable {
    /** Work that gives a result. */
    interface Work<T> {
        T run() throws Exception;
    }

    /** What to do with a result, or the failure, on the task's thread. */
    interface Then<T> {
        void accept(T result, Throwable failure) throws Exception;
    }

    private final MailboxExecutor mailbox;
    private final ExecutorService thread;

    Background(MailboxExecutor mailbox, String name) {
        this.mailbox = mailbox;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} on the worker thread, then {@code then} on the task's. */
    <T> void run(Work<T> work, Then<T> then, String description) {
        thread.execute(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.run();
            } catch (Throwable e) {
                // an Error too (out of memory): the operator must hear of it, or it would wait for this work forever
                failure = e;
            }
            T r = result;
            Throwable f = failure;
            ThrowingRunnable<Exception> back = () -> then.accept(r, f);
            try {
                mailbox.execute(back::run, description);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the task is shutting down: what came of the work is not needed any more
            }
        });
    }

    /** Lets the task's mailbox run until {@code done} holds (the end of input: the work must not be cut short). */
    void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            mailbox.yield();
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
