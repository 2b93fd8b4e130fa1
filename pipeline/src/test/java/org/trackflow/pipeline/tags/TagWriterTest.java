package org.trackflow.pipeline.tags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trackflow.pipeline.catalog.RowKinds;
import org.trackflow.pipeline.fixtures.Tools;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.TrackSynth;
import org.trackflow.udfs.decode.AudioProbe;

/**
 * {@code --write-tags} on real encodes of every format the tag library writes (Debian's ffmpeg makes them):
 * BPM, key and ReplayGain read back by ffprobe, the audio packets unchanged, a second run finds them there;
 * a dry run changes nothing; Opus, read-only files and files changed since their analysis are skipped with a
 * reason; and a process killed after the copy is written but before the rename leaves the original whole.
 */
class TagWriterTest {
    @TempDir
    Path dir;
    Path wav;

    @BeforeEach
    void source() throws Exception {
        Tools.require("ffmpeg", "TRACKFLOW_REQUIRE_FFMPEG");
        wav = dir.resolve("source.wav");
        AudioEncoder.encode(TrackSynth.render(new TrackSynth.Spec(120, 9, true, 0.7, 0.6, 0.0, 0.5, 6, 1), 44_100), 44_100,
                AudioEncoder.Format.WAV, wav, Map.of("title", "A song", "artist", "Someone"));
    }

    /** A file of {@code ext} made by ffmpeg's own encoder for it, with a title tag. */
    Path encode(String ext) throws Exception {
        Path f = dir.resolve("song." + ext);
        List<String> codec = switch (ext) {
            case "mp3" -> List.of("-c:a", "libmp3lame", "-b:a", "192k");
            case "ogg" -> List.of("-c:a", "libvorbis", "-q:a", "4");
            case "opus" -> List.of("-c:a", "libopus", "-b:a", "96k");
            case "m4a" -> List.of("-c:a", "aac", "-b:a", "160k");
            case "aiff" -> List.of("-c:a", "pcm_s16be");
            case "wav" -> List.of("-c:a", "pcm_s16le");
            default -> List.of("-c:a", ext);
        };
        List<String> args = new ArrayList<>(List.of("-i", wav.toString()));
        args.addAll(codec);
        args.addAll(List.of("-metadata", "title=A song", f.toString()));
        Tools.ffmpeg(args.toArray(String[]::new));
        return f;
    }

    /** The row an analysis of {@code f} would have written. */
    static TrackRecord row(Path f) throws Exception {
        return TrackRecord.newBuilder().setTrackId("t1").setPath(f.getFileName().toString()).setSizeBytes(Files.size(f))
                .setMtimeMs(Files.getLastModifiedTime(f).toMillis()).setStatus(RowKinds.OK).setScanId(1).setAnalysisMode("full").setAnalyzedAt(java.time.Instant.now()).setChange(RowKinds.NEW)
                .setBpm(120.4).setKey("A").setScale("minor").setLoudnessLufs(-11.8).setPeakDbfs(-0.5)
                .setAudioHash(AudioProbe.of(f).hash()).build();
    }

