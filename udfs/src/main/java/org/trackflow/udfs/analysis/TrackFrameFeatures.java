package org.trackflow.udfs.analysis;

import static org.trackflow.udfs.analysis.FrameFeatureLayout.*;

import org.trackflow.udfs.spectral.Chroma;
import org.trackflow.udfs.spectral.Mfcc;
import org.trackflow.udfs.spectral.SpectralContrast;
import org.trackflow.udfs.stats.SeriesStats;

/** A track's frame features summarised over all its frames (mean, std, min, max of each series). */
public final class TrackFrameFeatures {
    private final SeriesStats s;

    public TrackFrameFeatures(SeriesStats s) {
        this.s = s;
    }

    public long frames() { return s.count; }
    public double rmsMean() { return s.mean(RMS); }
    public double rmsStd() { return s.std(RMS); }
    public double zcrMean() { return s.mean(ZCR); }
    public double centroidMean() { return s.mean(CENTROID); }
    public double centroidStd() { return s.std(CENTROID); }
    public double bandwidthMean() { return s.mean(BANDWIDTH); }
    public double rolloffMean() { return s.mean(ROLLOFF); }
    public double flatnessMean() { return s.mean(FLATNESS); }
    public double fluxMean() { return s.mean(FLUX); }
    public double[] contrastMean() { return means(CONTRAST, SpectralContrast.BANDS); }

    public double[] mfccMean() { return means(MFCC, Mfcc.COEFFICIENTS); }
    public double[] mfccStd() { return stds(MFCC, Mfcc.COEFFICIENTS); }
    public double[] chromaMean() { return means(CHROMA, Chroma.CLASSES); }

    /** The raw summary, for callers that want min/max too. */
    public SeriesStats stats() { return s; }

    private double[] means(int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.mean(from + i);
        }
        return out;
    }

    private double[] stds(int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.std(from + i);
        }
        return out;
    }
}
