package org.trackflow.udfs.analysis;

import static org.trackflow.udfs.analysis.TrackFeature.floats;
import static org.trackflow.udfs.analysis.TrackFeature.number;
import static org.trackflow.udfs.analysis.TrackFeature.text;

import java.util.ArrayList;
import java.util.List;
import org.trackflow.udfs.fingerprint.Fingerprinter;
import org.trackflow.udfs.loudness.DynamicComplexity;
import org.trackflow.udfs.loudness.LoudnessMeter;
import org.trackflow.udfs.rhythm.Danceability;
import org.trackflow.udfs.rhythm.FluctuationPattern;
import org.trackflow.udfs.rhythm.OnsetRate;
import org.trackflow.udfs.rhythm.TempoEstimator;
import org.trackflow.udfs.tonal.KeyEstimator;

/**
 * The registry of whole-track features: adding one is one entry here (and its class). The merger estimates
 * each in this order ({@link TrackFeatureMerger#result}), the record builder writes their columns, and the
 * schema check and the docs table in {@code docs/features.md} are derived from the same list.
 */
public final class WholeTrackFeatures {
    public static final TrackFeature<TempoEstimator.Tempo> TEMPO = new TrackFeature<>("tempo", TempoEstimator.class,
            t -> TempoEstimator.estimate(t.onset, t.onsetLength, t.onsetSegments, t.frameRate, t.energy, t.energyLength,
                    t.energySegments, t.blockRate),
            List.of(number("bpm", "BPM", TempoEstimator.Tempo::bpm),
                    number("bpm_confidence", "", x -> Double.isNaN(x.bpm()) ? Double.NaN : x.confidence())));
    public static final TrackFeature<Double> ONSET_RATE = new TrackFeature<>("onset rate", OnsetRate.class,
            t -> {
                double seconds = t.onsetLength / t.frameRate;
                return seconds > 0 ? OnsetRate.count(t.onset, t.onsetLength, t.frameRate) / seconds : Double.NaN;
            },
            List.of(number("onset_rate", "1/s", x -> x)));
    public static final TrackFeature<Double> DANCEABILITY = new TrackFeature<>("danceability", Danceability.class,
            t -> Danceability.of(t.energy, t.energyLength, t.energySegments),
            List.of(number("danceability", "", x -> x)));
    public static final TrackFeature<KeyEstimator.Key> KEY = new TrackFeature<>("key", KeyEstimator.class,
            t -> t.pitchProfile() == null ? null : KeyEstimator.estimate(t.pitchProfile().pcp(), KeyEstimator.PROFILE),
            List.of(text("key", KeyEstimator.Key::name), text("scale", KeyEstimator.Key::scale),
                    number("key_strength", "", KeyEstimator.Key::strength), text("camelot", KeyEstimator.Key::camelot),
                    text("open_key", KeyEstimator.Key::openKey)));
    public static final TrackFeature<KeyEstimator.Profile> PITCH_PROFILE = new TrackFeature<>("pitch profile", org.trackflow.udfs.tonal.Hpcp.class,
            MergedTrack::pitchProfile,
            List.of(floats("hpcp_mean", "", KeyEstimator.Profile::pcp), number("tuning_hz", "Hz", KeyEstimator.Profile::tuningHz)));
    public static final TrackFeature<float[]> FLUCTUATION = new TrackFeature<>("fluctuation pattern", FluctuationPattern.class,
            t -> FluctuationPattern.mean(t.fluctuationSums, t.fluctuationSegments),
            List.of(floats("fluctuation_pattern", "", x -> x)));
    public static final TrackFeature<LoudnessMeter.Result> LOUDNESS = new TrackFeature<>("loudness", LoudnessMeter.class,
            t -> t.source.loudness(),
            List.of(number("loudness_lufs", "LUFS", LoudnessMeter.Result::integratedLufs),
                    number("loudness_range_lu", "LU", LoudnessMeter.Result::rangeLu),
                    number("peak_dbfs", "dBFS", LoudnessMeter.Result::peakDbfs)));
    public static final TrackFeature<LoudnessMeter.Result> DYNAMIC_COMPLEXITY = new TrackFeature<>("dynamic complexity",
            DynamicComplexity.class, t -> t.source.loudness(),
            List.of(number("dynamic_complexity", "dB", LoudnessMeter.Result::dynamicComplexityLu)));
    public static final TrackFeature<String> FINGERPRINT = new TrackFeature<>("fingerprint", Fingerprinter.class,
            t -> t.source.fingerprint(), List.of(text("fingerprint", x -> x)));

    /** Every whole-track feature, in estimation order. */
    public static final List<TrackFeature<?>> ALL = List.of(TEMPO, ONSET_RATE, DANCEABILITY, KEY, PITCH_PROFILE, FLUCTUATION,
            LOUDNESS, DYNAMIC_COMPLEXITY, FINGERPRINT);

    private WholeTrackFeatures() {}

    /** Every output column of every whole-track feature, in registry order. */
    public static List<TrackFeature.Column<?>> columns() {
        List<TrackFeature.Column<?>> out = new ArrayList<>();
        ALL.forEach(f -> out.addAll(f.columns()));
        return out;
    }
}
