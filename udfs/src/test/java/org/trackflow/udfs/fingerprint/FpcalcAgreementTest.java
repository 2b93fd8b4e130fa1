package org.trackflow.udfs.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.udfs.decode.AudioDecoder;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.TrackSynth;

/**
 * Our fingerprint of a file, decoded by the project's {@link AudioDecoder}, against {@code fpcalc -raw
 * -length 120} on the same file: music-like tracks at several rates, stereo and mono, in WAV (16 and 24
 * bit), FLAC, MP3, Ogg Vorbis, Opus and M4A/AAC made with the system's {@code ffmpeg}. Skipped without
 * {@code fpcalc} and {@code ffmpeg}, unless {@code TRACKFLOW_REQUIRE_FPCALC=1}.
 *
 * <p>Real recordings: {@code TRACKFLOW_FPCALC_MUSIC_DIR} names a directory of audio files (for instance
 * Debian's {@code wesnoth-1.16-music}, {@code /usr/share/games/wesnoth/1.16/data/core/music}); up to ten of
 * them, and MP3 and FLAC transcodes of each, are compared too.
 */
class FpcalcAgreementTest {
    @TempDir
    static Path dir;

    private record Song(String name, TrackSynth.Spec spec, int rate, boolean mono) {}

    private static final List<Song> SONGS = List.of(
            new Song("pop44", new TrackSynth.Spec(124, 9, false, 0.9, 0.6, 0.2, 0.7, 130, 1), 44_100, false),
            new Song("ballad48", new TrackSynth.Spec(84, 2, true, 0.3, 1.0, 0.1, 0.4, 45, 2), 48_000, false),
            new Song("mono22", new TrackSynth.Spec(150, 5, false, 1.0, 0.5, 0.3, 0.9, 40, 3), 22_050, true),
            new Song("rock32", new TrackSynth.Spec(132, 4, true, 1.0, 0.7, 0.4, 0.8, 30, 4), 32_000, false));

