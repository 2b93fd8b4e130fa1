package org.trackflow.udfs.rhythm;

/**
 * Onsets per second: peaks of the onset-strength envelope, picked as {@code librosa.onset.onset_detect}
 * does: the envelope is scaled to [0, 1]; frame n is an onset when it is the maximum of
 * {@code [n - 1, n]}, exceeds the mean of {@code [n - 4, n + 4]} by 0.07, and comes more than one frame
 * after the previous onset (30 ms / 100 ms windows at 22 050 Hz, hop 512). Counted over the whole
 * track, so chunking does not change it.
 */
public final class OnsetRate {
    private static final double DELTA = 0.07;

    private OnsetRate() {}

    /** Onset frame count over the envelope. */
    public static int count(float[] onset, int n, double frameRate) {
        if (n == 0) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, onset[i]);
            max = Math.max(max, onset[i]);
        }
        if (!(max > min)) {
            return 0;
        }
        int preMax = (int) (0.03 * frameRate);
        int postMax = 1;
        int preAvg = (int) (0.10 * frameRate);
        int postAvg = (int) (0.10 * frameRate) + 1;
        int wait = (int) (0.03 * frameRate);
        double scale = 1 / (max - min);
        int count = 0;
        int last = -wait - 1;
        for (int i = 0; i < n; i++) {
            double x = (onset[i] - min) * scale;
            boolean isMax = true;
            for (int j = Math.max(0, i - preMax); j < Math.min(n, i + postMax); j++) {
                if ((onset[j] - min) * scale > x) {
                    isMax = false;
                    break;
                }
            }
            if (!isMax) {
                continue;
            }
            double avg = 0;
            int from = Math.max(0, i - preAvg);
            int to = Math.min(n, i + postAvg);
            for (int j = from; j < to; j++) {
                avg += (onset[j] - min) * scale;
            }
            avg /= (to - from);
            if (x >= avg + DELTA && i - last > wait) {
                count++;
                last = i;
            }
        }
        return count;
    }
}
