package org.trackflow.pipeline.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path out;

    @Test
    void oneHolderAtATimeAndReleasedOnClose() throws Exception {
        RunLock.Attempt first = RunLock.tryAcquire(out.resolve(".trackflow.lock"));
        assertThat(first.lock()).isNotNull();
        RunLock.Attempt second = RunLock.tryAcquire(out.resolve(".trackflow.lock"));
        assertThat(second.lock()).isNull();
        assertThat(second.holder().pid()).isEqualTo(ProcessHandle.current().pid());
        first.lock().close();
        assertThat(out.resolve(".trackflow.lock")).doesNotExist();
        RunLock.Attempt third = RunLock.tryAcquire(out.resolve(".trackflow.lock"));
        assertThat(third.lock()).isNotNull();
        third.lock().close();
    }

    @Test
    void aLockLeftByADeadProcessIsTakenOver() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(out.resolve(".trackflow.lock"), p.pid() + "\n" + host + "\n2026-01-01T00:00:00Z\n");
        RunLock.Attempt a = RunLock.tryAcquire(out.resolve(".trackflow.lock"));
        assertThat(a.lock()).isNotNull();
        assertThat(a.tookOverFrom().pid()).isEqualTo(p.pid());
        a.lock().close();
    }

    @Test
    void aGarbledLockIsStale() throws Exception {
        Files.writeString(out.resolve(".trackflow.lock"), "not a lock");
        RunLock.Attempt a = RunLock.tryAcquire(out.resolve(".trackflow.lock"));
        assertThat(a.lock()).isNotNull();
        a.lock().close();
    }
}
