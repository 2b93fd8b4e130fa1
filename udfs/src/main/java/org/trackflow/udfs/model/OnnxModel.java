package org.trackflow.udfs.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session of a model (ONNX Runtime's Java API, native library from its jar): loaded once per
 * task slot and reused for every track, one intra-op thread and one inter-op thread, since the slots are the
 * parallelism (a slot is one core's share; more threads per session would oversubscribe them). Runs a batch
 * of inputs of the card's shape and returns each named output as {@code [batch][frames][dims]}.
 */
public final class OnnxModel implements AutoCloseable {
    private final ModelCard card;
    private final OrtEnvironment env;
    private final OrtSession session;
    /** The input's shape after the batch dimension (e.g. {@code [43844, 1]} or {@code [187, 96]}). */
    private final long[] itemShape;
    /** A batch size the graph fixes (an export with a fixed batch), or 0 when any goes. */
    private final int fixedBatch;

    public OnnxModel(Path file, ModelCard card) throws OrtException {
        this.card = card;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            this.session = env.createSession(file.toString(), options);
        }
        NodeInfo in = session.getInputInfo().get(card.inputTensor());
        if (in == null) {
            String have = String.join(", ", session.getInputNames());
            session.close();
            throw new IllegalArgumentException("card " + card.name() + ": input tensor " + card.inputTensor() + " is not in the model (it has " + have + ")");
        }
        for (String out : card.outputs()) {
            if (!session.getOutputNames().contains(out)) {
                String have = String.join(", ", session.getOutputNames());
                session.close();
                throw new IllegalArgumentException("card " + card.name() + ": output " + out + " is not in the model (it has " + have + ")");
            }
        }
        long[] shape = ((TensorInfo) in.getInfo()).getShape();
        this.itemShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        this.fixedBatch = shape[0] > 0 ? (int) shape[0] : 0;
        for (int i = 0; i < itemShape.length; i++) {
            if (itemShape[i] < 0) {
                session.close();
                throw new IllegalArgumentException("card " + card.name() + ": the model's input has an open dimension besides the batch");
            }
        }
    }

    public ModelCard card() {
        return card;
    }

    /** Floats in one input item. */
    public int itemSize() {
        long n = 1;
        for (long d : itemShape) {
            n *= d;
        }
        return (int) n;
    }

    /**
     * Runs {@code items} inputs (each {@link #itemSize} floats, laid out as the model's input shape) in one
     * batch; the card's outputs by their names, each {@code [item][frame][dim]} (a 2-D output is one frame).
     */
    public Map<String, float[][][]> run(List<float[]> items) throws OrtException {
        if (fixedBatch > 0 && items.size() < fixedBatch) {
            // a graph of fixed batch size: zeros fill the batch, their outputs are dropped
            List<float[]> full = new ArrayList<>(items);
            while (full.size() < fixedBatch) {
                full.add(new float[itemSize()]);
            }
            Map<String, float[][][]> out = run(full);
            out.replaceAll((name, v) -> java.util.Arrays.copyOf(v, items.size()));
            return out;
        }
        int n = items.size();
        FloatBuffer buffer = FloatBuffer.allocate(n * itemSize());
        for (float[] item : items) {
            buffer.put(item);
        }
        buffer.flip();
        long[] shape = new long[itemShape.length + 1];
        shape[0] = n;
        System.arraycopy(itemShape, 0, shape, 1, itemShape.length);
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, shape);
             OrtSession.Result result = session.run(Map.of(card.inputTensor(), input), new java.util.LinkedHashSet<>(card.outputs()))) {
            Map<String, float[][][]> out = new java.util.LinkedHashMap<>();
            for (int k = 0; k < card.outputs().size(); k++) {
                Object value = result.get(card.outputs().get(k)).orElseThrow().getValue();
                out.put(card.outputNames().get(k), frames(value));
            }
            return out;
        }
    }

    private static float[][][] frames(Object value) {
        if (value instanceof float[][][] v) {
            return v;
        }
        if (value instanceof float[][] v) {
            float[][][] out = new float[v.length][][];
            for (int i = 0; i < v.length; i++) {
                out[i] = new float[][] {v[i]};
            }
            return out;
        }
        throw new IllegalArgumentException("an output of rank other than 2 or 3: " + value.getClass().getSimpleName());
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
