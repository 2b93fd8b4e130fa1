package org.trackflow.pipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.RunLock;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.pipeline.catalog.Storage;

/** The output location as the user gave it: a URI for the job, a local path where it is one, its run lock. */
final class OutputFolder {
    private OutputFolder() {}

    /** {@code s3://bucket/x}, {@code file:///x}: a URI rather than a local path. */
    static boolean hasScheme(String s) {
        return s.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*");
    }

    /** The output as a URI: any file system Flink has (s3://..., hdfs://...), a plain path a local folder. */
    static String uri(String out) {
        if (!hasScheme(out)) {
            Path p = Path.of(out).toAbsolutePath().normalize();
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UserError("--out " + p + " is a file, not a folder");
            }
            return Storage.location(p);
        }
        try {
            new org.apache.flink.core.fs.Path(out).getFileSystem();
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("--out " + out + ": " + e.getMessage()
                    + " (a local folder, or a URI of a file system Flink has a plugin for, such as s3://bucket/folder)");
        }
        return out;
    }

    /** The output at {@code uri}, on Flink's file systems: the one {@link Output} a command works on. */
    static Output open(String uri) {
        return new Output(new FlinkStorage(), uri);
    }

    /** A location for people: a local path where it is one, the URI otherwise. */
    static String display(String location) {
        Path local = Storage.localFile(location);
        return local != null ? local.toString() : location;
    }

    /**
     * Takes the output's run lock; with {@code wait}, waits for a running holder to finish, otherwise a
     * second run is a user error that names the holder. Remote outputs have no lock (no atomic create): null.
     */
    static RunLock lock(Output output, boolean wait, PrintStream console) throws IOException, InterruptedException {
        Path out = output.localRoot();
        if (out == null) {
            return null;
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserError("cannot write to --out " + out + ": " + e.getMessage());
        }
        if (!Files.isWritable(out)) {
            throw new UserError("cannot write to --out " + out + ": permission denied");
        }
        boolean told = false;
        while (true) {
            RunLock.Attempt a = RunLock.tryAcquire(output.lock());
            if (a.lock() != null) {
                if (a.tookOverFrom() != null) {
                    console.println("trackflow: took over the lock of a run that ended without releasing it ("
                            + a.tookOverFrom() + ")");
                }
                return a.lock();
            }
            if (!wait) {
                throw new UserError("another run is writing to " + out + " (" + a.holder()
                        + "); wait for it, or pass --wait to queue behind it");
            }
            if (!told) {
                console.println("trackflow: waiting for the run writing to " + out + " (" + a.holder() + ") ...");
                told = true;
            }
            Thread.sleep(2000);
        }
    }
}
