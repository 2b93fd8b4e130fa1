package org.trackflow.udfs.analysis;

import java.util.Arrays;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.rhythm.FluctuationPattern;
import org.trackflow.udfs.rhythm.EnergyBlocks;
import org.trackflow.udfs.stats.CoMoments;
import org.trackflow.udfs.stats.SeriesStats;

/**
 * Merges a track's {@link ChunkPartial}s, which must be given in chunk order: the merge order is fixed so
 * that the result is bit-identical whatever the parallelism that produced the partials. Frame statistics
 * merge, the pitch profiles add; the onset and energy envelopes concatenate into the whole-track envelopes;
 * the fluctuation pattern's segments add, those cut by chunk ends joined from the chunks' region levels.
 * Every whole-track feature of the registry ({@link WholeTrackFeatures}) is then estimated, once per track,
 * from the merged track ({@link MergedTrack}).
 */
public final class TrackFeatureMerger {
    private final int sampleRate;
    private final SeriesStats frames = new SeriesStats(FrameFeatures.SERIES);
    private final CoMoments[] moments = FrameFeatures.WITH_COVARIANCE.stream().map(f -> new CoMoments(f.width()))
            .toArray(CoMoments[]::new);
    private float[] onset = new float[1024];
    private int onsetLength;
    private float[] energy = new float[1024];
    private int energyLength;
    private final double[] pitch = new double[org.trackflow.udfs.tonal.Hpcp.SIZE];
    private int nextIndex;
    private int segment = -1;
    private final java.util.List<int[]> segmentStarts = new java.util.ArrayList<>(); // {onset, energy} offsets
    private final FluctuationPattern fluctuation;
    private final double[] fluctuationSums = new double[FluctuationPattern.SIZE];
    private int fluctuationSegments;
    /** Region levels of the open fluctuation segment, joined from the ends of consecutive chunks. */
    private float[] open = new float[FluctuationPattern.SIZE];
    private int openLength;

    public TrackFeatureMerger(int sampleRate) {
        this.sampleRate = sampleRate;
        this.fluctuation = new FluctuationPattern((double) sampleRate / FrameGrid.HOP);
    }

    /** Adds the partial of chunk {@code index}; chunks must come as 0, 1, 2, ... */
    public void add(int index, ChunkPartial partial) {
        if (index != nextIndex) {
            throw new IllegalStateException("chunk " + index + " merged out of order, expected " + nextIndex);
        }
        nextIndex++;
        if (partial.segment != segment) {
            segment = partial.segment;
            segmentStarts.add(new int[] {onsetLength, energyLength});
            openLength = 0; // an excerpt starts a segment of its own
        }
        mergeFluctuation(partial);
        frames.merge(partial.frames);
        if (partial.pitch != null) {
            for (int i = 0; i < pitch.length; i++) {
                pitch[i] += partial.pitch[i];
            }
        }
        for (int i = 0; i < moments.length; i++) {
            moments[i].merge(partial.moments[i]);
        }
        onset = append(onset, onsetLength, partial.onset);
        onsetLength += partial.onset.length;
        energy = append(energy, energyLength, partial.energy);
        energyLength += partial.energy.length;
    }

    /**
     * The chunk's complete fluctuation segments add; its head ends the open segment (which is complete
     * when it reaches a boundary), and its tail, if it holds a boundary, opens the next.
     */
    private void mergeFluctuation(ChunkPartial p) {
        int full = FluctuationPattern.SEGMENT * FluctuationPattern.BANDS;
        if (p.fluctuationHead != null) {
            open = append(open, openLength, p.fluctuationHead);
            openLength += p.fluctuationHead.length;
            if (openLength == full) {
                fluctuation.addSegment(open, 0, fluctuationSums);
                fluctuationSegments++;
                openLength = 0;
            }
        }
        if (p.fluctuationSums != null) {
            for (int i = 0; i < fluctuationSums.length; i++) {
                fluctuationSums[i] += p.fluctuationSums[i];
            }
            fluctuationSegments += p.fluctuationSegments;
            // a boundary: what is open now is the chunk's tail (a head that did not reach it was no segment)
            openLength = 0;
            open = append(open, 0, p.fluctuationTail);
            openLength = p.fluctuationTail.length;
        }
    }

    private static float[] append(float[] to, int length, float[] more) {
        if (length + more.length > to.length) {
            to = Arrays.copyOf(to, Math.max(2 * to.length, length + more.length));
        }
        System.arraycopy(more, 0, to, length, more.length);
        return to;
    }

    /** The track's features, without source measures (a signal analysed without decoding). */
    public TrackFeatures result() {
        return result(SourceMeasures.NONE);
    }

    /** The track's features: frame summaries, and every whole-track feature estimated from the merged partials. */
    public TrackFeatures result(SourceMeasures source) {
        double frameRate = (double) sampleRate / FrameGrid.HOP;
        double blockRate = (double) sampleRate / EnergyBlocks.blockSize(sampleRate);
        TrackFrameFeatures summary = new TrackFrameFeatures(frames, moments);
        int[] onsetSegments = segmentStarts.stream().mapToInt(a -> a[0]).toArray();
        int[] energySegments = segmentStarts.stream().mapToInt(a -> a[1]).toArray();
        return TrackFeatures.of(summary, new MergedTrack(onset, onsetLength, onsetSegments, frameRate, energy, energyLength,
                energySegments, blockRate, pitch, fluctuationSums, fluctuationSegments, source));
    }
}