    /** ffmpeg arguments per derived format (the 16-bit WAV is the source). */
    private static final Map<String, List<String>> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("flac", List.of("-c:a", "flac"));
        FORMATS.put("mp3", List.of("-c:a", "libmp3lame", "-b:a", "192k"));
        FORMATS.put("ogg", List.of("-c:a", "libvorbis", "-q:a", "5"));
        FORMATS.put("opus", List.of("-c:a", "libopus", "-b:a", "128k"));
        FORMATS.put("m4a", List.of("-c:a", "aac", "-b:a", "160k"));
    }

    private static final Map<String, Path> files = new LinkedHashMap<>();

    @BeforeAll
    static void makeFiles() throws Exception {
        if (!Fpcalc.available()) {
            return;
        }
        for (Song s : SONGS) {
            float[][] audio = TrackSynth.render(s.spec(), s.rate());
            if (s.mono()) {
                float[] m = new float[audio[0].length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = 0.5f * (audio[0][i] + audio[1][i]);
                }
                audio = new float[][] {m};
            }
            Path wav = dir.resolve(s.name() + ".wav");
            AudioEncoder.encode(audio, s.rate(), AudioEncoder.Format.WAV, wav, Map.of());
            files.put(s.name() + ".wav", wav);
            if (s.name().equals("pop44")) {
                Path wav24 = dir.resolve(s.name() + "-24bit.wav"); // s32 samples: fpcalc's float path
                AudioEncoder.encode(audio, s.rate(), AudioEncoder.Format.WAV24, wav24, Map.of());
                files.put(s.name() + "-24bit.wav", wav24);
            }
            for (Map.Entry<String, List<String>> f : FORMATS.entrySet()) {
                Path out = dir.resolve(s.name() + "." + f.getKey());
                List<String> args = new ArrayList<>(List.of("-i", wav.toString()));
                args.addAll(f.getValue());
                args.add(out.toString());
                Fpcalc.ffmpeg(args.toArray(String[]::new));
                files.put(s.name() + "." + f.getKey(), out);
            }
        }
    }

    static int[] ours(Path file) throws Exception {
        Fingerprinter fp = new Fingerprinter();
        new AudioDecoder(22_050).decode(file, fp.listener());
        return fp.finish();
    }

    /** Share of equal bits; items only one side has count as 32 differing bits. */
    static double agreement(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        if (n == 0) {
            return 1;
        }
        long errors = 32L * Math.abs(a.length - b.length);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            errors += Integer.bitCount(a[i] ^ b[i]);
        }
        return 1 - errors / (32.0 * n);
    }

    @Test
    void agreesWithFpcalcOnEveryFormat() throws Exception {
        assumeTrue(Fpcalc.available(), "fpcalc and ffmpeg are not installed");
        Map<String, List<Double>> byFormat = new LinkedHashMap<>();
        Map<String, Integer> exactByFormat = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            int[] ours = ours(e.getValue());
            int[] theirs = Fpcalc.raw(e.getValue());
            double a = agreement(ours, theirs);
            boolean exact = java.util.Arrays.equals(ours, theirs);
            String format = e.getKey().substring(e.getKey().indexOf('.') + 1)
                    + (e.getKey().contains("24bit") ? "-24" : "");
            byFormat.computeIfAbsent(format, k -> new ArrayList<>()).add(a);
            exactByFormat.merge(format, exact ? 1 : 0, Integer::sum);
            System.out.printf(Locale.ROOT, "fpcalc agreement %-18s %4d items (fpcalc %4d)  bits %.5f%s%n",
                    e.getKey(), ours.length, theirs.length, a, exact ? "  exact" : "");
            if (a < 0.99) {
                failures.add(e.getKey() + ": " + a);
            }
        }
        for (Map.Entry<String, List<Double>> f : byFormat.entrySet()) {
            System.out.printf(Locale.ROOT, "fpcalc agreement by format %-7s files %d  min %.5f  mean %.5f  exact %d%n",
                    f.getKey(), f.getValue().size(), f.getValue().stream().mapToDouble(d -> d).min().orElse(0),
                    f.getValue().stream().mapToDouble(d -> d).average().orElse(0), exactByFormat.get(f.getKey()));
        }
        assertThat(files).hasSize(SONGS.size() * (FORMATS.size() + 1) + 1);
        assertThat(failures).as("files below 0.99 bit agreement with fpcalc").isEmpty();
    }

    @Test
    void agreesWithFpcalcOnRealRecordings() throws Exception {
        String music = System.getenv("TRACKFLOW_FPCALC_MUSIC_DIR");
        assumeTrue(music != null && !music.isBlank(), "TRACKFLOW_FPCALC_MUSIC_DIR is not set");
        assumeTrue(Fpcalc.available(), "fpcalc and ffmpeg are not installed");
        List<Path> originals;
        try (var list = java.nio.file.Files.list(Path.of(music))) {
            originals = list.filter(p -> p.toString().matches(".*\\.(ogg|mp3|flac|opus|m4a|wav)$")).sorted().limit(10).toList();
        }
        assertThat(originals).isNotEmpty();
        List<String> failures = new ArrayList<>();
        int exact = 0;
        int total = 0;
        double min = 1;
        for (Path original : originals) {
            String base = original.getFileName().toString().replaceAll("\\.[^.]+$", "");
            Path mp3 = dir.resolve("real-" + base + ".mp3");
            Path flac = dir.resolve("real-" + base + ".flac");
            Fpcalc.ffmpeg("-i", original.toString(), "-map", "0:a:0", "-c:a", "libmp3lame", "-b:a", "192k", mp3.toString());
            Fpcalc.ffmpeg("-i", original.toString(), "-map", "0:a:0", "-c:a", "flac", flac.toString());
            for (Path file : List.of(original, mp3, flac)) {
                int[] ours = ours(file);
                int[] theirs = Fpcalc.raw(file);
                double a = agreement(ours, theirs);
                boolean same = java.util.Arrays.equals(ours, theirs);
                exact += same ? 1 : 0;
                total++;
                min = Math.min(min, a);
                System.out.printf(Locale.ROOT, "fpcalc agreement (real) %-40s %4d items  bits %.5f%s%n",
                        file.getFileName(), ours.length, a, same ? "  exact" : "");
                if (a < 0.99) {
                    failures.add(file + ": " + a);
                }
            }
        }
        System.out.printf(Locale.ROOT, "fpcalc agreement (real) files %d  exact %d  min %.5f%n", total, exact, min);
        assertThat(failures).as("real recordings below 0.99 bit agreement with fpcalc").isEmpty();
    }

    @Test
    void sameAudioInTwoFormatsMatchesAndDifferentSongsDoNot() throws Exception {
        assumeTrue(Fpcalc.available(), "fpcalc and ffmpeg are not installed");
        int[] reference = ours(files.get("pop44.wav"));
        for (String other : List.of("pop44.flac", "pop44.mp3", "pop44.ogg", "pop44.opus", "pop44.m4a", "pop44-24bit.wav")) {
            FingerprintMatcher.Match m = FingerprintMatcher.compare(reference, ours(files.get(other)));
            System.out.printf(Locale.ROOT, "matcher pop44.wav vs %-16s offset %d overlap %d BER %.4f%n",
                    other, m.offset(), m.overlap(), m.bitErrorRate());
            assertThat(m.bitErrorRate()).as(other).isLessThan(FingerprintMatcher.SAME_RECORDING_BER / 2);
            assertThat(m.sameRecording()).isTrue();
        }
        List<String> songs = List.of("pop44.mp3", "ballad48.mp3", "mono22.mp3", "rock32.mp3");
        for (int i = 0; i < songs.size(); i++) {
            for (int j = i + 1; j < songs.size(); j++) {
                FingerprintMatcher.Match m = FingerprintMatcher.compare(ours(files.get(songs.get(i))), ours(files.get(songs.get(j))));
                System.out.printf(Locale.ROOT, "matcher %s vs %s: offset %d overlap %d BER %.4f%n",
                        songs.get(i), songs.get(j), m.offset(), m.overlap(), m.bitErrorRate());
                assertThat(m.bitErrorRate()).as(songs.get(i) + " vs " + songs.get(j))
                        .isGreaterThan(1.5 * FingerprintMatcher.SAME_RECORDING_BER);
                assertThat(m.sameRecording()).isFalse();
            }
        }
    }
}
