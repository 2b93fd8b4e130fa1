package org.trackflow.bench;

import org.trackflow.udfs.frame.FrameGrid;

import org.trackflow.udfs.decode.Excerpts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.trackflow.udfs.decode.AudioDecoder;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.AudioEncoder.Format;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.testkit.DemoLibrary;
import org.trackflow.testkit.TrackSynth;

/** A library of 3-5 minute synthetic tracks, mixed mp3 / flac / opus / m4a, written once and reused. */
final class BenchLibrary {
    private static final Format[] FORMATS = {Format.MP3, Format.FLAC, Format.OPUS, Format.M4A};

    private BenchLibrary() {}

    static List<Path> ensure(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        List<DemoLibrary.Entry> styles = DemoLibrary.plan(Math.max(1, (count + 3) / 4));
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<Path>> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DemoLibrary.Entry e = styles.get(i % styles.size());
            TrackSynth.Spec base = e.spec();
            double seconds = 180 + (i * 37 % 121);
            TrackSynth.Spec spec = new TrackSynth.Spec(base.bpm(), base.keyRoot(), base.minor(), base.drums(), base.pad(),
                    base.noise(), base.brightness(), seconds, 10_000L + i);
            Format f = FORMATS[i % FORMATS.length];
            Path file = dir.resolve(String.format(Locale.ROOT, "%03d %s.%s", i, e.style(), f.extension));
            files.add(pool.submit(() -> {
                if (!Files.exists(file)) {
                    int rate = f == Format.OPUS ? 48_000 : 44_100;
                    Path tmp = file.resolveSibling(".tmp-" + file.getFileName());
                    AudioEncoder.encode(TrackSynth.render(spec, rate), rate, f, tmp, Map.of("title", file.getFileName().toString()));
                    Files.move(tmp, file);
                }
                return file;
            }));
        }
        List<Path> out = new ArrayList<>();
        for (Future<Path> f : files) {
            out.add(f.get());
        }
        pool.shutdown();
        // drop files of an earlier, larger library
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> !out.contains(p)).toList()) {
                Files.delete(p);
            }
        }
        return out;
    }

    /** The audio files under {@code dir} (links followed), sorted; the stage profile takes the first ones. */
    static List<Path> recordings(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            List<Path> all = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(mp3|flac|ogg|oga|opus|m4a|wav)$")).sorted().toList();
            // the profile's first files: one of each format in turn, so that each is profiled
            Map<String, List<Path>> byFormat = new TreeMap<>();
            for (Path p : all) {
                String n = p.getFileName().toString();
                byFormat.computeIfAbsent(n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(p);
            }
            List<Path> out = new ArrayList<>();
            for (int i = 0; out.size() < all.size(); i++) {
                for (List<Path> l : byFormat.values()) {
                    if (i < l.size()) {
                        out.add(l.get(i));
                    }
                }
            }
            return out;
        }
    }

    static double totalSeconds(List<Path> files) throws IOException {
        double total = 0;
        for (Path f : files) {
            total += new AudioDecoder(FrameGrid.DEFAULT_ANALYSIS_RATE).decode(f, new AudioListener() {
                @Override
                public void analysisAudio(float[] samples, int length) {}
            }, new Excerpts(1, 1)).announcedDurationSeconds();
        }
        return total;
    }

    static Map<String, Integer> formats(List<Path> files) {
        Map<String, Integer> m = new TreeMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            m.merge(n.substring(n.lastIndexOf('.') + 1), 1, Integer::sum);
        }
        return m;
    }
}
