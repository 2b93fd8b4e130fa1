package org.trackflow.udfs.analysis;

import static org.trackflow.udfs.analysis.FrameFeatureLayout.*;

import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.FrameGrid;
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
import org.trackflow.udfs.stats.SeriesStats;
import org.trackflow.udfs.tonal.Hpcp;

/**
 * Runs every frame feature over a chunk's frames with one FFT per frame, and summarises them into a
 * {@link ChunkPartial}. A chunk that does not start the track first analyses its pre-roll frame, so
 * that flux and onset strength of its first frame compare with the same predecessor as in a
 * whole-track pass. Not thread-safe (it reuses its buffers): one instance per task.
 */
public final class ChunkAnalyzer {
    /**
     * The pitch profile is taken on every 4th frame of the global grid: a hop of 2048 samples (93 ms at
     * 22 050 Hz), as Essentia's KeyExtractor steps (4096 at 44.1 kHz); frames are 93 ms either way.
     */
    public static final int HPCP_EVERY = 4;
    private final Spectrum spectrum;
    private final MelSpectrum mel;
    private final Mfcc mfcc = new Mfcc();
    private final Chroma chroma;
    private final SpectralContrast contrast;
    private final Hpcp hpcp;
    private final double[] values = new double[SERIES];
    private final int blockSize;
    private double[] melDb = new double[MelSpectrum.BANDS];
    private double[] previousMelDb = new double[MelSpectrum.BANDS];
    private double[] shape = new double[Spectrum.BINS];
    private double[] previousShape = new double[Spectrum.BINS];

    public ChunkAnalyzer(int sampleRate) {
        this.spectrum = new Spectrum(sampleRate);
        this.mel = new MelSpectrum(sampleRate);
        this.chroma = new Chroma(sampleRate);
        this.contrast = new SpectralContrast(sampleRate);
        this.hpcp = new Hpcp(sampleRate, Spectrum.N, Spectrum.N / 2.0);
        this.blockSize = EnergyBlocks.blockSize(sampleRate);
    }

    public ChunkPartial analyze(AudioChunk chunk) {
        SeriesStats stats = new SeriesStats(SERIES);
        float[] onset = new float[chunk.frameCount];
        double[] pitch = new double[Hpcp.SIZE];
        boolean havePrevious = chunk.hasPreRoll();
        if (havePrevious) {
            spectrum.compute(chunk.samples, 0);
            mel.compute(spectrum.power, previousMelDb);
            SpectralFlux.normalise(spectrum.magnitude, previousShape);
        }
        for (int f = 0; f < chunk.frameCount; f++) {
            long frame = chunk.firstFrame + f;
            int offset = (int) (FrameGrid.frameStart(frame) - chunk.startSample);
            spectrum.compute(chunk.samples, offset);
            mel.compute(spectrum.power, melDb);
            SpectralFlux.normalise(spectrum.magnitude, shape);
            analyzeFrame(havePrevious);
            if (frame % HPCP_EVERY == 0) {
                hpcp.accumulate(spectrum.magnitude, pitch);
            }
            onset[f] = havePrevious ? (float) OnsetStrength.of(melDb, previousMelDb) : 0f;
            stats.add(values);
            havePrevious = true;
            double[] t = previousMelDb;
            previousMelDb = melDb;
            melDb = t;
            t = previousShape;
            previousShape = shape;
            shape = t;
        }
        long limit = chunk.last ? chunk.trackSamples : Long.MAX_VALUE;
        float[] energy = EnergyBlocks.of(chunk.samples, chunk.startSample, chunk.ownedStart(), chunk.ownedEnd(),
                limit, blockSize);
        ChunkPartial partial = new ChunkPartial(stats, onset, energy);
        partial.segment = chunk.segment;
        partial.pitch = pitch;
        return partial;
    }

    private void analyzeFrame(boolean havePrevious) {
        double[] mag = spectrum.magnitude;
        double[] freqs = spectrum.frequencies;
        values[RMS] = Rms.of(spectrum.frame);
        values[ZCR] = ZeroCrossingRate.of(spectrum.frame);
        double centroid = SpectralCentroid.of(mag, freqs);
        values[CENTROID] = centroid;
        values[BANDWIDTH] = SpectralBandwidth.of(mag, freqs, centroid);
        values[ROLLOFF] = SpectralRolloff.of(mag, freqs);
        values[FLATNESS] = SpectralFlatness.of(spectrum.power);
        values[FLUX] = havePrevious ? SpectralFlux.of(shape, previousShape) : 0;
        mfcc.compute(melDb, values, MFCC);
        chroma.compute(spectrum.power, values, CHROMA);
        contrast.compute(mag, values, CONTRAST);
    }
}
