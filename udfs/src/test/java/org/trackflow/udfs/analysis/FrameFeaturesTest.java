package org.trackflow.udfs.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.Chunker;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.testkit.Signals;

/** The registry is the one place a frame feature is declared: the docs table and the value vector follow it. */
class FrameFeaturesTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void docsTableListsEveryRegisteredFeatureWithItsColumnsAndClass() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "features.md"));
        int heading = lines.indexOf("## Frame features");
        assertThat(heading).as("docs/features.md has a '## Frame features' table").isNotNegative();
        List<String[]> rows = new ArrayList<>();
        for (int i = heading + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String l = lines.get(i);
            if (l.startsWith("| ") && !l.startsWith("| feature |")) {
                rows.add(l.substring(2).split(" \\| "));
            }
        }
        assertThat(rows).hasSameSizeAs(FrameFeatures.ALL);
        for (int i = 0; i < rows.size(); i++) {
            FrameFeature f = FrameFeatures.ALL.get(i);
            List<String> columns = codeSpans(rows.get(i)[1]);
            assertThat(columns).as("columns of %s", f.name())
                    .containsExactlyElementsOf(f.columns().stream().map(FrameFeature.Column::name).toList());
            assertThat(codeSpans(rows.get(i)[2]).get(0)).as("class of %s", f.name()).isEqualTo(f.implementationName());
        }
    }

    @Test
    void offsetsTileTheValueVector() {
        int expected = 0;
        for (FrameFeature f : FrameFeatures.ALL) {
            assertThat(FrameFeatures.offset(f)).isEqualTo(expected);
            expected += f.width();
        }
        assertThat(FrameFeatures.SERIES).isEqualTo(expected);
        assertThat(FrameFeatures.columns().stream().map(FrameFeature.Column::name).distinct().count())
                .isEqualTo(FrameFeatures.columns().size());
    }

    @Test
    void profilingAnalyserGivesTheSameNumbersAndTimesEveryStage() {
        int sr = FrameGrid.DEFAULT_ANALYSIS_RATE;
        float[] tone = Signals.sine(440, 5, sr, 0.5);
        List<AudioChunk> chunks = new ArrayList<>();
        Chunker chunker = new Chunker(FrameGrid.framesPerChunk(2, sr), chunks::add);
        chunker.accept(tone, 0, tone.length);
        chunker.finish();
        ChunkAnalyzer plain = new ChunkAnalyzer(sr);
        ChunkAnalyzer timed = ChunkAnalyzer.profiling(sr);
        for (AudioChunk c : chunks) {
            ChunkPartial a = plain.analyze(c);
            ChunkPartial b = timed.analyze(c);
            assertThat(b.frames.mean).containsExactly(a.frames.mean);
            assertThat(Arrays.equals(b.onset, a.onset)).isTrue();
        }
        assertThat(timed.stageNanos().keySet()).containsExactlyElementsOf(ChunkAnalyzer.stageNames());
        assertThat(timed.stageNanos().values()).allMatch(ns -> ns > 0);
        assertThat(plain.stageNanos().values()).allMatch(ns -> ns == 0);
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
