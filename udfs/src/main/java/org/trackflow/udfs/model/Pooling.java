package org.trackflow.udfs.model;

/**
 * A track's vector from a model's frames: the mean, the mean and standard deviation, or the maximum of each
 * output dimension over every frame of the track, in the order the frames come (sums in double, so the same
 * frames give the same vector bit for bit).
 */
final class Pooling {
    private final String kind;
    private double[] sum;
    private double[] sumSq;
    private float[] max;
    private long frames;

    Pooling(String kind) {
        this.kind = kind;
    }

    void add(float[] frame) {
        if (sum == null) {
            sum = new double[frame.length];
            sumSq = new double[frame.length];
            max = new float[frame.length];
            java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        }
        for (int d = 0; d < frame.length; d++) {
            sum[d] += frame[d];
            sumSq[d] += (double) frame[d] * frame[d];
            max[d] = Math.max(max[d], frame[d]);
        }
        frames++;
    }

    /** The pooled vector, or null when no frame came. */
    float[] result() {
        if (frames == 0) {
            return null;
        }
        int n = sum.length;
        return switch (kind) {
            case "max" -> max.clone();
            case "mean-std" -> {
                float[] out = new float[2 * n];
                for (int d = 0; d < n; d++) {
                    double mean = sum[d] / frames;
                    out[d] = (float) mean;
                    out[n + d] = (float) Math.sqrt(Math.max(0, sumSq[d] / frames - mean * mean));
                }
                yield out;
            }
            default -> {
                float[] out = new float[n];
                for (int d = 0; d < n; d++) {
                    out[d] = (float) (sum[d] / frames);
                }
                yield out;
            }
        };
    }
}
