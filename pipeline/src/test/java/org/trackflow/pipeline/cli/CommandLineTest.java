package org.trackflow.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.trackflow.pipeline.catalog.RunLock;
import org.trackflow.pipeline.flink.TrackflowPipeline;
import picocli.CommandLine;

/** What a user sees for every mistake: one line saying what is wrong, exit code 2, never a stack trace. */
class CommandLineTest {
    @TempDir
    static Path tmp;

    record Run(int exit, String out) {}

    /** Runs the command line; what it writes for the user goes to its out and err writers, captured here. */
    static Run run(String... args) {
        CommandLine cli = TrackflowJob.commandLine();
        StringWriter text = new StringWriter();
        cli.setOut(new PrintWriter(text, true)).setErr(new PrintWriter(text, true));
        int exit = cli.execute(args);
        return new Run(exit, text.toString());
    }

    static Path library() throws Exception {
        Path lib = tmp.resolve("library");
        Files.createDirectories(lib);
        return lib;
    }

    static Stream<Arguments> userErrors() throws Exception {
        String lib = library().toString();
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of(List.of("--library", lib, "--playlist-size", "20"), "is not a size range"));
        cases.add(Arguments.of(List.of("--library", lib, "--playlist-size", "60-20"), "is not a size range"));
        cases.add(Arguments.of(List.of("--library", lib, "--playlist-size", "20-25"), "MAX >= 2 x MIN - 1"));
        cases.add(Arguments.of(List.of("--library", lib, "--parallelism", "0"), "--parallelism must be at least 1"));
        cases.add(Arguments.of(List.of("--library", lib, "--parallelism", "two"), "--parallelism"));
        cases.add(Arguments.of(List.of("--library", tmp.resolve("no such folder").toString()), "library folder not found"));
        cases.add(Arguments.of(List.of("--library", lib, "--out", file.toString()), "is a file, not a folder"));
        cases.add(Arguments.of(List.of("--library", lib, "--out", "nosuchfs://bucket/x"), "--out nosuchfs://bucket/x"));
        cases.add(Arguments.of(List.of("--library", lib, "--analysis-rate", "8000"), "--analysis-rate must be 16000 to 48000"));
        cases.add(Arguments.of(List.of("--library", lib, "--scan-interval", "soon"), "is not a duration"));
        cases.add(Arguments.of(List.of("--library", lib, "--chunk-seconds", "0"), "--chunk-seconds must be at least 1"));
        cases.add(Arguments.of(List.of("--library", lib, "--mode", "sometimes"), "--mode"));
        cases.add(Arguments.of(List.of("--no-such-option"), "Unknown option"));
        cases.add(Arguments.of(List.of("--library", lib, "--out", tmp.resolve("empty-out").toString(), "similar", "x"),
                "no analysed library"));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("userErrors")
    void aUserErrorIsOneLineAndExitCodeTwo(List<String> args, String says) {
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.out()).contains(says).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aSecondRunOnTheSameOutputIsTurnedAwayWithWhoHoldsIt() throws Exception {
        Path out = tmp.resolve("busy-out");
        Files.createDirectories(out);
        // A live holder: this very process, as a concurrent run would be.
        Files.writeString(out.resolve(".trackflow.lock"), ProcessHandle.current().pid() + "\n"
                + java.net.InetAddress.getLocalHost().getHostName() + "\n" + Instant.now() + "\n");
        Run r = run("--library", library().toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.out()).contains("another run is writing to").contains("pid " + ProcessHandle.current().pid())
                .contains("--wait").doesNotContain("Exception");
    }

    @Test
    void optionsBecomeTheJobsSettings() throws Exception {
        TrackflowJob job = new TrackflowJob();
        new CommandLine(job).parseArgs("--library", library().toString(), "--out", tmp.resolve("o").toString(), "--fast",
                "--fast-excerpts", "4", "--mode", "watch", "--scan-interval", "1h", "--playlist-size", "10-30", "--spread-chunks");
        TrackflowPipeline.Settings s = job.settings().job();
        assertThat(s.library()).isEqualTo(library().toString());
        assertThat(s.out()).isEqualTo("file://" + tmp.resolve("o"));
        assertThat(s.excerpts().count()).isEqualTo(4);
        assertThat(s.watch()).isTrue();
        assertThat(s.scanInterval()).hasHours(1);
        assertThat(s.spreadChunks()).isTrue();
        assertThat(job.playlistOptions().minSize()).isEqualTo(10);
        assertThat(job.playlistOptions().maxSize()).isEqualTo(30);
    }
}
