package org.trackflow.pipeline;

import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.catalog.Output;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.AudioEncoder.Format;
import org.trackflow.testkit.TrackSynth;
import org.trackflow.pipeline.duplicates.Duplicates;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.pipeline.stage.PlaylistStage;

/**
 * The same recordings in many files, analysed by the job: one group per recording whatever the format,
 * bit rate, sample rate, padding or file name; near misses (the song at another tempo, another song in
 * the same key and tempo) stay apart; the preferred copy is the lossless one; playlists hold each
 * recording once; a deleted preferred copy hands over and a new copy joins, without re-fingerprinting.
 */
class DuplicatesTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    @TempDir
    Path tmp;

    static final TrackSynth.Spec SONG = new TrackSynth.Spec(124, 9, true, 0.8, 0.6, 0.1, 0.6, 40, 7);
    static final TrackSynth.Spec SAME_KEY_AND_TEMPO = new TrackSynth.Spec(124, 9, true, 0.8, 0.6, 0.1, 0.6, 40, 8);
    static final TrackSynth.Spec REMIX = new TrackSynth.Spec(132, 9, true, 0.9, 0.4, 0.1, 0.7, 38, 7);

    static void write(Path root, String rel, float[][] audio, int rate, Format f, long bitrate) throws Exception {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        AudioEncoder.encode(audio, rate, f, file, Map.of("title", rel, "artist", "Tester"), bitrate);
    }

    static float[][] padded(float[][] audio, int samples) {
        float[][] out = new float[audio.length][];
        for (int c = 0; c < audio.length; c++) {
            out[c] = new float[audio[c].length + samples];
            System.arraycopy(audio[c], 0, out[c], samples, audio[c].length);
        }
        return out;
    }

    /**
     * A hi-res download beside its CD rip: the same recording at 96 and 88.2 kHz in 24 bits joins the 44.1 kHz
     * 16-bit copy (bit error rate 0 on this song; on real recordings resampled by FFmpeg's swr and by soxr with
     * dither, bench/results/duplicates.md: 0.000 as well), and the higher resolution is the preferred copy.
     */
    @Test
    void aHiResCopyJoinsItsCdRip() throws Exception {
        Path lib = tmp.resolve("library");
        write(lib, "cd/song.flac", TrackSynth.render(SONG, 44_100), 44_100, Format.FLAC, 0);
        write(lib, "hires/song 96k.wav", TrackSynth.render(SONG, 96_000), 96_000, Format.WAV24, 0);
        write(lib, "hires/song 88k.wav", TrackSynth.render(SONG, 88_200), 88_200, Format.WAV24, 0);
        write(lib, "cd/song (remix).flac", TrackSynth.render(REMIX, 44_100), 44_100, Format.FLAC, 0);
        Path out = tmp.resolve("out");
        JobRunner.run(lib, out, 2, 30);
        List<Duplicates.Group> groups = Duplicates.update(new CurrentView(new Output(new LocalStorage(), Storage.location(out))));
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.copies()).extracting(TrackRecord::getPath)
                    .containsExactly("hires/song 96k.wav", "hires/song 88k.wav", "cd/song.flac");
        });
    }

    @Test
    void copiesOfARecordingFormOneGroupAndNearMissesStayApart() throws Exception {
        Path lib = tmp.resolve("library");
        float[][] song44 = TrackSynth.render(SONG, 44_100);
        float[][] song48 = TrackSynth.render(SONG, 48_000);
        write(lib, "rips/song.wav", song44, 44_100, Format.WAV, 0);
        write(lib, "rips/song.flac", song44, 44_100, Format.FLAC, 0);
        write(lib, "phone/song 128.mp3", song44, 44_100, Format.MP3, 128_000);
        write(lib, "phone/song 320.mp3", song44, 44_100, Format.MP3, 320_000);
        write(lib, "phone/song.opus", song48, 48_000, Format.OPUS, 96_000);
        write(lib, "phone/song.m4a", song48, 48_000, Format.M4A, 0);
        write(lib, "old/song padded.flac", padded(song44, 44_100), 44_100, Format.FLAC, 0);
        write(lib, "old/really a wav.wav", song44, 44_100, Format.WAV, 0);
        Files.move(lib.resolve("old/really a wav.wav"), lib.resolve("old/really a wav.mp3")); // a WAV named .mp3
        // another song of the same artist, key and tempo: its own chords (i-iv-VII-III-VI-v)
        float[][] other = TrackSynth.render(SAME_KEY_AND_TEMPO, 44_100, new int[] {0, 5, 10, 3, 8, 7},
                new boolean[] {true, true, false, false, false, true});
        write(lib, "album/other song.flac", other, 44_100, Format.FLAC, 0);
        write(lib, "album/other song.mp3", other, 44_100, Format.MP3, 192_000);
        write(lib, "album/song (remix).flac", TrackSynth.render(REMIX, 44_100), 44_100, Format.FLAC, 0);
        Path out = tmp.resolve("out");
        JobRunner.run(lib, out, 2, 30);
        CurrentView view = new CurrentView(new Output(new LocalStorage(), Storage.location(out)));

        List<Duplicates.Group> groups = Duplicates.update(view);
        Map<String, Set<String>> byPreferred = groups.stream().collect(Collectors.toMap(g -> g.preferred().getPath(),
                g -> g.copies().stream().map(TrackRecord::getPath).collect(Collectors.toSet())));
        assertThat(byPreferred).containsOnlyKeys("old/really a wav.mp3", "album/other song.flac");
        assertThat(byPreferred.get("album/other song.flac")).containsExactlyInAnyOrder("album/other song.flac", "album/other song.mp3");
        assertThat(byPreferred.get("old/really a wav.mp3")).containsExactlyInAnyOrder("rips/song.wav", "rips/song.flac",
                "phone/song 128.mp3", "phone/song 320.mp3", "phone/song.opus", "phone/song.m4a", "old/song padded.flac",
                "old/really a wav.mp3");
        // lossless first, then the higher bit rate (PCM over FLAC), then the earliest path; the remix on its own

        List<TrackRecord> rows = view.rows();
        Map<String, TrackRecord> byPath = rows.stream().collect(Collectors.toMap(TrackRecord::getPath, r -> r));
        String songId = byPath.get("old/really a wav.mp3").getRecordingId();
        assertThat(byPath.get("rips/song.flac").getRecordingId()).isEqualTo(songId);
        assertThat(byPath.get("rips/song.flac").getDuplicateOf()).isEqualTo(byPath.get("old/really a wav.mp3").getTrackId());
        assertThat(byPath.get("old/really a wav.mp3").getDuplicateOf()).isNull();
        assertThat(byPath.get("album/song (remix).flac").getRecordingId()).isNull();
        assertThat(byPath.get("rips/song.wav").getFingerprint()).isNotBlank();

        // playlists hold each recording once: 3 recordings here
        PlaylistStage.Summary lists = PlaylistStage.update(view, lib, new PlaylistOptions(0, 1, 10, 42), false);
        List<String> listed = lists.playlists().stream().flatMap(p -> p.tracks().stream()).map(TrackRecord::getPath).toList();
        assertThat(listed).hasSize(3).contains("old/really a wav.mp3", "album/other song.flac", "album/song (remix).flac");

        // the preferred copy goes: the next best takes over, under the same recording id; a new copy joins
        Files.delete(lib.resolve("old/really a wav.mp3"));
        write(lib, "new/song.flac", song44, 44_100, Format.FLAC, 0);
        JobRunner.run(lib, out, 2, 30);
        Duplicates.update(view);
        List<TrackRecord> after = view.rows();
        Map<String, TrackRecord> now = after.stream().collect(Collectors.toMap(TrackRecord::getPath, r -> r));
        assertThat(now).doesNotContainKey("old/really a wav.mp3");
        assertThat(now.get("new/song.flac").getRecordingId()).isEqualTo(songId);
        List<Duplicates.Group> again = Duplicates.recorded(after);
        Duplicates.Group song = again.stream().filter(g -> g.recordingId().equals(songId)).findFirst().orElseThrow();
        assertThat(song.copies()).hasSize(8);
        assertThat(song.preferred().getPath()).isEqualTo("rips/song.wav");
        assertThat(Arrays.asList("new/song.flac", "rips/song.flac")).allSatisfy(p -> assertThat(now.get(p).getDuplicateOf())
                .isEqualTo(now.get("rips/song.wav").getTrackId()));
    }
}
