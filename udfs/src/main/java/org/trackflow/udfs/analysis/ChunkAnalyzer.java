package org.trackflow.udfs.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.rhythm.EnergyBlocks;
import org.trackflow.udfs.rhythm.FluctuationPattern;
import org.trackflow.udfs.rhythm.OnsetStrength;
import org.trackflow.udfs.spectral.MelSpectrum;
import org.trackflow.udfs.spectral.SpectralFlux;
import org.trackflow.udfs.spectral.Spectrum;
import org.trackflow.udfs.stats.CoMoments;
import org.trackflow.udfs.stats.SeriesStats;
import org.trackflow.udfs.tonal.Hpcp;

/**
 * Runs every registered frame feature ({@link FrameFeatures}) over a chunk's frames with one FFT per
 * frame, and summarises them into a {@link ChunkPartial}. A chunk that does not start the track first
 * analyses its pre-roll frame, so that flux and onset strength of its first frame compare with the same
 * predecessor as in a whole-track pass. Not thread-safe (it reuses its buffers): one instance per task.
 *
 * <p>{@link #profiling} makes an analyser that also times each step of this same loop (the stage
 * profile of the benchmark), so that what is measured is what runs.
 */
public final class ChunkAnalyzer {
    /**
     * The pitch profile is taken on every 4th frame of the global grid: a hop of 2048 samples (93 ms at
     * 22 050 Hz), as Essentia's KeyExtractor steps (4096 at 44.1 kHz); frames are 93 ms either way.
     */
    public static final int HPCP_EVERY = 4;
    private static final String HPCP = "hpcp";
    private static final String FFT = "fft";
    private static final String MEL = "mel_db";
    private static final String SHAPE = "spectral_shape";
    private static final String ONSET = "onset_strength";
    private static final String SUMMARY = "stats_summary";
    private static final String ENERGY = "energy_blocks";
    private static final String FLUCTUATION = "fluctuation_pattern";

    private final Spectrum spectrum;
    private final MelSpectrum mel;
    private final Hpcp hpcp;
    private final FrameContext frame;
    private final FrameFeature.Step[] steps;
    private final int[] offsets;
    private final double[] values = new double[FrameFeatures.SERIES];
    private final int[] covarianceOffsets = FrameFeatures.WITH_COVARIANCE.stream().mapToInt(FrameFeatures::offset).toArray();
    private final double[] scratch = new double[FrameFeatures.SERIES];
    private final int blockSize;
    private final FluctuationPattern fluctuation;
    /** Region levels of the chunk's frames, frame-major (grown as needed). */
    private float[] levels = new float[0];
    /** Nanoseconds per stage (FFT, mel, shape, each feature, onset, summary, energy), or null. */
    private final long[] nanos;

    public ChunkAnalyzer(int sampleRate) {
        this(sampleRate, false);
    }

