package org.trackflow.udfs.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system's {@code fpcalc} (Debian's libchromaprint-tools 1.5.1) and {@code ffmpeg}, as references for
 * the tests. {@code TRACKFLOW_REQUIRE_FPCALC=1} turns their absence into a failure (CI installs both).
 */
final class Fpcalc {
    private static Boolean available;

    private Fpcalc() {}

    static synchronized boolean available() {
        if (available == null) {
            available = runs("fpcalc", "-version") && runs("ffmpeg", "-version");
        }
        if (!available && "1".equals(System.getenv("TRACKFLOW_REQUIRE_FPCALC"))) {
            throw new AssertionError("fpcalc and ffmpeg must be on the PATH (TRACKFLOW_REQUIRE_FPCALC=1)");
        }
        return available;
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code fpcalc -raw -length 120 file}. */
    static int[] raw(Path file) throws Exception {
        String fp = fingerprintLine(file, "-raw");
        if (fp.isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(fp.split(",")).mapToInt(s -> (int) Long.parseLong(s.trim())).toArray();
    }

    /** {@code fpcalc -length 120 file}: the compressed base64 string. */
    static String compressed(Path file) throws Exception {
        return fingerprintLine(file);
    }

    private static String fingerprintLine(Path file, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("fpcalc", "-length", "120"));
        command.addAll(List.of(options));
        command.add(file.toString());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        // Debian's 1.5.1 ends files shorter than the limit with "Error decoding audio frame (End of
        // file)" and status 3 after printing the result.
        assertThat(p.exitValue()).as("fpcalc exit status for %s", file).isIn(0, 3);
        for (String line : out.split("\n")) {
            if (line.startsWith("FINGERPRINT=")) {
                return line.substring("FINGERPRINT=".length()).trim();
            }
        }
        throw new AssertionError("no FINGERPRINT= in fpcalc's output for " + file + ": " + out);
    }

    /** Runs {@code ffmpeg -v error -y args...}. */
    static void ffmpeg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ffmpeg %s: %s", command, out).isZero();
    }
}
