package org.trackflow.udfs.model;

import java.util.ArrayList;
import java.util.List;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.udfs.decode.MonoResampler;

/**
 * The learned models' ear on one track's decode: each model's {@link ModelStream} gets the analysis signal
 * when the model wants the analysis rate (the same audio the features read), or else the source downmixed and
 * resampled to its rate by its own swresample (once per rate a model needs). A model that fails on the track
 * stops listening and says why; the others, and the track's features, go on.
 */
public final class ModelTap implements AudioListener, AutoCloseable {
    /** A model's outcome on the track: its vector, or why there is none. */
    public record Outcome(String name, String sha256, float[] vector, String error) {}

    private final List<ModelSpec> specs;
    private final List<ModelStream> streams = new ArrayList<>();
    private final List<MonoResampler> resamplers = new ArrayList<>();
    private final String[] errors;
    private final int analysisRate;

    public ModelTap(List<ModelSpec> specs, List<OnnxModel> sessions, int analysisRate) {
        this.specs = specs;
        this.analysisRate = analysisRate;
        this.errors = new String[specs.size()];
        for (int m = 0; m < specs.size(); m++) {
            streams.add(new ModelStream(sessions.get(m)));
            resamplers.add(null);
        }
    }

    @Override
    public void sourceAudio(float[][] channels, int frames, int sampleRate) {
        for (int m = 0; m < streams.size(); m++) {
            int rate = specs.get(m).card().rate();
            if (rate == analysisRate || errors[m] != null) {
                continue;
            }
            if (resamplers.get(m) == null) {
                ModelStream stream = streams.get(m);
                int model = m;
                resamplers.set(m, new MonoResampler(sampleRate, rate, (samples, length) -> feed(model, stream, samples, length)));
            }
            resamplers.get(m).accept(channels, channels.length, frames);
        }
    }

    @Override
    public void analysisAudio(float[] samples, int length) {
        for (int m = 0; m < streams.size(); m++) {
            if (specs.get(m).card().rate() == analysisRate && errors[m] == null) {
                feed(m, streams.get(m), samples, length);
            }
        }
    }

    private void feed(int m, ModelStream stream, float[] samples, int length) {
        if (errors[m] != null) {
            return;
        }
        try {
            stream.accept(samples, length);
        } catch (Exception e) {
            errors[m] = message(e);
        }
    }

    /** Each model's outcome, once the track's audio has all come. */
    public List<Outcome> finish() {
        List<Outcome> out = new ArrayList<>();
        for (int m = 0; m < streams.size(); m++) {
            ModelSpec spec = specs.get(m);
            if (resamplers.get(m) != null && errors[m] == null) {
                resamplers.get(m).flush();
            }
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
        for (MonoResampler r : resamplers) {
            if (r != null) {
                r.close();
            }
        }
    }
}
