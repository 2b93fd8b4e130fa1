package org.trackflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ScanSummary;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.pipeline.flink.TrackflowPipeline;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.model.ModelSpec;

/**
 * The model stage in the job, with Spotify's Basic Pitch (../shared/models/basic-pitch/nmp.onnx, skipped without
 * it): every track gets its vector, the same bit for bit at parallelism 1 with whole-file chunks and at 2 with
 * 5 s chunks; a rescan that adds the model to an analysed library decodes the tracks for the model alone and
 * keeps their features; a rescan with the model it has runs nothing.
 */
class ModelStageTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    @TempDir
    Path tmp;

    static Path model() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve("shared/models/basic-pitch/nmp.onnx");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        assumeTrue(false, "../shared/models/basic-pitch/nmp.onnx is not here (the model tests skip without it)");
        return null;
    }

    TrackflowPipeline.Settings settings(Path library, Path out, double chunkSeconds, List<ModelSpec> models) {
        return TrackflowPipeline.Settings.full(library.toString(), out.toUri().toString(), FrameGrid.DEFAULT_ANALYSIS_RATE, chunkSeconds)
                .withModels(models);
    }

    static Map<String, TrackRecord> view(Path out) throws Exception {
        return new CurrentView(new Output(new FlinkStorage(), Storage.location(out))).rows().stream()
                .collect(Collectors.toMap(TrackRecord::getPath, r -> r));
    }

    @Test
    void vectorsAreTheSameAtAnyParallelismAndChunking() throws Exception {
        List<ModelSpec> models = List.of(ModelSpec.parse(model().toString()));
        Path library = tmp.resolve("music");
        TestLibraries.music(library, 4);
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        JobRunner.run(settings(library, one, 120, models), one, 1);
        JobRunner.run(settings(library, two, 5, models), two, 2);
        Map<String, TrackRecord> a = view(one);
        Map<String, TrackRecord> b = view(two);
        assertThat(a).hasSize(4);
        for (String path : a.keySet()) {
            List<Float> v = a.get(path).getModelVectors().get("basic-pitch");
            assertThat(v).as(path).hasSize(17);
            assertThat(b.get(path).getModelVectors().get("basic-pitch")).as(path).isEqualTo(v);
            assertThat(a.get(path).getModels().get("basic-pitch")).startsWith(models.get(0).sha256() + " weight=0.25");
        }
    }

    @Test
    void addingAModelDecodesForItAloneAndKeepsTheFeatures() throws Exception {
        List<ModelSpec> models = List.of(ModelSpec.parse(model().toString()));
        Path library = tmp.resolve("music");
        TestLibraries.music(library, 3);
        Path out = tmp.resolve("out");
        Output output = new Output(new FlinkStorage(), Storage.location(out));
        JobRunner.run(settings(library, out, 30, List.of()), out, 2);
        Map<String, TrackRecord> before = view(out);
        assertThat(before.values()).allSatisfy(r -> assertThat(r.getModelVectors()).isNull());

        JobRunner.run(settings(library, out, 30, models), out, 2);
        ScanSummary.ScanCounts counts = ScanSummary.scan(output, new CurrentView(output).scanId());
        assertThat(counts.modelsOnly()).isEqualTo(3);
        assertThat(counts.analysed()).as("no track analysed again").isZero();
        Map<String, TrackRecord> after = view(out);
        for (String path : before.keySet()) {
            assertThat(after.get(path).getModelVectors().get("basic-pitch")).as(path).hasSize(17);
            assertThat(after.get(path).getMfccMean()).as(path + " features kept").isEqualTo(before.get(path).getMfccMean());
            assertThat(after.get(path).getAnalyzedAt()).isEqualTo(before.get(path).getAnalyzedAt());
        }
        long scan = new CurrentView(output).scanId();
        JobRunner.run(settings(library, out, 30, models), out, 2);
        assertThat(new CurrentView(output).scanId()).as("nothing to do: no scan written").isEqualTo(scan);
    }

    @Test
    void anEditedCardWeightReachesEveryRowWithoutRunningTheModelAgain() throws Exception {
        Path model = model();
        Path library = tmp.resolve("music");
        TestLibraries.music(library, 3);
        Path out = tmp.resolve("out");
        Output output = new Output(new FlinkStorage(), Storage.location(out));
        JobRunner.run(settings(library, out, 30, List.of(ModelSpec.parse(model.toString()))), out, 2);
        Map<String, TrackRecord> before = view(out);
        long scan = new CurrentView(output).scanId();
        java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(out.resolve("playlists/playlists.parquet"));

        // the user's card: the shipped one, weighing 0.6
        Path card = tmp.resolve("heavier.properties");
        try (var in = org.trackflow.udfs.model.ModelCard.class.getResourceAsStream("cards/basic-pitch.properties")) {
            Files.writeString(card, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) + "weight=0.6\n");
        }
        JobRunner.run(settings(library, out, 30, List.of(ModelSpec.parse(model + "=" + card))), out, 2);
        assertThat(new CurrentView(output).scanId()).as("no track ran the model again: no scan written").isEqualTo(scan);
        Map<String, TrackRecord> after = view(out);
        assertThat(after).hasSameSizeAs(before);
        for (String path : before.keySet()) {
            assertThat(after.get(path).getModels().get("basic-pitch")).as(path)
                    .isEqualTo(before.get(path).getModels().get("basic-pitch").replace("weight=0.25", "weight=0.6"));
            assertThat(after.get(path).getModelVectors()).as(path).isEqualTo(before.get(path).getModelVectors());
        }
        assertThat(org.trackflow.pipeline.similarity.Components.modelWeight(List.copyOf(after.values()), "basic-pitch")).isEqualTo(0.6);
        java.util.Properties record = org.trackflow.pipeline.stage.AfterScan.lastRecord(output);
        assertThat(record.getProperty("model-weights")).isEqualTo("basic-pitch=0.6");
        assertThat(record.getProperty("steps")).contains("model weights");
        assertThat(Files.getLastModifiedTime(out.resolve("playlists/playlists.parquet"))).as("the playlists made again").isNotEqualTo(built);

        // the same card again: nothing to do; without --model: the rows keep the weight they have
        String stage = Files.readString(out.resolve("after-scan.properties"));
        JobRunner.run(settings(library, out, 30, List.of(ModelSpec.parse(model + "=" + card))), out, 2);
        JobRunner.run(settings(library, out, 30, List.of()), out, 2);
        assertThat(Files.readString(out.resolve("after-scan.properties"))).isEqualTo(stage);
        assertThat(view(out).values()).allSatisfy(r -> assertThat(r.getModels().get("basic-pitch")).contains("weight=0.6"));
    }
}
