package org.trackflow.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.JobRunner;
import org.trackflow.pipeline.TestLibraries;
import org.trackflow.pipeline.catalog.LibraryRoot;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import picocli.CommandLine;

/**
 * {@code similar} and {@code path} end to end on an analysed library: the output knows its library, every
 * M3U8 entry they write resolves to a file, a moved library is found with {@code --library}, the seed is
 * never its own neighbour and a path steps from its first track to its last without repeating one.
 */
class QueriesTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    @TempDir
    static Path tmp;
    static Path library;
    static Path out;

    @BeforeAll
    static void analyse() throws Exception {
        library = tmp.resolve("my music");
        var tracks = TestLibraries.music(library, 10);
        // a second copy of track 03 (a WAV, the preferred copy): an MP3 of the same recording
        TestLibraries.write(library, "copies/track 03 again.mp3", tracks.get("album a/track 03.wav"),
                org.trackflow.testkit.AudioEncoder.Format.MP3);
        out = tmp.resolve("out");
        JobRunner.run(library, out, 2, 30);
        // what every CLI run does after compaction
        org.trackflow.pipeline.duplicates.Duplicates.update(
                new org.trackflow.pipeline.catalog.CurrentView(new Output(new FlinkStorage(), Storage.location(out))));
        // what every CLI run records (the library as given, here with a space in its path)
        LibraryRoot.record(new Output(new FlinkStorage(), Storage.location(out)), library);
    }

    static String run(String... args) {
        CommandLine cli = TrackflowJob.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = cli.execute(args);
        } finally {
            System.setOut(saved);
        }
        assertThat(exit).as("exit code; %s %s", err, stdout).isZero();
        return stdout.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The entries of an M3U8, each checked to name an existing file. */
    static List<Path> entries(Path m3u) throws Exception {
        List<Path> files = Files.readAllLines(m3u).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> m3u.getParent().resolve(l).normalize()).toList();
        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(f).as("M3U8 entry").isRegularFile());
        return files;
    }

    static Path only(Path dir) throws Exception {
        return only(dir, "");
    }

    /** The one M3U8 in {@code dir} whose name contains {@code part} (tests share the output). */
    static Path only(Path dir, String part) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".m3u8") && p.getFileName().toString().contains(part)).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void similarWritesAMixThatPlaysWithoutTheSeedTwice() throws Exception {
        String printed = run("--out", out.toString(), "similar", "track 03", "-n", "5");
        assertThat(printed).contains("Similar to").contains("Written to");
        List<Path> files = entries(only(out.resolve("playlists/similar"), "track 03"));
        assertThat(files).hasSize(6).doesNotHaveDuplicates();
        assertThat(files.stream().filter(f -> f.getFileName().toString().startsWith("track 03"))).hasSize(1);
        assertThat(files).as("no copy of the seed").noneMatch(f -> f.toString().contains("track 03 again"));
    }

    @Test
    void duplicatesListsTheCopiesAndKeepDuplicatesBringsThemBack() throws Exception {
        String listed = run("--out", out.toString(), "duplicates", "--m3u8");
        assertThat(listed).contains("1 recordings in more than one file").contains("* album a/track 03.wav").contains("copies/track 03 again.mp3");
        assertThat(entries(out.resolve("playlists/duplicates/redundant copies.m3u8")))
                .singleElement().satisfies(f -> assertThat(f.getFileName().toString()).isEqualTo("track 03 again.mp3"));
        String mix = run("--out", out.toString(), "--keep-duplicates", "similar", "album a/track 03.wav", "-n", "10");
        assertThat(mix).contains("copies/track 03 again.mp3");
    }

    @Test
    void pathWalksFromOneTrackToTheOther() throws Exception {
        String printed = run("--out", out.toString(), "path", "track 00", "track 09", "-n", "5");
        assertThat(printed).contains("biggest step");
        List<Path> files = entries(only(out.resolve("playlists/paths")));
        assertThat(files).doesNotHaveDuplicates().hasSizeBetween(2, 10);
        assertThat(files.get(0).getFileName().toString()).startsWith("track 00");
        assertThat(files.get(files.size() - 1).getFileName().toString()).startsWith("track 09");
    }

    @Test
    void aRescanWithNothingToDoStartsNoJob() throws Exception {
        long scans;
        try (Stream<Path> s = Files.list(out.resolve("tracks"))) {
            scans = s.count();
        }
        String printed = run("--local", "--library", library.toString(), "--out", out.toString());
        assertThat(printed).contains("none new, changed, moved or deleted; no job started")
                .contains("nothing changed since scan 1").contains("no job: the scan found nothing to do");
        try (Stream<Path> s = Files.list(out.resolve("tracks"))) {
            assertThat(s.count()).as("no new scan folder").isEqualTo(scans);
        }
    }

    @Test
    void aMovedLibraryIsFoundWithLibrary() throws Exception {
        Path moved = tmp.resolve("moved");
        copy(library, moved);
        Path movedOut = tmp.resolve("moved-out");
        copy(out, movedOut);
        // --library says where the music is now, over the root the output recorded
        run("--out", movedOut.toString(), "--library", moved.toString(), "similar", "track 05", "-n", "3");
        for (Path f : entries(only(movedOut.resolve("playlists/similar"), "track 05"))) {
            assertThat(f.startsWith(moved)).as("%s is in the moved library", f).isTrue();
        }
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static void deleteRecursively(Path p) throws Exception {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
