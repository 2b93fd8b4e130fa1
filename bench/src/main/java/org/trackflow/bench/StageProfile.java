package org.trackflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trackflow.udfs.analysis.ChunkAnalyzer;
import org.trackflow.udfs.analysis.ChunkPartial;
import org.trackflow.udfs.analysis.TrackFeatureMerger;
import org.trackflow.udfs.audio.AudioDecoder;
import org.trackflow.udfs.audio.AudioInfo;
import org.trackflow.udfs.audio.AudioListener;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.Chunker;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.loudness.LoudnessMeter;
import org.trackflow.udfs.rhythm.EnergyBlocks;
import org.trackflow.udfs.rhythm.OnsetStrength;
import org.trackflow.udfs.spectral.Chroma;
import org.trackflow.udfs.spectral.MelSpectrum;
import org.trackflow.udfs.spectral.Mfcc;
import org.trackflow.udfs.spectral.Rms;
import org.trackflow.udfs.spectral.SpectralBandwidth;
import org.trackflow.udfs.spectral.SpectralCentroid;
import org.trackflow.udfs.spectral.SpectralContrast;
import org.trackflow.udfs.spectral.SpectralFlatness;
import org.trackflow.udfs.spectral.SpectralFlux;
import org.trackflow.udfs.spectral.SpectralRolloff;
import org.trackflow.udfs.spectral.Spectrum;
import org.trackflow.udfs.spectral.ZeroCrossingRate;
import org.trackflow.udfs.synth.Signals;

/**
 * CPU seconds per stage on one thread: decoding (with and without resampling), loudness, each frame
 * feature family over the frame grid, and the whole-track estimators. Each stage runs on audio already
 * in memory, so stages are timed apart; the frame loop mirrors {@link ChunkAnalyzer}'s, with a timer
 * around each family (the timers cost about 1 % of it). Warm-up: the first track is run twice.
 */
final class StageProfile {
    private static final int SR = 22_050;

    private StageProfile() {}

    static Map<String, Object> run(List<Path> files) throws Exception {
        Map<String, Double> ns = new LinkedHashMap<>();
        for (String k : List.of("decode_only", "resample_and_downmix", "loudness", "fft", "mel_db", "mfcc", "chroma",
                "spectral_contrast", "spectral_stats", "flux_and_onset", "energy_blocks", "stats_summary",
                "track_estimators")) {
            ns.put(k, 0.0);
        }
        double audio = 0;
        profile(files.get(0), new LinkedHashMap<>(ns)); // warm-up
        for (Path f : files) {
            audio += profile(f, ns);
        }
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
        return out;
    }

    /** Profiles one file, adding nanoseconds per stage; returns its audio seconds. */
    private static double profile(Path file, Map<String, Double> ns) throws Exception {
        // 1. decode at the source rate (no resampling; keep the source audio for loudness)
        List<float[][]> source = new ArrayList<>();
        AudioDecoder probe = new AudioDecoder(SR);
        AudioInfo info = probe.decode(file, new AudioListener() {
            @Override
            public void analysisAudio(float[] samples, int length) {}
        }, new AudioDecoder.Excerpts(1, 1));
        long t = System.nanoTime();
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
        // 3b. dynamic complexity on the analysis signal, in stream order (as the decoder measures it)
        t = System.nanoTime();
        org.trackflow.udfs.loudness.DynamicComplexity complexity = new org.trackflow.udfs.loudness.DynamicComplexity(SR);
        for (float[] block : mono) {
            complexity.accept(block, block.length);
        }
        complexity.result();
        add(ns, "dynamic_complexity", System.nanoTime() - t);
        // 4. frame features, family by family
        float[] signal = Signals.concat(mono.toArray(new float[0][]));
        List<AudioChunk> chunks = new ArrayList<>();
        Chunker chunker = new Chunker(FrameGrid.framesPerChunk(30, SR), chunks::add);
        chunker.accept(signal, 0, signal.length);
        chunker.finish();
        Families fam = new Families();
        TrackFeatureMerger merger = new TrackFeatureMerger(SR);
        ChunkAnalyzer analyzer = new ChunkAnalyzer(SR);
        for (AudioChunk c : chunks) {
            fam.run(c, ns);
            ChunkPartial p = analyzer.analyze(c); // for the merge stage below (not timed)
            merger.add(c.index, p);
        }
        t = System.nanoTime();
        merger.result();
        add(ns, "track_estimators", System.nanoTime() - t);
        return info.announcedDurationSeconds();
    }

