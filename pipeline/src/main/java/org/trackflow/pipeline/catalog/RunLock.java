package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One writer per output: the output's lock file ({@link Output#lock}) holds the pid, host and start time of the run that
 * writes there. It is created atomically (create-new), removed when the run ends, and a lock left by a
 * process that no longer runs on this host is recognised as stale and taken over.
 */
public final class RunLock implements AutoCloseable {
    private final Path file;
    private final String content;

    private RunLock(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /** Who holds a lock. */
    public record Holder(long pid, String host, String started) {
        @Override
        public String toString() {
            return "pid " + pid + " on " + host + ", started " + started;
        }

        boolean alive() {
            return !host.equals(localHost()) || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The outcome of an attempt: the lock, or who holds it. */
    public record Attempt(RunLock lock, Holder holder, Holder tookOverFrom) {}

    /** Takes the lock {@code file} (an output's {@link Output#lock}), or says who holds it. */
    public static Attempt tryAcquire(Path file) throws IOException {
        Path out = file.toAbsolutePath().getParent();
        Files.createDirectories(out);
        ProcessHandle self = ProcessHandle.current();
        String content = self.pid() + "\n" + localHost() + "\n" + Instant.now() + "\n";
        Holder stale = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            if (publish(out, file, content)) {
                return new Attempt(new RunLock(file, content), null, stale);
            }
            String seen;
            try {
                seen = Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue;
            }
            Optional<Holder> holder = read(seen);
            if (holder.isPresent() && holder.get().alive()) {
                return new Attempt(null, holder.get(), null);
            }
            stale = holder.orElse(new Holder(0, "?", "?"));
            // The holder is gone: take it over, unless another run took it over in the meantime.
            if (seen.equals(readOrNull(file))) {
                Files.deleteIfExists(file);
            }
        }
        Optional<Holder> holder = read(file);
        return new Attempt(null, holder.orElse(new Holder(0, "?", "?")), null);
    }

    /**
     * Creates the lock with its whole content at once: written aside, then hard-linked into place, which
     * fails if a lock exists (so no run ever reads a half-written lock). Returns false when one exists.
     */
    private static boolean publish(Path out, Path file, String content) throws IOException {
        Path aside = Files.createTempFile(out, "." + file.getFileName().toString().replaceFirst("^\\.", "") + "-", ".tmp");
        try {
            Files.writeString(aside, content, StandardCharsets.UTF_8);
            try {
                Files.createLink(file, aside);
                return true;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException noLinks) {
                if (noLinks instanceof FileAlreadyExistsException) {
                    return false;
                }
                // No hard links here (some network file systems): create-new, then write.
                try {
                    Files.writeString(Files.createFile(file), content, StandardCharsets.UTF_8);
                    return true;
                } catch (FileAlreadyExistsException held) {
                    return false;
                }
            }
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    private static String readOrNull(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    static Optional<Holder> read(Path file) {
        String text = readOrNull(file);
        return text == null ? Optional.empty() : read(text);
    }

    static Optional<Holder> read(String text) {
        try {
            String[] lines = text.split("\n");
            return Optional.of(new Holder(Long.parseLong(lines[0].trim()), lines[1].trim(), lines[2].trim()));
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // garbage: treated as stale
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Releases the lock if it is still ours. */
    @Override
    public void close() {
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                Files.delete(file);
            }
        } catch (IOException ignored) {
            // a lock we cannot remove is recognised as stale by the next run
        }
    }
}
