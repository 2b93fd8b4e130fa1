package org.trackflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.testkit.TrackSynth;

/** The whole job on a MiniCluster, over real files in four formats and broken ones, read back by DuckDB. */
class EndToEndTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    @TempDir
    Path tmp;

    @Test
    void everyFileGetsExactlyOneRowAndBadFilesGetClearErrors() throws Exception {
        Path library = tmp.resolve("library");
        Map<String, TrackSynth.Spec> music = TestLibraries.music(library, 8);
        Map<String, String> bad = TestLibraries.badFiles(library);
        Files.writeString(library.resolve("cover.jpg"), "not a track");     // not an audio extension
        Files.createDirectories(library.resolve(".hidden"));
        Files.writeString(library.resolve(".hidden/secret.mp3"), "hidden"); // hidden folder: skipped
        Path out = tmp.resolve("out");

        JobRunner.run(library, out, 2, 5);

        List<Map<String, Object>> rows = DuckDb.tracks(out);
        Map<String, Map<String, Object>> byPath = rows.stream().collect(Collectors.toMap(r -> (String) r.get("path"), r -> r));
        assertThat(rows).hasSize(music.size() + bad.size());
        assertThat(byPath.keySet()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(music.keySet().stream(), bad.keySet().stream()).toList());

        for (String path : music.keySet()) {
            Map<String, Object> r = byPath.get(path);
            TrackSynth.Spec spec = music.get(path);
            assertThat(r.get("status")).as(path).isEqualTo("ok");
            assertThat(r.get("error")).isNull();
            long key = org.trackflow.pipeline.catalog.ContentKey.of(library.resolve(path));
            assertThat(r.get("track_id")).isEqualTo(ScannedFile.trackId(org.trackflow.pipeline.catalog.ChangeDetector.newTrackId(path, key)));
            assertThat(r.get("content_key")).isEqualTo(org.trackflow.pipeline.catalog.ContentKey.hex(key));
            assertThat(r.get("scan_id")).isEqualTo(1L);
            assertThat(r.get("change")).isEqualTo("new");
            assertThat((Long) r.get("size_bytes")).isEqualTo(Files.size(library.resolve(path)));
            assertThat((Double) r.get("duration_s")).isBetween(spec.seconds() - 0.1, spec.seconds() + 0.1);
            assertThat((Integer) r.get("channels")).isEqualTo(2);
            assertThat((Integer) r.get("sample_rate")).isIn(44_100, 48_000);
            assertThat((String) r.get("codec")).isIn("flac", "mp3", "mp3float", "opus", "pcm_s16le");
            assertThat((Double) r.get("rms_mean")).isBetween(0.01, 0.8);
            assertThat((Double) r.get("spectral_centroid_mean")).isBetween(100.0, 6000.0);
            assertThat((Double) r.get("spectral_rolloff_mean")).isGreaterThan((Double) r.get("spectral_centroid_mean") * 0.5);
            assertThat((Double) r.get("spectral_flatness_mean")).isBetween(0.0, 1.0);
            assertThat((Double) r.get("zcr_mean")).isBetween(0.0, 0.5);
            assertThat((List<?>) r.get("mfcc_mean")).hasSize(13);
            assertThat((List<?>) r.get("mfcc_std")).hasSize(13);
            List<?> chroma = (List<?>) r.get("chroma_mean");
            assertThat(chroma).hasSize(12);
            assertThat(chroma).allSatisfy(v -> assertThat(((Number) v).doubleValue()).isBetween(0.0, 1.0));
            assertThat((Integer) r.get("frames")).isGreaterThan(100);
            // the synthesized truth: tempo within 4 % up to an octave (the strict no-octave-error check on
            // click and drum patterns is TempoEstimatorTest's; one track here, quiet drums at 171 BPM,
            // reads as half time), key and scale exact
            double bpm = (Double) r.get("bpm");
            double octaves = Math.log(bpm / spec.bpm()) / Math.log(2);
            assertThat(Math.abs(octaves - Math.rint(octaves))).as("bpm %s of %s", bpm, path).isLessThan(Math.log(1.04) / Math.log(2));
            assertThat(Math.abs(Math.rint(octaves))).isLessThanOrEqualTo(1);
            assertThat((Double) r.get("bpm_confidence")).isBetween(0.0, 1.0);
            assertThat(r.get("key") + " " + r.get("scale")).as("key of %s", path)
                    .isEqualTo(org.trackflow.udfs.tonal.KeyNames.spell(spec.keyRoot(), spec.minor()) + (spec.minor() ? " minor" : " major"));
            assertThat((String) r.get("camelot")).matches("(1[0-2]|[1-9])[AB]");
            assertThat((Double) r.get("loudness_lufs")).isBetween(-30.0, -3.0);
            assertThat((Double) r.get("peak_dbfs")).isBetween(-6.0, 0.5);
            assertThat((Double) r.get("loudness_range_lu")).isBetween(0.0, 20.0);
            assertThat((Double) r.get("onset_rate")).isBetween(0.5, 15.0);
            // Essentia's scale: 0..3 on music; synthetic, perfectly steady grooves go beyond
            assertThat((Double) r.get("danceability")).isBetween(0.0, 8.0);
            assertThat((Double) r.get("dynamic_complexity")).isBetween(0.0, 10.0);
            assertThat((Double) r.get("spectral_flux_mean")).isBetween(0.0, 1.0);
            assertThat((List<?>) r.get("spectral_contrast_mean")).hasSize(7);
            assertThat(r.get("title")).isEqualTo("Track " + path);
            assertThat(r.get("artist")).isEqualTo("Tester");
            assertThat(r.get("analysis_mode")).isEqualTo("full");
        }
        assertThat(byPath.get("bad/empty.mp3").get("status")).isEqualTo("error");
        assertThat((String) byPath.get("bad/empty.mp3").get("error")).startsWith("cannot open");
        assertThat(byPath.get("bad/readme.mp3").get("status")).isEqualTo("error");
        assertThat((String) byPath.get("bad/readme.mp3").get("error")).isNotBlank();
        Map<String, Object> truncated = byPath.get("bad/truncated.mp3");
        assertThat(truncated.get("status")).isEqualTo("ok");
        assertThat((Double) truncated.get("duration_s")).isBetween(4.0, 8.0);
        assertThat((String) truncated.get("warning")).contains("decoded").contains("12.0 s");
        assertThat(truncated.get("spectral_centroid_mean")).isNotNull();

        // History holds the same rows as the current view after one scan.
        assertThat(DuckDb.history(out)).hasSameSizeAs(rows);
        // Every part file is finished and visible: nothing in-progress, nothing but Parquet.
        try (Stream<Path> files = Files.walk(out.resolve("tracks"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(name).startsWith("tracks-").endsWith(".parquet"));
        }
    }
}
