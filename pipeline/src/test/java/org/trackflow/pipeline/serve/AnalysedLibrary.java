package org.trackflow.pipeline.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.trackflow.pipeline.JobRunner;
import org.trackflow.pipeline.TestLibraries;
import org.trackflow.pipeline.catalog.LibraryRoot;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.pipeline.flink.fs.FlinkStorage;

/**
 * One library of four artists (two albums of three tracks each), analysed by the job once per test JVM and
 * shared by the serve tests that only read it: the job's after-scan stage wrote its current view, playlists,
 * map and record, as for any user.
 */
final class AnalysedLibrary {
    static final int ARTISTS = 4;
    static final int PER_ALBUM = 3;
    private static AnalysedLibrary shared;

    final Path library;
    final Path out;
    final List<String> paths;

    private AnalysedLibrary(Path library, Path out, List<String> paths) {
        this.library = library;
        this.out = out;
        this.paths = paths;
    }

    static synchronized AnalysedLibrary get() throws Exception {
        if (shared == null) {
            Path root = Files.createTempDirectory("trackflow-serve");
            shared = analyse(root);
        }
        return shared;
    }

    /** A fresh analysed library under {@code root}. */
    static AnalysedLibrary analyse(Path root) throws Exception {
        Path library = root.resolve("music");
        List<String> paths = TestLibraries.artists(library, ARTISTS, PER_ALBUM);
        Path out = root.resolve("out");
        JobRunner.run(library, out, 2, 30);
        LibraryRoot.record(output(out), library);
        return new AnalysedLibrary(library, out, paths);
    }

    static Output output(Path out) {
        return new Output(new FlinkStorage(), Storage.location(out));
    }

    Output output() {
        return output(out);
    }
}
