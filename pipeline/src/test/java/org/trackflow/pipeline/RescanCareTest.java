package org.trackflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.RowKinds;
import org.trackflow.pipeline.catalog.ScanSummary;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.pipeline.fixtures.Tools;
import org.trackflow.pipeline.flink.TrackflowPipeline;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.TrackSynth;
import org.trackflow.udfs.decode.Excerpts;
import org.trackflow.udfs.frame.FrameGrid;

/**
 * Rescans after the library care people take with other tools, on real encodes in six formats (Debian's
 * ffmpeg): tags rewritten with ffmpeg's stream copy, cover art added, a file touched, the library copied to a
 * new folder with new times: nothing is decoded, the rows say retagged or touched, the current view has the
 * new tags and the old features. A one-sample edit is analysed again. A change of analysis settings analyses
 * every row again, so that the view never mixes them. Tags written back by the job are a retag to the next scan.
 */
class RescanCareTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    static final List<String> FORMATS = List.of("mp3", "flac", "ogg", "m4a", "wav", "opus");

    @TempDir
    Path tmp;
    Path library;
    Path out;

    @BeforeEach
    void library() throws Exception {
        Tools.require("ffmpeg", "TRACKFLOW_REQUIRE_FFMPEG");
        library = tmp.resolve("music");
        Files.createDirectories(library);
        out = tmp.resolve("out");
        for (int i = 0; i < FORMATS.size(); i++) {
            Path wav = tmp.resolve("src" + i + ".wav");
            AudioEncoder.encode(TrackSynth.render(new TrackSynth.Spec(90 + 15 * i, i * 2, i % 2 == 0, 0.6, 0.6, 0.0, 0.5, 12, 40 + i), 44_100),
                    44_100, AudioEncoder.Format.WAV, wav, Map.of());
            String ext = FORMATS.get(i);
            List<String> codec = switch (ext) {
                case "mp3" -> List.of("-c:a", "libmp3lame", "-b:a", "192k");
                case "ogg" -> List.of("-c:a", "libvorbis");
                case "opus" -> List.of("-c:a", "libopus", "-b:a", "96k");
                case "m4a" -> List.of("-c:a", "aac", "-b:a", "160k");
                case "wav" -> List.of("-c:a", "pcm_s16le");
                default -> List.of("-c:a", "flac");
            };
            List<String> args = new java.util.ArrayList<>(List.of("-i", wav.toString()));
            args.addAll(codec);
            args.addAll(List.of("-metadata", "title=Song " + i, "-metadata", "artist=Band " + i, library.resolve("song" + i + "." + ext).toString()));
            Tools.ffmpeg(args.toArray(String[]::new));
        }
    }

    TrackflowPipeline.Settings settings(Path lib) {
        return TrackflowPipeline.Settings.full(lib.toString(), out.toUri().toString(), FrameGrid.DEFAULT_ANALYSIS_RATE, 30);
    }

    Output output() {
        return new Output(new FlinkStorage(), Storage.location(out));
    }

    Map<String, TrackRecord> view() throws Exception {
        return new CurrentView(output()).rows().stream().collect(Collectors.toMap(TrackRecord::getPath, r -> r));
    }

    long lastScan() throws Exception {
        return new CurrentView(output()).scanId();
    }

    /** Rewrites {@code file} with ffmpeg's stream copy and {@code extra} arguments (tags, a picture), then puts it in place. */
    void streamCopy(Path file, String... extra) throws Exception {
        Path tmpFile = file.resolveSibling("x-" + file.getFileName());
        List<String> args = new java.util.ArrayList<>(List.of("-i", file.toString()));
        args.addAll(List.of(extra));
        args.add(tmpFile.toString());
        Tools.ffmpeg(args.toArray(String[]::new));
        Files.move(tmpFile, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void retagsCoversTouchesAndCopiesDecodeNothingAndAnEditIsAnalysed() throws Exception {
        Path edited = library.resolve("edit.wav");
        Files.copy(library.resolve("song4.wav"), edited);
        JobRunner.run(settings(library), out, 2);
        Map<String, TrackRecord> before = view();
        assertThat(before).hasSize(7).allSatisfy((p, r) -> assertThat(r.getAudioHash()).as(p).hasSize(32));

        for (String ext : List.of("mp3", "flac", "ogg", "m4a", "opus")) {
            int i = FORMATS.indexOf(ext);
            // Ogg keeps its comments with the stream: both levels, as a tagger does
            streamCopy(library.resolve("song" + i + "." + ext), "-map", "0", "-c", "copy", "-metadata", "title=Retitled " + i,
                    "-metadata:s:a:0", "title=Retitled " + i);
        }
        Path cover = tmp.resolve("cover.png");
        Tools.ffmpeg("-f", "lavfi", "-i", "color=c=red:s=64x64", "-frames:v", "1", cover.toString());
        Path mp3 = library.resolve("song0.mp3");
        Path withCover = mp3.resolveSibling("c-song0.mp3");
        Tools.ffmpeg("-i", mp3.toString(), "-i", cover.toString(), "-map", "0", "-map", "1", "-c", "copy", "-id3v2_version", "3",
                "-disposition:v", "attached_pic", withCover.toString());
        Files.move(withCover, mp3, StandardCopyOption.REPLACE_EXISTING);
        Path wav = library.resolve("song4.wav");
        Files.setLastModifiedTime(wav, FileTime.fromMillis(Files.getLastModifiedTime(wav).toMillis() + 3_600_000));
        byte[] pcm = Files.readAllBytes(edited);
        pcm[pcm.length / 2] ^= 1; // one sample's lowest bit, in the middle of the data
        Files.write(edited, pcm);

        JobRunner.run(settings(library), out, 2);
        ScanSummary.ScanCounts second = ScanSummary.scan(output(), lastScan());
        assertThat(second.analysed()).as("only the edit is decoded and analysed").isEqualTo(1);
        assertThat(second.retagged()).isEqualTo(5);
        assertThat(second.touched()).isEqualTo(1);
        Map<String, TrackRecord> after = view();
        assertThat(after).hasSize(7);
        for (String ext : List.of("mp3", "flac", "ogg", "m4a", "opus")) {
            int i = FORMATS.indexOf(ext);
            String p = "song" + i + "." + ext;
            TrackRecord was = before.get(p);
            TrackRecord now = after.get(p);
            assertThat(now.getChange()).as(p).isEqualTo(RowKinds.RETAGGED);
            assertThat(now.getTitle()).as(p).isEqualTo("Retitled " + i);
            assertThat(now.getArtist()).as(p).isEqualTo("Band " + i);
            assertThat(now.getMfccMean()).as(p + " features").isEqualTo(was.getMfccMean());
            assertThat(now.getBpm()).isEqualTo(was.getBpm());
            assertThat(now.getFingerprint()).isEqualTo(was.getFingerprint());
            assertThat(now.getTrackId()).isEqualTo(was.getTrackId());
            assertThat(now.getSizeBytes()).isEqualTo(Files.size(library.resolve(p)));
        }
        assertThat(after.get("song4.wav").getChange()).isEqualTo(RowKinds.TOUCHED);
        assertThat(after.get("song4.wav").getMfccMean()).isEqualTo(before.get("song4.wav").getMfccMean());
        assertThat(after.get("edit.wav").getChange()).isEqualTo(RowKinds.CHANGED);
        assertThat(after.get("edit.wav").getAudioHash()).isNotEqualTo(before.get("edit.wav").getAudioHash());

        // the library copied to another folder with new times (cp without -p): every file touched
        Path copy = tmp.resolve("new disk");
        try (Stream<Path> files = Files.walk(library)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = copy.resolve(library.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
                Files.setLastModifiedTime(to, FileTime.fromMillis(System.currentTimeMillis() + 7_200_000));
            }
        }
        JobRunner.run(settings(copy), out, 2);
        ScanSummary.ScanCounts third = ScanSummary.scan(output(), lastScan());
        assertThat(third.analysed()).isZero();
        assertThat(third.touched()).isEqualTo(7);
        Map<String, TrackRecord> moved = view();
        moved.forEach((p, r) -> assertThat(r.getMfccMean()).as(p).isEqualTo(after.get(p).getMfccMean()));
    }

    @Test
    void aChangeOfSettingsAnalysesEveryRowAgainAndNeverMixes() throws Exception {
        JobRunner.run(settings(library), out, 2);
        assertThat(view().values()).allSatisfy(r -> assertThat(r.getAnalysisSettings()).isEqualTo("rate=22050;full"));
        TrackflowPipeline.Settings rate = new TrackflowPipeline.Settings(library.toString(), out.toUri().toString(), 44_100, 30,
                Excerpts.WHOLE, false, java.time.Duration.ofMinutes(15), false, false, false,
                org.trackflow.pipeline.playlists.PlaylistOptions.defaults(), false);
        JobRunner.run(rate, out, 2);
        ScanSummary.ScanCounts counts = ScanSummary.scan(output(), lastScan());
        assertThat(counts.otherSettings()).isEqualTo(FORMATS.size());
        assertThat(view().values()).allSatisfy(r -> assertThat(r.getAnalysisSettings()).isEqualTo("rate=44100;full"));
        JobRunner.run(settings(library).withExcerpts(new Excerpts(2, 4)), out, 2);
        assertThat(view().values()).allSatisfy(r -> {
            assertThat(r.getAnalysisSettings()).isEqualTo("rate=22050;fast=2x4");
            assertThat(r.getAnalysisMode()).isEqualTo("fast");
        });
        JobRunner.run(settings(library), out, 2);
        assertThat(ScanSummary.scan(output(), lastScan()).otherSettings()).isEqualTo(FORMATS.size());
        assertThat(view().values()).allSatisfy(r -> assertThat(r.getAnalysisSettings()).isEqualTo("rate=22050;full"));
    }

    @Test
    void tagsWrittenBackAreARetagToTheNextScan() throws Exception {
        JobRunner.run(settings(library), out, 2);
        Map<String, String> hashes = new HashMap<>();
        view().forEach((p, r) -> hashes.put(p, r.getAudioHash()));
        JobRunner.run(settings(library).withWriteTags(AfterScan.WRITE_TAGS_ON), out, 2);
        String report = Files.readString(out.resolve("tags-written.tsv"));
        assertThat(report.lines().skip(1).filter(l -> l.contains("\twritten\t"))).hasSize(5);
        assertThat(report).contains("song5.opus\tskipped\tformat .opus");
        assertThat(AfterScan.lastRecord(output()).getProperty("tags")).startsWith("5 written");
        for (String ext : List.of("mp3", "flac", "ogg", "m4a", "wav")) {
            Path f = library.resolve("song" + FORMATS.indexOf(ext) + "." + ext);
            assertThat(org.trackflow.udfs.decode.AudioProbe.of(f).hash()).as(ext + " packets").isEqualTo(hashes.get(f.getFileName().toString()));
        }
        JobRunner.run(settings(library), out, 2);
        ScanSummary.ScanCounts next = ScanSummary.scan(output(), lastScan());
        assertThat(next.analysed()).as("nothing analysed after the write").isZero();
        assertThat(next.retagged()).isEqualTo(5);
    }
}
