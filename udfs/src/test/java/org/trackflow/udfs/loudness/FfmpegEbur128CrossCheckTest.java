package org.trackflow.udfs.loudness;

import org.trackflow.udfs.frame.FrameGrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.TrackSynth;

/**
 * Integrated loudness and loudness range against an independent implementation: the {@code ebur128}
 * filter of the system's {@code ffmpeg} (Debian's package; CI installs it), on music-like files.
 */
class FfmpegEbur128CrossCheckTest {
    @TempDir
    Path dir;

    private static boolean ffmpegAvailable() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** ffmpeg's summary: "I: -14.2 LUFS" and "LRA: 3.1 LU". */
    private static double[] ffmpegEbur128(Path file) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-nostats", "-hide_banner", "-i", file.toString(),
                "-af", "ebur128", "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String summary = out.substring(out.lastIndexOf("Summary:"));
        Matcher i = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(summary);
        Matcher lra = Pattern.compile("LRA:\\s+(-?[0-9.]+) LU").matcher(summary);
        assertThat(i.find()).as(summary).isTrue();
        assertThat(lra.find()).as(summary).isTrue();
        return new double[] {Double.parseDouble(i.group(1)), Double.parseDouble(lra.group(1))};
    }

    @Test
    void integratedLoudnessMatchesFfmpegWithinAThirdOfALu() throws Exception {
        if (System.getenv("TRACKFLOW_REQUIRE_FFMPEG") != null) {
            assertThat(ffmpegAvailable()).as("ffmpeg on the PATH (TRACKFLOW_REQUIRE_FFMPEG is set)").isTrue();
        }
        assumeTrue(ffmpegAvailable(), "ffmpeg is not installed (CI installs Debian's package)");
        TrackSynth.Spec[] specs = {
            new TrackSynth.Spec(124, 9, true, 0.9, 0.6, 0.2, 0.7, 40, 1),
            new TrackSynth.Spec(72, 2, true, 0.15, 1.0, 0.0, 0.2, 35, 2),
            new TrackSynth.Spec(174, 5, false, 1.0, 0.4, 0.5, 0.9, 30, 3),
        };
        int[] rates = {44_100, 48_000, 32_000};
        for (int i = 0; i < specs.length; i++) {
            Path file = dir.resolve("music-" + i + ".flac");
            AudioEncoder.encode(TrackSynth.render(specs[i], rates[i]), rates[i], AudioEncoder.Format.FLAC, file, Map.of());
            LoudnessMeter.Result ours = new TrackAnalysis(FrameGrid.DEFAULT_ANALYSIS_RATE, 30).analyse(file).loudness();
            double[] theirs = ffmpegEbur128(file);
            assertThat(ours.integratedLufs()).as("integrated loudness of %s", file).isCloseTo(theirs[0], within(0.3));
            assertThat(ours.rangeLu()).as("loudness range of %s", file).isCloseTo(theirs[1], within(1.0));
        }
    }
}
