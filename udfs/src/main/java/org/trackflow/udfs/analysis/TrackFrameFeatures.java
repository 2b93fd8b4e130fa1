package org.trackflow.udfs.analysis;

import org.trackflow.udfs.stats.CoMoments;
import org.trackflow.udfs.stats.SeriesStats;

/**
 * A track's frame features summarised over all its frames (mean, std, min, max of each series), read by
 * feature from the {@link FrameFeatures} registry.
 */
public final class TrackFrameFeatures {
    private final SeriesStats s;
    private final CoMoments[] moments;

    public TrackFrameFeatures(SeriesStats s, CoMoments[] moments) {
        this.s = s;
        this.moments = moments;
    }

    public long frames() {
        return s.count;
    }

    /** The mean of a scalar feature. */
    public double mean(FrameFeature f) {
        return s.mean(FrameFeatures.offset(f));
    }

    /** The standard deviation of a scalar feature. */
    public double std(FrameFeature f) {
        return s.std(FrameFeatures.offset(f));
    }

    /** The per-track summary {@code summary} of each of the feature's values (a covariance: packed). */
    public double[] summary(FrameFeature f, FrameFeature.Summary summary) {
        if (summary == FrameFeature.Summary.COV) {
            return moments[FrameFeatures.WITH_COVARIANCE.indexOf(f)].covariance();
        }
        int from = FrameFeatures.offset(f);
        double[] out = new double[f.width()];
        for (int i = 0; i < out.length; i++) {
            out[i] = summary == FrameFeature.Summary.MEAN ? s.mean(from + i) : s.std(from + i);
        }
        return out;
    }

    /** The raw summary, for callers that want min/max too. */
    public SeriesStats stats() {
        return s;
    }
}
