package org.trackflow.udfs.temporal;

/**
 * Root mean square of a frame's raw samples: {@code sqrt(mean(x^2))} over the full frame length
 * (zero padding included), as {@code librosa.feature.rms(y=..., center=False)}.
 */
public final class Rms {
    private Rms() {}

    public static double of(double[] frame) {
        double sum = 0;
        for (double x : frame) {
            sum += x * x;
        }
        return Math.sqrt(sum / frame.length);
    }
}
