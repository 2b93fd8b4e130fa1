package org.trackflow.udfs.analysis;

import static org.trackflow.udfs.analysis.FrameFeature.Summary.COV;
import static org.trackflow.udfs.analysis.FrameFeature.Summary.MEAN;
import static org.trackflow.udfs.analysis.FrameFeature.Summary.STD;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.trackflow.udfs.spectral.Chroma;
import org.trackflow.udfs.spectral.Mfcc;
import org.trackflow.udfs.spectral.SpectralBandwidth;
import org.trackflow.udfs.spectral.SpectralCentroid;
import org.trackflow.udfs.spectral.SpectralContrast;
import org.trackflow.udfs.spectral.SpectralFlatness;
import org.trackflow.udfs.spectral.SpectralFlux;
import org.trackflow.udfs.spectral.SpectralRolloff;
import org.trackflow.udfs.spectral.Spectrum;
import org.trackflow.udfs.spectral.TimbreMfcc;
import org.trackflow.udfs.temporal.Rms;
import org.trackflow.udfs.temporal.ZeroCrossingRate;

/**
 * The registry of frame features: adding one is one entry here (and its class). The per-frame value vector
 * that {@link ChunkAnalyzer} summarises is these features' values in this order; output columns, the
 * schema check and the features table in {@code docs/features.md} are derived from the same list.
 */
public final class FrameFeatures {
    public static final FrameFeature RMS = new FrameFeature("rms", 1, List.of(MEAN, STD), Rms.class, "",
            sr -> (f, out, o) -> out[o] = Rms.of(f.samples()));
    public static final FrameFeature ZCR = new FrameFeature("zcr", 1, List.of(MEAN), ZeroCrossingRate.class, "",
            sr -> (f, out, o) -> out[o] = (double) f.zeroCrossings() / Spectrum.N);
    public static final FrameFeature CENTROID = new FrameFeature("spectral_centroid", 1, List.of(MEAN, STD),
            SpectralCentroid.class, "Hz", sr -> (f, out, o) -> out[o] = f.centroid());
    public static final FrameFeature BANDWIDTH = new FrameFeature("spectral_bandwidth", 1, List.of(MEAN),
            SpectralBandwidth.class, "Hz",
            sr -> (f, out, o) -> out[o] = SpectralBandwidth.of(f.magnitude(), f.frequencies(), f.centroid(),
                    f.magnitudeSum()));
    public static final FrameFeature ROLLOFF = new FrameFeature("spectral_rolloff", 1, List.of(MEAN),
            SpectralRolloff.class, "Hz", sr -> (f, out, o) -> out[o] = SpectralRolloff.of(f.magnitude(), f.frequencies(),
                    f.magnitudeSum()));
    public static final FrameFeature FLATNESS = new FrameFeature("spectral_flatness", 1, List.of(MEAN),
            SpectralFlatness.class, "", sr -> (f, out, o) -> out[o] = SpectralFlatness.of(f.power()));
    public static final FrameFeature FLUX = new FrameFeature("spectral_flux", 1, List.of(MEAN), SpectralFlux.class, "",
            sr -> (f, out, o) -> out[o] = f.havePrevious() ? SpectralFlux.of(f.shape(), f.previousShape()) : 0);
    public static final FrameFeature MFCC = new FrameFeature("mfcc", Mfcc.COEFFICIENTS, List.of(MEAN, STD), Mfcc.class, "",
            sr -> {
                Mfcc mfcc = new Mfcc();
                return (f, out, o) -> mfcc.compute(f.melDb(), out, o);
            });
    public static final FrameFeature CHROMA = new FrameFeature("chroma", Chroma.CLASSES, List.of(MEAN), Chroma.class, "",
            sr -> {
                Chroma chroma = new Chroma(sr);
                return (f, out, o) -> chroma.compute(f.power(), out, o);
            });
    public static final FrameFeature CONTRAST = new FrameFeature("spectral_contrast", SpectralContrast.BANDS, List.of(MEAN),
            SpectralContrast.class, "dB", sr -> {
                SpectralContrast contrast = new SpectralContrast(sr);
                return (f, out, o) -> contrast.compute(f.magnitude(), out, o);
            });

    public static final FrameFeature TIMBRE = new FrameFeature("timbre", TimbreMfcc.COEFFICIENTS, List.of(MEAN, COV),
            TimbreMfcc.class, "", sr -> {
                TimbreMfcc timbre = new TimbreMfcc(sr);
                return (f, out, o) -> timbre.compute(f.power(), out, o);
            });

    /** Every frame feature, in value-vector order. */
    public static final List<FrameFeature> ALL = List.of(RMS, ZCR, CENTROID, BANDWIDTH, ROLLOFF, FLATNESS, FLUX, MFCC,
            CHROMA, CONTRAST, TIMBRE);

    /** The features whose covariance is kept, in registry order (the co-moments of a chunk partial). */
    public static final List<FrameFeature> WITH_COVARIANCE = ALL.stream().filter(FrameFeature::hasCovariance).toList();

    private static final Map<FrameFeature, Integer> OFFSETS = new IdentityHashMap<>();
    /** Length of the per-frame value vector. */
    public static final int SERIES;

    static {
        int o = 0;
        for (FrameFeature f : ALL) {
            OFFSETS.put(f, o);
            o += f.width();
        }
        SERIES = o;
    }

    private FrameFeatures() {}

    /** Where {@code feature}'s values start in the value vector. */
    public static int offset(FrameFeature feature) {
        Integer o = OFFSETS.get(feature);
        if (o == null) {
            throw new IllegalArgumentException("not a registered frame feature: " + feature.name());
        }
        return o;
    }

    /** Every output column of every frame feature, in registry order. */
    public static List<FrameFeature.Column> columns() {
        List<FrameFeature.Column> out = new ArrayList<>();
        ALL.forEach(f -> out.addAll(f.columns()));
        return out;
    }
}
