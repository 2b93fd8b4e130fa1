package org.trackflow.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.AudioEncoder.Format;
import org.trackflow.testkit.TrackSynth;

/** Small real libraries for pipeline tests, written with FFmpeg's encoders. */
public final class TestLibraries {
    private TestLibraries() {}

    /** {@code count} synthetic tracks of 8-20 s cycling through flac, mp3, ogg/opus and wav; returns their paths. */
    public static Map<String, TrackSynth.Spec> music(Path root, int count) throws IOException {
        Format[] formats = {Format.FLAC, Format.MP3, Format.OPUS, Format.WAV};
        Map<String, TrackSynth.Spec> tracks = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Format f = formats[i % formats.length];
            TrackSynth.Spec spec = new TrackSynth.Spec(80 + 13 * i, i % 12, i % 2 == 0, 0.3 + 0.1 * (i % 7),
                    0.5 + 0.05 * (i % 9), i % 3 == 0 ? 0.5 : 0, 0.2 + 0.1 * (i % 8), 8 + (i * 7) % 13, i);
            String rel = (i % 3 == 0 ? "album a/" : i % 3 == 1 ? "album b/disc 1/" : "") + String.format("track %02d.%s", i, f.extension);
            write(root, rel, spec, f);
            tracks.put(rel, spec);
        }
        return tracks;
    }

    public static Path write(Path root, String rel, TrackSynth.Spec spec, Format f) throws IOException {
        return write(root, rel, spec, f, Map.of("title", "Track " + rel, "artist", "Tester"));
    }

    /** One track with these tags. */
    public static Path write(Path root, String rel, TrackSynth.Spec spec, Format f, Map<String, String> tags) throws IOException {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        int rate = f == Format.OPUS ? 48_000 : 44_100;
        AudioEncoder.encode(TrackSynth.render(spec, rate), rate, f, file, tags);
        return file;
    }

    /**
     * A library as a listener has it: {@code artists} artists of two albums each, {@code perAlbum} tracks an album,
     * tagged (title, artist, album, genre), in two styles per artist so that every artist has neighbours of other
     * artists; paths {@code Artist N/Album M/NN Title.ext}. Returns the relative paths.
     */
    public static java.util.List<String> artists(Path root, int artists, int perAlbum) throws IOException {
        Format[] formats = {Format.FLAC, Format.MP3, Format.OPUS, Format.WAV};
        java.util.List<String> out = new java.util.ArrayList<>();
        int k = 0;
        for (int a = 0; a < artists; a++) {
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < perAlbum; t++, k++) {
                    boolean fast = (k % 2) == 0;
                    // every track its own key, mode and tempo: no two are one recording to the fingerprint
                    TrackSynth.Spec spec = new TrackSynth.Spec(fast ? 160 + k : 70 + 2 * k, k % 12, k >= 12, fast ? 0.9 : 0.2,
                            fast ? 0.4 : 1.0, 0.0, fast ? 0.8 : 0.3, 8 + (k * 7) % 9, 500 + k);
                    Format f = formats[k % formats.length];
                    String title = String.format("Song %d%d%d", a, b, t);
                    String rel = String.format("Artist %c/Album %d/%02d %s.%s", 'A' + a, b + 1, t + 1, title, f.extension);
                    write(root, rel, spec, f, Map.of("title", title, "artist", "Artist " + (char) ('A' + a), "album", "Album " + (b + 1),
                            "genre", fast ? "Drum and Bass" : "Ambient"));
                    out.add(rel);
                }
            }
        }
        return out;
    }

    /** Files that cannot (fully) be analysed. Returns relative path -> what the row must say. */
    public static Map<String, String> badFiles(Path root) throws IOException {
        Map<String, String> bad = new LinkedHashMap<>();
        Files.createDirectories(root.resolve("bad"));
        Files.createFile(root.resolve("bad/empty.mp3"));
        bad.put("bad/empty.mp3", "error");
        Files.writeString(root.resolve("bad/readme.mp3"), "Not audio at all, just text.\n".repeat(300), StandardCharsets.UTF_8);
        bad.put("bad/readme.mp3", "error");
        Path whole = write(root, "bad/whole.mp3", new TrackSynth.Spec(120, 0, false, 0.8, 0.5, 0, 0.5, 12, 99), Format.MP3);
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(root.resolve("bad/truncated.mp3"), Arrays.copyOf(bytes, bytes.length / 2 + 11));
        Files.delete(whole);
        bad.put("bad/truncated.mp3", "ok");
        return bad;
    }
}
