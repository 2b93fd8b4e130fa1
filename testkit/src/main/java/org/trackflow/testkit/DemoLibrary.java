package org.trackflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trackflow.testkit.AudioEncoder.Format;

/**
 * A generated library with known groups (style, tempo, key), written in several real formats with FFmpeg's
 * encoders. Four styles, each a coherent group, so playlists can be checked against the truth.
 */
public final class DemoLibrary {
    /** Tonics as key signatures spell them (as trackflow writes them): majors with flats, C# and G# minor. */
    private static final String[] MAJOR_KEYS = {"C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    private static final String[] MINOR_KEYS = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"};

    private static String tonic(TrackSynth.Spec spec) {
        return (spec.minor() ? MINOR_KEYS : MAJOR_KEYS)[spec.keyRoot()];
    }
    private static final Format[] FORMATS = {Format.MP3, Format.FLAC, Format.OPUS, Format.WAV, Format.M4A};

    /** A track of the demo library and the truth it was made from. */
    public record Entry(String relativePath, String style, TrackSynth.Spec spec, Format format) {
        public String key() {
            return tonic(spec) + (spec.minor() ? " minor" : " major");
        }
    }

    /** Tracks per style in the demo library that {@code run-local.sh} generates. */
    public static final int DEMO_TRACKS_PER_STYLE = 6;

    private DemoLibrary() {}

    /**
     * {@code DemoLibrary DIR [TRACKS_PER_STYLE]}: writes the demo library to DIR (what run-local.sh does on
     * first use; with 1 track per style, the short run that writes its class archive).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DemoLibrary DIR [TRACKS_PER_STYLE]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        int perStyle = args.length > 1 ? Integer.parseInt(args[1]) : DEMO_TRACKS_PER_STYLE;
        System.out.printf("Generating the demo library in %s ...%n", root);
        long t0 = System.nanoTime();
        int n = write(root, perStyle).size();
        System.out.printf(Locale.ROOT, "  %d tracks in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    /** The track list: {@code perStyle} tracks of each of four styles, 20-60 s each. */
    public static List<Entry> plan(int perStyle) {
        List<Entry> out = new ArrayList<>();
        String[] styles = {"ambient", "drum-and-bass", "noise-rock", "house"};
        for (int s = 0; s < styles.length; s++) {
            for (int i = 0; i < perStyle; i++) {
                long seed = 1000L * s + i;
                double seconds = 20 + (seed * 7919 % 41);
                TrackSynth.Spec spec = switch (s) {
                    case 0 -> new TrackSynth.Spec(70 + 3 * i % 12, (i * 5) % 12, true, 0.15, 1.0, 0.0, 0.2, seconds, seed);
                    case 1 -> new TrackSynth.Spec(170 + i % 6, (i * 7 + 2) % 12, false, 1.0, 0.4, 0.0, 0.9, seconds, seed);
                    case 2 -> new TrackSynth.Spec(100 + 2 * (i % 8), (i * 3 + 4) % 12, false, 0.6, 0.3, 1.0, 0.6, seconds, seed);
                    default -> new TrackSynth.Spec(122 + i % 6, (i * 5 + 9) % 12, true, 0.9, 0.6, 0.1, 0.7, seconds, seed);
                };
                Format format = FORMATS[(s + i) % FORMATS.length];
                String name = String.format(Locale.ROOT, "%s/%02d %s %.0f bpm %s %s.%s", styles[s], i + 1, styles[s],
                        spec.bpm(), tonic(spec), spec.minor() ? "minor" : "major", format.extension);
                out.add(new Entry(name, styles[s], spec, format));
            }
        }
        return out;
    }

    /** Writes the planned tracks under {@code root} (existing files are kept); returns the plan. */
    public static List<Entry> write(Path root, int perStyle) throws IOException {
        List<Entry> plan = plan(perStyle);
        for (Entry e : plan) {
            Path file = root.resolve(e.relativePath());
            if (Files.exists(file)) {
                continue;
            }
            Files.createDirectories(file.getParent());
            int rate = e.format() == Format.OPUS ? 48_000 : 44_100;
            float[][] audio = TrackSynth.render(e.spec(), rate);
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("title", file.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
            tags.put("artist", "trackflow demo");
            tags.put("album", e.style());
            tags.put("genre", e.style());
            Path tmp = file.resolveSibling(".tmp-" + file.getFileName());
            AudioEncoder.encode(audio, rate, e.format(), tmp, tags);
            Files.move(tmp, file);
        }
        return plan;
    }
}