    /** Every tag value ffprobe reads from the file (format and stream tags), lower-case key to value. */
    static Map<String, String> ffprobe(Path f) throws Exception {
        JsonNode j = new ObjectMapper().readTree(Tools.run("ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "json",
                f.toString()));
        Map<String, String> tags = new java.util.TreeMap<>();
        List<JsonNode> holders = new ArrayList<>();
        holders.add(j.path("format").path("tags"));
        j.path("streams").forEach(s -> holders.add(s.path("tags")));
        for (JsonNode h : holders) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                tags.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue().asText());
            }
        }
        return tags;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp3", "flac", "ogg", "m4a", "wav", "aiff"})
    void writesBpmKeyAndReplayGainThatFfprobeReadsBack(String ext) throws Exception {
        Path f = encode(ext);
        TrackRecord row = row(f);
        String packets = row.getAudioHash();

        TagWriter.Result dry = TagWriter.write(f, row, true);
        assertThat(dry.outcome()).isEqualTo(TagWriter.Outcome.WOULD_WRITE);
        assertThat(dry.changes()).containsOnlyKeys("BPM", "KEY", "REPLAYGAIN_TRACK_GAIN", "REPLAYGAIN_TRACK_PEAK");
        assertThat(Files.size(f)).as("a dry run writes nothing").isEqualTo(row.getSizeBytes());

        TagWriter.Result written = TagWriter.write(f, row, false);
        assertThat(written.outcome()).as(String.valueOf(written.reason())).isEqualTo(TagWriter.Outcome.WRITTEN);
        assertThat(AudioProbe.of(f).hash()).as("audio packets").isEqualTo(packets);
        Map<String, String> tags = ffprobe(f);
        if (ext.equals("m4a") || ext.equals("wav")) {
            // FFmpeg does not show MP4's tmpo atom nor a WAV's id3 chunk: read those back with the tag library
            assertThat(tags.values()).as("ffprobe's tags of %s: %s", ext, tags).contains("A song");
            org.jaudiotagger.tag.Tag tag = org.jaudiotagger.audio.AudioFileIO.read(f.toFile()).getTag();
            if (tag instanceof org.jaudiotagger.tag.wav.WavTag w) {
                tag = w.getID3Tag();
            }
            assertThat(tag.getFirst(org.jaudiotagger.tag.FieldKey.BPM)).isEqualTo("120");
            assertThat(tag.getFirst(org.jaudiotagger.tag.FieldKey.KEY)).isEqualTo("Am");
            if (ext.equals("m4a")) {
                assertThat(tags).containsEntry("replaygain_track_gain", "-6.20 dB").containsEntry("replaygain_track_peak", "0.944061");
            }
        } else {
            assertThat(tags.values()).as("ffprobe's tags of %s: %s", ext, tags).contains("120", "Am", "-6.20 dB", "0.944061", "A song");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(TagWriter.COPY_MARK));
        }
        TrackRecord now = TrackRecord.newBuilder(row).setSizeBytes(Files.size(f)).setMtimeMs(Files.getLastModifiedTime(f).toMillis()).build();
        assertThat(TagWriter.write(f, now, false).outcome()).as("a second run").isEqualTo(TagWriter.Outcome.ALREADY);
    }

    @Test
    void opusReadOnlyAndChangedFilesAreSkippedWithAReason() throws Exception {
        Path opus = encode("opus");
        TagWriter.Result r = TagWriter.write(opus, row(opus), false);
        assertThat(r.outcome()).isEqualTo(TagWriter.Outcome.SKIPPED);
        assertThat(r.reason()).contains(".opus");

        Path flac = encode("flac");
        TrackRecord row = row(flac);
        Files.setPosixFilePermissions(flac, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(flac);
        TagWriter.Result ro = TagWriter.write(flac, row, false);
        if (!"root".equals(System.getProperty("user.name"))) { // root may write anything: the check is then the folder's
            assertThat(ro.outcome()).isEqualTo(TagWriter.Outcome.SKIPPED);
            assertThat(ro.reason()).isEqualTo("read-only");
            assertThat(Files.readAllBytes(flac)).isEqualTo(before);
        }
        Files.setPosixFilePermissions(flac, PosixFilePermissions.fromString("rw-r--r--"));

        Path mp3 = encode("mp3");
        TrackRecord stale = TrackRecord.newBuilder(row(mp3)).setMtimeMs(1000).build();
        TagWriter.Result changed = TagWriter.write(mp3, stale, false);
        assertThat(changed.outcome()).isEqualTo(TagWriter.Outcome.SKIPPED);
        assertThat(changed.reason()).contains("changed since its analysis");
    }

    @Test
    void aProcessKilledBeforeTheRenameLeavesTheOriginalWhole() throws Exception {
        Path f = encode("flac");
        TrackRecord row = row(f);
        byte[] before = Files.readAllBytes(f);
        Path rowFile = dir.resolve("row.avro");
        try (var out = Files.newOutputStream(rowFile)) {
            out.write(row.toByteBuffer().array());
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtrackflow.tags.pause-before-rename-ms=120000", "-cp", System.getProperty("java.class.path"),
                WriteOneFile.class.getName(), f.toString(), rowFile.toString()).inheritIO().start();
        long deadline = System.currentTimeMillis() + 60_000;
        Path copy = null;
        while (copy == null && System.currentTimeMillis() < deadline && child.isAlive()) {
            try (Stream<Path> s = Files.list(dir)) {
                copy = s.filter(p -> p.getFileName().toString().contains(TagWriter.COPY_MARK)).findFirst().orElse(null);
            }
            Thread.sleep(50);
        }
        assertThat(copy).as("the copy being written").isNotNull();
        Thread.sleep(3000); // the copy is written and verified well within this; the rename waits two minutes
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllBytes(f)).as("the original").isEqualTo(before);
        assertThat(copy.getFileName().toString()).startsWith(".");
        assertThat(Files.size(copy)).as("a finished copy, never renamed").isGreaterThan(0);
        assertThat(TagWriter.write(f, row, false).outcome()).as("the next run writes it").isEqualTo(TagWriter.Outcome.WRITTEN);
    }

    /** The child process of the crash test: writes one file's tags. */
    public static final class WriteOneFile {
        public static void main(String[] args) throws Exception {
            TrackRecord row = TrackRecord.fromByteBuffer(java.nio.ByteBuffer.wrap(Files.readAllBytes(Path.of(args[1]))));
            TagWriter.write(Path.of(args[0]), row, false);
        }
    }
}
