package org.trackflow.udfs.analysis;

import org.trackflow.udfs.spectral.Chroma;
import org.trackflow.udfs.spectral.Mfcc;
import org.trackflow.udfs.spectral.SpectralContrast;

/** Where each frame feature sits in the per-frame value vector that {@link ChunkAnalyzer} summarises. */
public final class FrameFeatureLayout {
    public static final int RMS = 0;
    public static final int ZCR = 1;
    public static final int CENTROID = 2;
    public static final int BANDWIDTH = 3;
    public static final int ROLLOFF = 4;
    public static final int FLATNESS = 5;
    public static final int FLUX = 6;
    public static final int MFCC = 7;
    public static final int CHROMA = MFCC + Mfcc.COEFFICIENTS;
    public static final int CONTRAST = CHROMA + Chroma.CLASSES;
    public static final int SERIES = CONTRAST + SpectralContrast.BANDS;

    private FrameFeatureLayout() {}
}