    private static void add(Map<String, Double> ns, String k, long v) {
        ns.merge(k, (double) v, Double::sum);
    }

    /** The frame loop of ChunkAnalyzer with a timer per feature family. */
    private static final class Families {
        final Spectrum spectrum = new Spectrum(SR);
        final MelSpectrum mel = new MelSpectrum(SR);
        final Mfcc mfcc = new Mfcc();
        final Chroma chroma = new Chroma(SR);
        final SpectralContrast contrast = new SpectralContrast(SR);
        final org.trackflow.udfs.tonal.Hpcp hpcp = new org.trackflow.udfs.tonal.Hpcp(SR, Spectrum.N, Spectrum.N / 2.0);
        final double[] pitch = new double[org.trackflow.udfs.tonal.Hpcp.SIZE];
        final double[] values = new double[64];
        double[] melDb = new double[MelSpectrum.BANDS];
        double[] prevMelDb = new double[MelSpectrum.BANDS];
        double[] shape = new double[Spectrum.BINS];
        double[] prevShape = new double[Spectrum.BINS];
        final org.trackflow.udfs.stats.SeriesStats stats = new org.trackflow.udfs.stats.SeriesStats(40);

        void run(AudioChunk c, Map<String, Double> ns) {
            long fft = 0, melT = 0, mfccT = 0, chromaT = 0, contrastT = 0, statsT = 0, fluxT = 0, summaryT = 0, hpcpT = 0;
            for (int f = 0; f < c.frameCount; f++) {
                int offset = (int) (FrameGrid.frameStart(c.firstFrame + f) - c.startSample);
                long t0 = System.nanoTime();
                spectrum.compute(c.samples, offset);
                long t1 = System.nanoTime();
                mel.compute(spectrum.power, melDb);
                long t2 = System.nanoTime();
                mfcc.compute(melDb, values, 0);
                long t3 = System.nanoTime();
                chroma.compute(spectrum.power, values, 13);
                long t4 = System.nanoTime();
                contrast.compute(spectrum.magnitude, values, 25);
                long t5 = System.nanoTime();
                values[32] = Rms.of(spectrum.frame);
                values[33] = ZeroCrossingRate.of(spectrum.frame);
                double centroid = SpectralCentroid.of(spectrum.magnitude, spectrum.frequencies);
                values[34] = centroid;
                values[35] = SpectralBandwidth.of(spectrum.magnitude, spectrum.frequencies, centroid);
                values[36] = SpectralRolloff.of(spectrum.magnitude, spectrum.frequencies);
                values[37] = SpectralFlatness.of(spectrum.power);
                long t6 = System.nanoTime();
                SpectralFlux.normalise(spectrum.magnitude, shape);
                values[38] = SpectralFlux.of(shape, prevShape);
                values[39] = OnsetStrength.of(melDb, prevMelDb);
                long t7 = System.nanoTime();
                stats.add(values);
                long t8 = System.nanoTime();
                if ((c.firstFrame + f) % ChunkAnalyzer.HPCP_EVERY == 0) {
                    hpcp.accumulate(spectrum.magnitude, pitch);
                }
                hpcpT += System.nanoTime() - t8;
                double[] x = prevMelDb;
                prevMelDb = melDb;
                melDb = x;
                x = prevShape;
                prevShape = shape;
                shape = x;
                fft += t1 - t0;
                melT += t2 - t1;
                mfccT += t3 - t2;
                chromaT += t4 - t3;
                contrastT += t5 - t4;
                statsT += t6 - t5;
                fluxT += t7 - t6;
                summaryT += t8 - t7;
            }
            long t = System.nanoTime();
            long limit = c.last ? c.trackSamples : Long.MAX_VALUE;
            EnergyBlocks.of(c.samples, c.startSample, c.ownedStart(), c.ownedEnd(), limit, EnergyBlocks.blockSize(SR));
            add(ns, "energy_blocks", System.nanoTime() - t);
            add(ns, "fft", fft);
            add(ns, "mel_db", melT);
            add(ns, "mfcc", mfccT);
            add(ns, "chroma", chromaT);
            add(ns, "spectral_contrast", contrastT);
            add(ns, "spectral_stats", statsT);
            add(ns, "flux_and_onset", fluxT);
            add(ns, "stats_summary", summaryT);
            add(ns, "hpcp", hpcpT);
        }
    }
}
