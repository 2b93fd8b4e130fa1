package org.trackflow.udfs.model;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One track through one model, as its audio streams in (mono at the card's rate, in order). A raw-input model
 * gets windows of samples on one grid from the track's first sample ({@code pad} zeros before it, window
 * {@code k} starting at {@code k * hop}); a front-end model ({@code musicnn}, {@code vggish}) gets patches of
 * {@code window} mel frames every {@code hop} frames from {@link MelFrontEnd}. Windows run in batches of the
 * card's size, each one's output frames but the {@code trim-frames} at either side (where windows overlap)
 * pooled in window order; the last window is filled with zeros. The grid depends on the track alone, never on
 * how the audio was chunked or which slot runs it, and one thread runs a session, so the vector is the same
 * bit for bit at any parallelism and chunk size.
 */
public final class ModelStream {
    private final OnnxModel model;
    private final ModelCard card;
    private final Pooling pooling;
    private final PitchProfile profile;
    /** The padded input from {@link #bufferStart} on: samples, or a front end's frames of bands one after another. */
    private float[] buffer = new float[1 << 16];
    private long bufferStart;
    private int buffered;
    /** Floats of the padded input so far (the pad included); {@link #samples}: steps of the track (samples or frames). */
    private long padded;
    private long samples;
    private int nextWindow;
    private final List<float[]> batch = new ArrayList<>();
    private final List<Integer> batchWindows = new ArrayList<>();

    /** A front-end model's mel front end (null for raw input), and the floats one step of the input holds. */
    private final MelFrontEnd frontEnd;
    private final int bands;
    private OrtException failure;

    public ModelStream(OnnxModel model) {
        this.model = model;
        this.card = model.card();
        this.pooling = card.pooling().equals("basic-pitch") ? null : new Pooling(card.pooling());
        this.profile = card.pooling().equals("basic-pitch") ? new PitchProfile() : null;
        if (card.input().equals("raw")) {
            this.frontEnd = null;
            this.bands = 1;
        } else {
            MelFrontEnd.Kind kind = MelFrontEnd.of(card.input());
            this.bands = kind.bands();
            this.frontEnd = new MelFrontEnd(kind, this::frame);
        }
        append(new float[card.pad() * bands], card.pad() * bands);
    }

    /** The next {@code n} samples of the track. */
    public void accept(float[] s, int n) throws OrtException {
        if (frontEnd != null) {
            frontEnd.accept(s, n);
            rethrow();
            return;
        }
        append(s, n);
        samples += n;
        cutReady();
    }

    /** A mel frame from the front end: one step of the patches' grid. */
    private void frame(float[] f) {
        if (failure != null) {
            return;
        }
        append(f, f.length);
        samples++;
        try {
            cutReady();
        } catch (OrtException e) {
            failure = e;
        }
    }

    private void rethrow() throws OrtException {
        if (failure != null) {
            throw failure;
        }
    }

    /** Steps of the padded input so far. */
    private long steps() {
        return padded / bands;
    }

    private void cutReady() throws OrtException {
        while (start(nextWindow) + card.window() <= steps()) {
            cut(nextWindow++);
        }
    }

    /** The track's vector once its audio has all come (null for a track too short for one output frame). */
    public float[] finish() throws OrtException {
        if (frontEnd != null) {
            frontEnd.finish();
            rethrow();
        }
        while (start(nextWindow) < steps()) {
            cut(nextWindow++);
        }
        run();
        return pooling != null ? pooling.result() : profile.result();
    }

    private long start(int window) {
        return (long) window * card.hop();
    }

    private void append(float[] s, int n) {
        if (buffered + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + n));
        }
        System.arraycopy(s, 0, buffer, buffered, n);
        buffered += n;
        padded += n;
    }

    /** Window {@code k} (zero-filled past the end) into the batch; the samples before the next window dropped. */
    private void cut(int k) throws OrtException {
        float[] item = new float[card.window() * bands];
        int from = (int) (start(k) * bands - bufferStart);
        System.arraycopy(buffer, from, item, 0, Math.max(0, Math.min(card.window() * bands, buffered - from)));
        batch.add(item);
        batchWindows.add(k);
        int drop = (int) Math.min(buffered, start(k + 1) * bands - bufferStart);
        System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
        buffered -= drop;
        bufferStart += drop;
        if (batch.size() == card.batch()) {
            run();
        }
    }

    private void run() throws OrtException {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, float[][][]> out = model.run(batch);
        float[][][] main = out.get(card.embedding());
        for (int i = 0; i < batch.size(); i++) {
            int frames = main[i].length;
            for (int j = card.trimFrames(); j < frames - card.trimFrames(); j++) {
                // the frame's time in the track, in samples: past the end is the zeros of the last window
                double at = start(batchWindows.get(i)) - card.pad() + (double) j * card.window() / frames;
                if (at >= samples) {
                    break;
                }
                if (profile != null) {
                    profile.add(out.get("note")[i][j], out.get("onset")[i][j]);
                } else {
                    pooling.add(main[i][j]);
                }
            }
        }
        batch.clear();
        batchWindows.clear();
    }
}
