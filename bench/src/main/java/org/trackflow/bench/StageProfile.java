package org.trackflow.bench;

import org.trackflow.udfs.decode.Excerpts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trackflow.udfs.analysis.ChunkAnalyzer;
import org.trackflow.udfs.analysis.ChunkPartial;
import org.trackflow.udfs.analysis.TrackFeatureMerger;
import org.trackflow.udfs.decode.AudioDecoder;
import org.trackflow.udfs.decode.AudioInfo;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.Chunker;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.loudness.LoudnessMeter;
import org.trackflow.testkit.Signals;

/**
 * CPU seconds per stage on one thread: decoding (with and without resampling), loudness, each frame
 * frame feature over the frame grid, and the whole-track estimators. Each stage runs on audio already
 * in memory, so stages are timed apart; the frame loop is the job's own ({@link ChunkAnalyzer#profiling},
 * a timer around each step of it). Warm-up: the first track is run twice.
 */
final class StageProfile {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;
    /** Open, probe, one seek and 50 ms of decoding: what any file costs before its audio (fast mode pays it per excerpt, bar the open). */
    private static final String OPEN_SEEK = "open_probe_seek";

    private StageProfile() {}

    static Map<String, Object> run(List<Path> files) throws Exception {
        Map<String, Double> ns = new LinkedHashMap<>();
        for (String k : List.of("decode_only", "resample_and_downmix", "loudness", "fingerprint", "dynamic_complexity")) {
            ns.put(k, 0.0);
        }
        ChunkAnalyzer.stageNames().forEach(k -> ns.put(k, 0.0));
        ns.put("track_estimators", 0.0);
        double audio = 0;
        profile(files.get(0), new LinkedHashMap<>(ns)); // warm-up
        ns.put(OPEN_SEEK, 0.0);
        // decoding per format: CPU seconds per audio minute, so that formats of other lengths compare
        Map<String, double[]> byFormat = new java.util.TreeMap<>(); // ext -> {decode ns, audio s}
        for (Path f : files) {
            double before = ns.get("decode_only");
            double seconds = profile(f, ns);
            audio += seconds;
            String name = f.getFileName().toString();
            double[] acc = byFormat.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT),
                    k -> new double[2]);
            acc[0] += ns.get("decode_only") - before;
            acc[1] += seconds;
        }
        // The per-file fixed cost is reported on its own: it is not a stage of the track's analysis.
        double perFile = ns.remove(OPEN_SEEK) / 1e9 / files.size();
        double total = ns.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tracks", files.size());
        out.put("audio_s", audio);
        out.put("cpu_s_per_track", total / 1e9 / files.size());
        Map<String, Object> stages = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : ns.entrySet()) {
            stages.put(e.getKey(), Map.of("cpu_s_per_track", e.getValue() / 1e9 / files.size(), "share", e.getValue() / total));
        }
        out.put("stages", stages);
        Map<String, Object> formats = new LinkedHashMap<>();
        byFormat.forEach((ext, acc) -> formats.put(ext, Map.of("decode_cpu_s_per_audio_minute", acc[0] / 1e9 / (acc[1] / 60))));
        out.put("decode_by_format", formats);
        out.put("open_probe_seek_s_per_file", perFile);
        return out;
    }

    /** Profiles one file, adding nanoseconds per stage; returns its audio seconds. */
    private static double profile(Path file, Map<String, Double> ns) throws Exception {
        // 1. decode at the source rate (no resampling; keep the source audio for loudness)
        List<float[][]> source = new ArrayList<>();
        AudioDecoder probe = new AudioDecoder(SR);
        long t = System.nanoTime();
        AudioInfo info = probe.decode(file, new AudioListener() {
            @Override
            public void analysisAudio(float[] samples, int length) {}
        }, new Excerpts(1, 0.05));
        add(ns, OPEN_SEEK, System.nanoTime() - t);
        t = System.nanoTime();
        new AudioDecoder(info.sampleRate()).decode(file, new AudioListener() {
            @Override
            public void sourceAudio(float[][] channels, int frames, int rate) {
                float[][] copy = new float[channels.length][];
                for (int c = 0; c < channels.length; c++) {
                    copy[c] = java.util.Arrays.copyOf(channels[c], frames);
                }
                source.add(copy);
            }

            @Override
            public void analysisAudio(float[] samples, int length) {}
        });
        long decodeOnly = System.nanoTime() - t;
        add(ns, "decode_only", decodeOnly);
        // 2. decode + downmix + resample: the difference is the resampling
        List<float[]> mono = new ArrayList<>();
        t = System.nanoTime();
        new AudioDecoder(SR).decode(file, new AudioListener() {
            @Override
            public void analysisAudio(float[] samples, int length) {
                mono.add(java.util.Arrays.copyOf(samples, length));
            }
        });
        add(ns, "resample_and_downmix", Math.max(0, System.nanoTime() - t - decodeOnly));
        // 3. loudness on the source audio
        t = System.nanoTime();
        LoudnessMeter meter = new LoudnessMeter(info.sampleRate(), info.channels());
        for (float[][] block : source) {
            meter.accept(block, block[0].length);
        }
        meter.result();
        add(ns, "loudness", System.nanoTime() - t);
        // 3a. the Chromaprint fingerprint of the first 120 s, from the source audio (as the decoder feeds it)
        t = System.nanoTime();
        org.trackflow.udfs.fingerprint.Fingerprinter fingerprinter = new org.trackflow.udfs.fingerprint.Fingerprinter();
        for (float[][] block : source) {
            if (!fingerprinter.isComplete()) {
                fingerprinter.consume(block, block[0].length, info.sampleRate());
            }
        }
        fingerprinter.finish();
        add(ns, "fingerprint", System.nanoTime() - t);
        // 3b. dynamic complexity on the analysis signal, in stream order (as the decoder measures it)
        t = System.nanoTime();
        org.trackflow.udfs.loudness.DynamicComplexity complexity = new org.trackflow.udfs.loudness.DynamicComplexity(SR);
        for (float[] block : mono) {
            complexity.accept(block, block.length);
        }
        complexity.result();
        add(ns, "dynamic_complexity", System.nanoTime() - t);
        // 4. frame features: the job's frame loop, timed step by step
        float[] signal = Signals.concat(mono.toArray(new float[0][]));
        List<AudioChunk> chunks = new ArrayList<>();
        Chunker chunker = new Chunker(FrameGrid.framesPerChunk(30, SR), chunks::add);
        chunker.accept(signal, 0, signal.length);
        chunker.finish();
        TrackFeatureMerger merger = new TrackFeatureMerger(SR);
        ChunkAnalyzer analyzer = ChunkAnalyzer.profiling(SR);
        for (AudioChunk c : chunks) {
            merger.add(c.index, analyzer.analyze(c));
        }
        analyzer.stageNanos().forEach((k, v) -> add(ns, k, v));
        t = System.nanoTime();
        merger.result();
        add(ns, "track_estimators", System.nanoTime() - t);
        return info.announcedDurationSeconds();
    }

    private static void add(Map<String, Double> ns, String k, long v) {
        ns.merge(k, (double) v, Double::sum);
    }
}
