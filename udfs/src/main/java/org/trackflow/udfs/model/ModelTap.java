package org.trackflow.udfs.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.udfs.decode.MonoResampler;

/**
 * The learned models' ear on one track's decode: each model's {@link ModelStream} gets the analysis signal
 * when the model wants the analysis rate (the same audio the features read), or else the source downmixed and
 * resampled to its rate: one swresample per rate, whose output every model at that rate reads (a resampler is
 * deterministic, so sharing it changes no sample). A model that fails on the track stops listening and says
 * why; the others, and the track's features, go on; a rate no model still listens at is no longer resampled.
 */
public final class ModelTap implements AudioListener, AutoCloseable {
    /** A model's outcome on the track: its vector, or why there is none. */
    public record Outcome(String name, String sha256, float[] vector, String error) {}

    private final List<ModelSpec> specs;
    private final List<ModelStream> streams = new ArrayList<>();
    /** The rates other than the analysis rate that models want, each one's resampler made at the first source audio. */
    private final Map<Integer, MonoResampler> resamplers = new LinkedHashMap<>();
    private final int[] rates;
    private final String[] errors;
    private final int analysisRate;

    public ModelTap(List<ModelSpec> specs, List<OnnxModel> sessions, int analysisRate) {
        this.specs = specs;
        this.analysisRate = analysisRate;
        this.errors = new String[specs.size()];
        for (int m = 0; m < specs.size(); m++) {
            streams.add(new ModelStream(sessions.get(m)));
        }
        this.rates = specs.stream().mapToInt(s -> s.card().rate()).filter(r -> r != analysisRate).distinct().toArray();
    }

    @Override
    public void sourceAudio(float[][] channels, int frames, int sampleRate) {
        for (int rate : rates) {
            if (!listening(rate)) {
                continue;
            }
            MonoResampler r = resamplers.get(rate);
            if (r == null) {
                r = new MonoResampler(sampleRate, rate, (samples, length) -> feedAll(rate, samples, length));
                resamplers.put(rate, r);
            }
            r.accept(channels, channels.length, frames);
        }
    }

    @Override
    public void analysisAudio(float[] samples, int length) {
        feedAll(analysisRate, samples, length);
    }

    private int rate(int m) {
        return specs.get(m).card().rate();
    }

    /** Some model at {@code rate} has not failed. */
    private boolean listening(int rate) {
        for (int m = 0; m < streams.size(); m++) {
            if (rate(m) == rate && errors[m] == null) {
                return true;
            }
        }
        return false;
    }

    private void feedAll(int rate, float[] samples, int length) {
        for (int m = 0; m < streams.size(); m++) {
            if (rate(m) != rate || errors[m] != null) {
                continue;
            }
            try {
                streams.get(m).accept(samples, length);
            } catch (Exception e) {
                errors[m] = message(e);
            }
        }
    }

    /** Resamplers made for this track: one per rate, however many models read it. */
    int resamplers() {
        return resamplers.size();
    }

    /** Each model's outcome, once the track's audio has all come. */
    public List<Outcome> finish() {
        resamplers.forEach((rate, r) -> {
            if (listening(rate)) {
                r.flush();
            }
        });
        List<Outcome> out = new ArrayList<>();
        for (int m = 0; m < streams.size(); m++) {
            ModelSpec spec = specs.get(m);
            float[] vector = null;
            if (errors[m] == null) {
                try {
                    vector = streams.get(m).finish();
                    if (vector == null) {
                        errors[m] = "too short for one output frame";
                    }
                } catch (Exception e) {
                    errors[m] = message(e);
                }
            }
            out.add(new Outcome(spec.card().name(), spec.sha256(), errors[m] == null ? vector : null, errors[m]));
        }
        return out;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        resamplers.values().forEach(MonoResampler::close);
    }
}
