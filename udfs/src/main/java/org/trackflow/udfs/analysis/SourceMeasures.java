package org.trackflow.udfs.analysis;

import org.trackflow.udfs.loudness.LoudnessMeter;

/**
 * What decoding measures on the source signal beside the analysis signal: its loudness (and the dynamic
 * complexity), and its Chromaprint fingerprint (compressed, base64, as fpcalc prints it); each null where
 * there is none (a signal analysed without decoding, fast mode's fingerprint).
 */
public record SourceMeasures(LoudnessMeter.Result loudness, String fingerprint) {
    public static final SourceMeasures NONE = new SourceMeasures(null, null);
}
