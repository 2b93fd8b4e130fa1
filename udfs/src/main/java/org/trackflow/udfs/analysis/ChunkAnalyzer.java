package org.trackflow.udfs.analysis;

import static org.trackflow.udfs.analysis.FrameFeatureLayout.*;

import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.spectral.Chroma;
import org.trackflow.udfs.spectral.Mfcc;
import org.trackflow.udfs.spectral.Rms;
import org.trackflow.udfs.spectral.SpectralBandwidth;
import org.trackflow.udfs.spectral.SpectralCentroid;
import org.trackflow.udfs.spectral.SpectralFlatness;
import org.trackflow.udfs.spectral.SpectralRolloff;
import org.trackflow.udfs.spectral.Spectrum;
import org.trackflow.udfs.spectral.ZeroCrossingRate;
import org.trackflow.udfs.stats.SeriesStats;

/**
 * Runs every frame feature over a chunk's frames with one FFT per frame, and summarises them into a
 * {@link ChunkPartial}. Not thread-safe (it reuses its buffers): one instance per task.
 */
public final class ChunkAnalyzer {
    private final Spectrum spectrum;
    private final Mfcc mfcc;
    private final Chroma chroma;
    private final double[] values = new double[SERIES];

    public ChunkAnalyzer(int sampleRate) {
        this.spectrum = new Spectrum(sampleRate);
        this.mfcc = new Mfcc(sampleRate);
        this.chroma = new Chroma(sampleRate);
    }

    public ChunkPartial analyze(AudioChunk chunk) {
        SeriesStats stats = new SeriesStats(SERIES);
        for (int f = 0; f < chunk.frameCount; f++) {
            long frame = chunk.firstFrame + f;
            int offset = (int) (FrameGrid.frameStart(frame) - chunk.startSample);
            spectrum.compute(chunk.samples, offset);
            analyzeFrame();
            stats.add(values);
        }
        return new ChunkPartial(stats);
    }

    private void analyzeFrame() {
        double[] mag = spectrum.magnitude;
        double[] freqs = spectrum.frequencies;
        values[RMS] = Rms.of(spectrum.frame);
        values[ZCR] = ZeroCrossingRate.of(spectrum.frame);
        double centroid = SpectralCentroid.of(mag, freqs);
        values[CENTROID] = centroid;
        values[BANDWIDTH] = SpectralBandwidth.of(mag, freqs, centroid);
        values[ROLLOFF] = SpectralRolloff.of(mag, freqs);
        values[FLATNESS] = SpectralFlatness.of(spectrum.power);
        mfcc.compute(spectrum.power, values, MFCC);
        chroma.compute(spectrum.power, values, CHROMA);
    }
}
