package org.trackflow.udfs.model;

/** Test help: a track's audio through a model's stream in pieces of {@code piece} samples. */
final class Streams {
    private Streams() {}

    static float[] run(OnnxModel model, float[] audio, int piece) throws Exception {
        ModelStream stream = new ModelStream(model);
        for (int at = 0; at < audio.length; at += piece) {
            int n = Math.min(piece, audio.length - at);
            stream.accept(java.util.Arrays.copyOfRange(audio, at, at + n), n);
        }
        return stream.finish();
    }
}
