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
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        int rate = f == Format.OPUS ? 48_000 : 44_100;
        AudioEncoder.encode(TrackSynth.render(spec, rate), rate, f, file, Map.of("title", "Track " + rel, "artist", "Tester"));
        return file;
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