    private ChunkAnalyzer(int sampleRate, boolean timed) {
        this.spectrum = new Spectrum(sampleRate);
        this.mel = new MelSpectrum(sampleRate);
        this.hpcp = new Hpcp(sampleRate, Spectrum.N, Spectrum.N / 2.0);
        this.frame = new FrameContext(spectrum, MelSpectrum.BANDS);
        List<FrameFeature> all = FrameFeatures.ALL;
        this.steps = new FrameFeature.Step[all.size()];
        this.offsets = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            steps[i] = all.get(i).factory().apply(sampleRate);
            offsets[i] = FrameFeatures.offset(all.get(i));
        }
        this.blockSize = EnergyBlocks.blockSize(sampleRate);
        this.fluctuation = new FluctuationPattern((double) sampleRate / FrameGrid.HOP);
        this.nanos = timed ? new long[stageNames().size()] : null;
    }

    /** An analyser that times each stage of its frame loop ({@link #stageNanos}). */
    public static ChunkAnalyzer profiling(int sampleRate) {
        return new ChunkAnalyzer(sampleRate, true);
    }

    /** Names of the timed stages: the shared steps, each feature by its name, then the per-chunk steps. */
    public static List<String> stageNames() {
        List<String> names = new ArrayList<>(List.of(FFT, MEL, SHAPE));
        FrameFeatures.ALL.forEach(f -> names.add(f.name()));
        names.addAll(List.of(HPCP, ONSET, SUMMARY, ENERGY, FLUCTUATION));
        return names;
    }

    /** Nanoseconds spent per stage so far (a profiling analyser only). */
    public Map<String, Long> stageNanos() {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> names = stageNames();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), nanos == null ? 0 : nanos[i]);
        }
        return out;
    }

    public ChunkPartial analyze(AudioChunk chunk) {
        SeriesStats stats = new SeriesStats(FrameFeatures.SERIES);
        CoMoments[] moments = new CoMoments[covarianceOffsets.length];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = new CoMoments(FrameFeatures.WITH_COVARIANCE.get(i).width());
        }
        float[] onset = new float[chunk.frameCount];
        double[] pitch = new double[Hpcp.SIZE];
        if (levels.length < chunk.frameCount * FluctuationPattern.BANDS) {
            levels = new float[chunk.frameCount * FluctuationPattern.BANDS];
        }
        frame.newChunk(chunk.samples);
        frame.havePrevious = chunk.hasPreRoll();
        if (frame.havePrevious) {
            spectrum.compute(chunk.samples, 0);
            mel.compute(spectrum.power, frame.previousMelDb);
            SpectralFlux.normalise(spectrum.magnitude, spectrum.magnitudeSum, frame.previousShape);
        }
        int featureStage = 3;
        int fluctuationStage = featureStage + steps.length + 4; // after hpcp, onset, summary, energy
        for (int f = 0; f < chunk.frameCount; f++) {
            long t = nanos != null ? System.nanoTime() : 0;
            int offset = (int) (FrameGrid.frameStart(chunk.firstFrame + f) - chunk.startSample);
            spectrum.compute(chunk.samples, offset);
            t = lap(0, t);
            mel.compute(spectrum.power, frame.melDb);
            t = lap(1, t);
            SpectralFlux.normalise(spectrum.magnitude, spectrum.magnitudeSum, frame.shape);
            t = lap(2, t);
            frame.newFrame(offset);
            for (int i = 0; i < steps.length; i++) {
                steps[i].compute(frame, values, offsets[i]);
                t = lap(featureStage + i, t);
            }
            if ((chunk.firstFrame + f) % HPCP_EVERY == 0) {
                hpcp.accumulate(spectrum.magnitude, pitch);
            }
            t = lap(featureStage + steps.length, t);
            onset[f] = frame.havePrevious ? (float) OnsetStrength.of(frame.melDb, frame.previousMelDb) : 0f;
            t = lap(featureStage + steps.length + 1, t);
            FluctuationPattern.regions(frame.melDb, levels, f * FluctuationPattern.BANDS);
            t = lap(fluctuationStage, t);
            stats.add(values);
            for (int i = 0; i < moments.length; i++) {
                moments[i].add(values, covarianceOffsets[i], scratch);
            }
            lap(featureStage + steps.length + 2, t);
            frame.advance();
        }
        long t = nanos != null ? System.nanoTime() : 0;
        long limit = chunk.last ? chunk.trackSamples : Long.MAX_VALUE;
        float[] energy = EnergyBlocks.of(chunk.samples, chunk.startSample, chunk.ownedStart(), chunk.ownedEnd(),
                limit, blockSize);
        lap(featureStage + steps.length + 3, t);
        ChunkPartial partial = new ChunkPartial(stats, moments, onset, energy);
        partial.segment = chunk.segment;
        partial.pitch = pitch;
        t = nanos != null ? System.nanoTime() : 0;
        fluctuationSegments(chunk.firstFrame, chunk.frameCount, partial);
        lap(fluctuationStage, t);
        return partial;
    }

    /**
     * The chunk's share of the fluctuation pattern: the sum over the segments of {@link FluctuationPattern#SEGMENT}
     * frames (on the segment's frame grid) that lie in [first, first + count) entirely, and the region levels
     * of the frames before the first such boundary (the end of a segment begun in earlier chunks) and from
     * the last one on (the start of one that later chunks end), which the merger joins.
     */
    private void fluctuationSegments(long first, int count, ChunkPartial partial) {
        int seg = FluctuationPattern.SEGMENT;
        int bands = FluctuationPattern.BANDS;
        long end = first + count;
        long boundary = Math.floorDiv(first + seg - 1, seg) * seg; // the first boundary at or after first
        if (boundary >= end) { // no boundary within: every frame continues the open segment
            partial.fluctuationHead = Arrays.copyOf(levels, count * bands);
            return;
        }
        int head = (int) (boundary - first);
        partial.fluctuationHead = Arrays.copyOf(levels, head * bands);
        double[] sums = new double[FluctuationPattern.SIZE];
        int segments = 0;
        int at = head;
        for (; at + seg <= count; at += seg) {
            fluctuation.addSegment(levels, at * bands, sums);
            segments++;
        }
        partial.fluctuationSums = sums;
        partial.fluctuationSegments = segments;
        partial.fluctuationTail = Arrays.copyOfRange(levels, at * bands, count * bands);
    }

    /** Adds the time since {@code since} to stage {@code stage} when profiling; returns now. */
    private long lap(int stage, long since) {
        if (nanos == null) {
            return 0;
        }
        long now = System.nanoTime();
        nanos[stage] += now - since;
        return now;
    }
}
