package org.trackflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.trackflow.udfs.analysis.FrameFeature;
import org.trackflow.udfs.analysis.FrameFeatures;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.udfs.analysis.TrackFeatures;
import org.trackflow.udfs.stats.SeriesStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes every number the analysis gives for each file (frame-feature moments, covariances, tempo, key and
 * its profile, fluctuation pattern, loudness, fingerprint) as text that round-trips each double exactly, so
 * that two builds' dumps compare bit for bit ({@code bench/run-identity.sh}). Only the udfs API is used, so
 * the same dump runs on older builds.
 */
@Command(name = "trackflow-feature-dump", mixinStandardHelpOptions = true,
        description = "Dumps every analysed number of the given audio files, exactly.")
public final class FeatureDump implements Callable<Integer> {
    @Option(names = "--files", required = true, description = "A text file with one audio path per line.")
    Path files;

    @Option(names = "--out", required = true, description = "Where to write the dump.")
    Path out;

    @Option(names = "--chunk-seconds", defaultValue = "30", description = "Chunk length (default: ${DEFAULT-VALUE}).")
    double chunkSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FeatureDump()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String name : Files.readAllLines(files)) {
            if (name.isBlank()) {
                continue;
            }
            lines.add("file " + name);
            try {
                TrackAnalysis.Result r = new TrackAnalysis(22_050, chunkSeconds).analyse(Path.of(name));
                TrackFeatures t = r.features();
                SeriesStats s = t.frames().stats();
                lines.add("frames " + s.count);
                lines.add("mean " + Arrays.toString(s.mean));
                lines.add("m2 " + Arrays.toString(s.m2));
                lines.add("min " + Arrays.toString(s.min));
                lines.add("max " + Arrays.toString(s.max));
                for (FrameFeature f : FrameFeatures.ALL) {
                    for (FrameFeature.Summary k : f.summaries()) {
                        lines.add(f.name() + "_" + k + " " + Arrays.toString(t.frames().summary(f, k)));
                    }
                }
                lines.add("tempo " + t.tempo() + " onset_rate " + t.onsetRate() + " danceability " + t.danceability());
                // the record's own toString would print the array's identity, not its values
                lines.add("key " + t.key() + " profile " + Arrays.toString(t.pitchProfile().pcp()) + " tuning "
                        + t.pitchProfile().tuningHz());
                lines.add("fluctuation " + Arrays.toString(t.fluctuationPattern()));
                lines.add("loudness " + r.loudness());
                lines.add("fingerprint " + r.decoded().fingerprint());
            } catch (Exception e) {
                lines.add("error " + e.getMessage());
            }
        }
        Files.write(out, lines);
        return 0;
    }
}
