package org.trackflow.udfs.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.trackflow.testkit.Signals;
import org.trackflow.udfs.frame.FrameGrid;

/** The registry is the one place a whole-track feature is declared: the docs table and the merger follow it. */
class WholeTrackFeaturesTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void docsTableHasARowForEveryRegisteredFeatureWithItsColumnsAndClass() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "features.md"));
        int heading = lines.indexOf("## Whole-track features");
        assertThat(heading).as("docs/features.md has a '## Whole-track features' table").isNotNegative();
        List<String[]> rows = new ArrayList<>();
        for (int i = heading + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String l = lines.get(i);
            if (l.startsWith("| ") && !l.startsWith("| feature |") && !codeSpans(l.substring(2).split(" \\| ")[1]).isEmpty()) {
                rows.add(l.substring(2).split(" \\| "));
            }
        }
        assertThat(rows).as("rows with columns, one per registered feature, in registry order").hasSameSizeAs(WholeTrackFeatures.ALL);
        for (int i = 0; i < rows.size(); i++) {
            TrackFeature<?> f = WholeTrackFeatures.ALL.get(i);
            assertThat(codeSpans(rows.get(i)[1])).as("columns of %s", f.name())
                    .containsExactlyElementsOf(f.columns().stream().map(TrackFeature.Column::name).toList());
            assertThat(codeSpans(rows.get(i)[2])).as("classes of %s", f.name()).contains(f.implementationName());
        }
        assertThat(WholeTrackFeatures.columns().stream().map(TrackFeature.Column::name).distinct().count())
                .isEqualTo(WholeTrackFeatures.columns().size());
    }

    @Test
    void theMergerEstimatesEveryRegisteredFeature() {
        int sr = FrameGrid.DEFAULT_ANALYSIS_RATE;
        TrackFeatures f = TrackAnalysis.analyse(Signals.clickTrack(120, 20, sr, 0.8, 1), sr, FrameGrid.framesPerChunk(5, sr));
        for (TrackFeature<?> feature : WholeTrackFeatures.ALL) {
            boolean fromSource = feature == WholeTrackFeatures.LOUDNESS || feature == WholeTrackFeatures.DYNAMIC_COMPLEXITY
                    || feature == WholeTrackFeatures.FINGERPRINT;
            if (fromSource) {
                assertThat(f.get(feature)).as("%s without decoding", feature.name()).isNull();
            } else {
                assertThat(f.get(feature)).as(feature.name()).isNotNull();
            }
        }
        assertThat(f.tempo().bpm()).isCloseTo(120, org.assertj.core.api.Assertions.within(120 * 0.04));
        assertThat(f.value(WholeTrackFeatures.TEMPO, WholeTrackFeatures.TEMPO.columns().get(0))).isEqualTo(f.tempo().bpm());
    }

    private static List<String> codeSpans(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
