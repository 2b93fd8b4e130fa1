package org.trackflow.udfs.analysis;

import org.trackflow.udfs.spectral.SpectralCentroid;
import org.trackflow.udfs.spectral.Spectrum;
import org.trackflow.udfs.temporal.ZeroCrossingRate;

/**
 * What the frame features of one frame share, computed once per frame by {@link ChunkAnalyzer}: the
 * windowed frame and its spectrum, the log-mel spectrum, the L1-normalised magnitude spectrum (and those
 * of the previous frame, for features that compare successive frames), and the spectral centroid, which
 * the bandwidth needs too.
 */
public final class FrameContext {
    final Spectrum spectrum;
    double[] melDb;
    double[] previousMelDb;
    double[] shape;
    double[] previousShape;
    boolean havePrevious;
    private double centroid;
    private boolean centroidKnown;
    /** The chunk's samples, this frame's offset in them, and their sign-change counts (made on first use). */
    private float[] chunkSamples = new float[0];
    private int frameOffset;
    private int[] crossingPrefix = new int[1];
    private boolean crossingsKnown;

    FrameContext(Spectrum spectrum, int melBands) {
        this.spectrum = spectrum;
        this.melDb = new double[melBands];
        this.previousMelDb = new double[melBands];
        this.shape = new double[Spectrum.BINS];
        this.previousShape = new double[Spectrum.BINS];
    }

    /** The windowed frame's samples. */
    public double[] samples() { return spectrum.frame; }
    public double[] magnitude() { return spectrum.magnitude; }
    public double[] power() { return spectrum.power; }
    public double[] frequencies() { return spectrum.frequencies; }
    /** {@code sum_k magnitude[k]} ({@link Spectrum#magnitudeSum}). */
    public double magnitudeSum() { return spectrum.magnitudeSum; }
    /** Log-mel spectrum of this frame, dB. */
    public double[] melDb() { return melDb; }
    /** L1-normalised magnitude spectrum of this frame and of the previous one. */
    public double[] shape() { return shape; }
    public double[] previousShape() { return previousShape; }
    /** Whether there is a previous frame (false for a track's first frame). */
    public boolean havePrevious() { return havePrevious; }

    /** Sign changes between adjacent samples of this frame ({@link ZeroCrossingRate#crossings}). */
    public int zeroCrossings() {
        if (!crossingsKnown) {
            crossingPrefix = ZeroCrossingRate.prefix(chunkSamples, crossingPrefix);
            crossingsKnown = true;
        }
        return ZeroCrossingRate.crossings(crossingPrefix, chunkSamples.length, frameOffset, Spectrum.N);
    }

    /** A chunk begins: its samples (the frames' source). */
    void newChunk(float[] samples) {
        chunkSamples = samples;
        crossingsKnown = false;
    }

    /** Spectral centroid of this frame, Hz. */
    public double centroid() {
        if (!centroidKnown) {
            centroid = SpectralCentroid.of(spectrum.magnitude, spectrum.frequencies, spectrum.magnitudeSum);
            centroidKnown = true;
        }
        return centroid;
    }

    /** The next frame begins: this frame's mel and shape spectra become the previous ones. */
    void advance() {
        double[] t = previousMelDb;
        previousMelDb = melDb;
        melDb = t;
        t = previousShape;
        previousShape = shape;
        shape = t;
        havePrevious = true;
        centroidKnown = false;
    }

    void newFrame(int offset) {
        frameOffset = offset;
        centroidKnown = false;
    }
}
