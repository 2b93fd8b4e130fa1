package org.trackflow.udfs.loudness;

import java.util.Arrays;

/**
 * Loudness of the source audio as it is (source rate and channels), fed block by block while decoding:
 * <ul>
 *   <li>Integrated loudness, LUFS (ITU-R BS.1770-4): K-weighting (high-shelf, then high-pass biquad, their
 *       coefficients derived for the actual sample rate as libebur128 does), mean squares per channel
 *       weighted 1.0 (front), 1.41 (surround), 0 (LFE) in the default order of 5.0, 5.1 and 7.1
 *       ({@link #channelWeights}), 400 ms blocks every 100 ms, absolute gate -70 LUFS,
 *       relative gate 10 LU below the absolutely-gated mean.</li>
 *   <li>Loudness range, LU (EBU Tech 3342): short-term (3 s) loudness every 100 ms, absolute gate -70 LUFS,
 *       relative gate 20 LU below their mean, 95th minus 10th percentile.</li>
 *   <li>Sample peak, dBFS: {@code 20 log10(max |x|)} over all channels.</li>
 *   <li>Dynamic complexity, dB: {@link DynamicComplexity}, measured on the mono analysis signal by the decoder
 *       and given to {@link #result(double)}.</li>
 * </ul>
 * The K-weighted energy is kept per 100 ms only (one double per 100 ms of audio: 72 000 for two hours).
 * Values that do not exist (silence, a track shorter than one block) are NaN.
 */
public final class LoudnessMeter {
    private static final double ABSOLUTE_GATE = -70;

    private final int channels;
    private final int subBlock;
    private final double[] weights;
    private final double[][] state; // per channel: x1, x2, y1, y2 of stage 1, then of stage 2
    private final double b0, b1, b2, a1, a2;   // stage 1: high shelf
    private final double c0, c1, c2, d1, d2;   // stage 2: high pass
    private double[] energies = new double[256];
    private int blocks;
    /** First block of the current segment: windows never span two segments (fast-mode excerpts). */
    private int segmentStart;
    private final java.util.List<int[]> segments = new java.util.ArrayList<>();
    private int filled;
    private final double[] partial;
    private double peak;
    private final double[] pairSums = new double[2];

    public LoudnessMeter(int sampleRate, int channels) {
        this.channels = channels;
        this.subBlock = (sampleRate + 5) / 10;
        this.weights = channelWeights(channels);
        this.state = new double[channels][8];
        this.partial = new double[channels];
        // Pre-filter (high shelf, +4 dB above ~1.5 kHz) and RLB high-pass, analog prototypes of BS.1770
        // mapped by the bilinear transform to this rate (libebur128's derivation).
        double f0 = 1681.974450955533;
        double g = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10.0, g / 20.0);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1.0 + k / q + k * k;
        b0 = (vh + vb * k / q + k * k) / a0;
        b1 = 2.0 * (k * k - vh) / a0;
        b2 = (vh - vb * k / q + k * k) / a0;
        a1 = 2.0 * (k * k - 1.0) / a0;
        a2 = (1.0 - k / q + k * k) / a0;
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.tan(Math.PI * f0 / sampleRate);
        c0 = 1.0;
        c1 = -2.0;
        c2 = 1.0;
        d1 = 2.0 * (k * k - 1.0) / (1.0 + k / q + k * k);
        d2 = (1.0 - k / q + k * k) / (1.0 + k / q + k * k);
    }

    /**
     * BS.1770 channel weights G_i for audio in FFmpeg's (WAVE/SMPTE) default channel order, which is also what
     * a file with no channel mask holds and what libebur128 and {@code ffmpeg -af ebur128} assume for it:
     * 5 channels L R C Ls Rs (5.0), 6 channels L R C LFE Ls Rs (5.1), 8 channels L R C LFE Ls Rs Lss Rss
     * (7.1). Front channels weigh 1.0, surrounds 1.41 (+1.5 dB), the LFE 0; mono, stereo and other counts
     * weigh every channel 1.0.
     */
    static double[] channelWeights(int channels) {
        double[] w = new double[channels];
        Arrays.fill(w, 1.0);
        if (channels == 5) {
            w[3] = 1.41;
            w[4] = 1.41;
        } else if (channels == 6 || channels == 8) {
            w[3] = 0;
            for (int c = 4; c < channels; c++) {
                w[c] = 1.41;
            }
        }
        return w;
    }

    /** Adds {@code frames} samples of every channel. */
    public void accept(float[][] audio, int frames) {
        int pos = 0;
        while (pos < frames) {
            int n = Math.min(frames - pos, subBlock - filled);
            int c = 0;
            for (; c + 1 < channels; c += 2) {
                filterPair(audio[c], audio[c + 1], pos, n, state[c], state[c + 1], pairSums);
                partial[c] += pairSums[0];
                partial[c + 1] += pairSums[1];
            }
            if (c < channels) {
                partial[c] += filter(audio[c], pos, n, state[c]);
            }
            filled += n;
            pos += n;
            if (filled == subBlock) {
                double z = 0;
                for (int ch = 0; ch < channels; ch++) {
                    z += weights[ch] * partial[ch] / subBlock;
                    partial[ch] = 0;
                }
                if (blocks == energies.length) {
                    energies = Arrays.copyOf(energies, blocks * 2);
                }
                energies[blocks++] = z;
                filled = 0;
            }
        }
    }

    /**
     * {@link #filter} of two channels in one loop: each channel's recursion is a chain of dependent
     * multiply-adds, and two independent chains keep the FPU busy while either waits. Each channel's
     * arithmetic is {@link #filter}'s, in the same order; the peak is a maximum, which no order changes.
     */
    private void filterPair(float[] x, float[] y, int from, int n, double[] s, double[] t, double[] sums) {
        double x1 = s[0], x2 = s[1], y1 = s[2], y2 = s[3];
        double u1 = s[4], u2 = s[5], v1 = s[6], v2 = s[7];
        double p1 = t[0], p2 = t[1], q1 = t[2], q2 = t[3];
        double r1 = t[4], r2 = t[5], w1 = t[6], w2 = t[7];
        double sum = 0;
        double sum2 = 0;
        double pk = peak;
        for (int i = from; i < from + n; i++) {
            double in = x[i];
            double in2 = y[i];
            double a = Math.abs(in);
            if (a > pk) {
                pk = a;
            }
            double a2b = Math.abs(in2);
            if (a2b > pk) {
                pk = a2b;
            }
            double yy = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            double qq = b0 * in2 + b1 * p1 + b2 * p2 - a1 * q1 - a2 * q2;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = yy;
            p2 = p1;
            p1 = in2;
            q2 = q1;
            q1 = qq;
            double v = c0 * yy + c1 * u1 + c2 * u2 - d1 * v1 - d2 * v2;
            double w = c0 * qq + c1 * r1 + c2 * r2 - d1 * w1 - d2 * w2;
            u2 = u1;
            u1 = yy;
            v2 = v1;
            v1 = v;
            r2 = r1;
            r1 = qq;
            w2 = w1;
            w1 = w;
            sum += v * v;
            sum2 += w * w;
        }
        s[0] = x1; s[1] = x2; s[2] = y1; s[3] = y2;
        s[4] = u1; s[5] = u2; s[6] = v1; s[7] = v2;
        t[0] = p1; t[1] = p2; t[2] = q1; t[3] = q2;
        t[4] = r1; t[5] = r2; t[6] = w1; t[7] = w2;
        peak = pk;
        sums[0] = sum;
        sums[1] = sum2;
    }

    /** K-weights x[from .. from + n) through the two biquads, returns the sum of squares; tracks the peak. */
    private double filter(float[] x, int from, int n, double[] s) {
        double x1 = s[0], x2 = s[1], y1 = s[2], y2 = s[3];
        double u1 = s[4], u2 = s[5], v1 = s[6], v2 = s[7];
        double sum = 0;
        double pk = peak;
        for (int i = from; i < from + n; i++) {
            double in = x[i];
            double a = Math.abs(in);
            if (a > pk) {
                pk = a;
            }
            double y = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            double v = c0 * y + c1 * u1 + c2 * u2 - d1 * v1 - d2 * v2;
            u2 = u1;
            u1 = y;
            v2 = v1;
            v1 = v;
            sum += v * v;
        }
        s[0] = x1; s[1] = x2; s[2] = y1; s[3] = y2;
        s[4] = u1; s[5] = u2; s[6] = v1; s[7] = v2;
        peak = pk;
        return sum;
    }

    /**
     * Starts a new, non-contiguous stretch of audio (an excerpt): filter state and the partial 100 ms block
     * are dropped, and no gating window spans the break.
     */
    public void segmentBreak() {
        if (blocks > segmentStart) {
            segments.add(new int[] {segmentStart, blocks});
        }
        segmentStart = blocks;
        filled = 0;
        java.util.Arrays.fill(partial, 0);
        for (double[] st : state) {
            java.util.Arrays.fill(st, 0);
        }
    }

    /** The measures over everything accepted so far; dynamic complexity NaN. */
    public Result result() {
        return result(Double.NaN);
    }

    /** The measures over everything accepted so far, with the dynamic complexity measured elsewhere. */
    public Result result(double dynamicComplexity) {
        double[] momentary = windows(4);
        double integrated = gatedLoudness(momentary, 10);
        double[] shortTerm = windows(30);
        return new Result(integrated, loudnessRange(shortTerm), peak > 0 ? 20 * Math.log10(peak) : Double.NaN,
                dynamicComplexity);
    }

    /** Integrated loudness, loudness range, sample peak, dynamic complexity: NaN where undefined. */
    public record Result(double integratedLufs, double rangeLu, double peakDbfs, double dynamicComplexityLu) {}

    /** Mean energy of each window of {@code size} consecutive 100 ms blocks (step 100 ms) in one segment. */
    private double[] windows(int size) {
        java.util.List<int[]> all = new java.util.ArrayList<>(segments);
        if (blocks > segmentStart) {
            all.add(new int[] {segmentStart, blocks});
        }
        double[] out = new double[Math.max(0, blocks)];
        int n = 0;
        for (int[] seg : all) {
            double acc = 0;
            for (int i = seg[0]; i < seg[1]; i++) {
                acc += energies[i];
                if (i - seg[0] >= size) {
                    acc -= energies[i - size];
                }
                if (i - seg[0] >= size - 1) {
                    out[n++] = Math.max(0, acc) / size;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static double lufs(double energy) {
        return -0.691 + 10 * Math.log10(energy);
    }

    /** Mean energy of the windows above the absolute gate (-70 LUFS), NaN if none is. */
    private static double absolutelyGatedMean(double[] z) {
        double sum = 0;
        int n = 0;
        for (double e : z) {
            if (lufs(e) > ABSOLUTE_GATE) {
                sum += e;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** BS.1770 gating: absolute gate, then {@code relativeGate} LU below the absolutely-gated mean. */
    private static double gatedLoudness(double[] z, double relativeGate) {
        double mean = absolutelyGatedMean(z);
        if (Double.isNaN(mean)) {
            return Double.NaN;
        }
        double threshold = lufs(mean) - relativeGate;
        double sum = 0;
        int n = 0;
        for (double e : z) {
            double l = lufs(e);
            if (l > ABSOLUTE_GATE && l > threshold) {
                sum += e;
                n++;
            }
        }
        return n == 0 ? Double.NaN : lufs(sum / n);
    }

    /** Short-term loudness values above the absolute gate and 20 LU below their energy mean. */
    private static double[] gatedShortTerm(double[] z) {
        double mean = absolutelyGatedMean(z);
        if (Double.isNaN(mean)) {
            return new double[0];
        }
        double threshold = lufs(mean) - 20;
        return Arrays.stream(z).map(LoudnessMeter::lufs).filter(l -> l > ABSOLUTE_GATE && l > threshold).toArray();
    }

    private static double loudnessRange(double[] shortTerm) {
        double[] l = gatedShortTerm(shortTerm);
        if (l.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(l);
        int lo = (int) Math.round((l.length - 1) * 0.10);
        int hi = (int) Math.round((l.length - 1) * 0.95);
        return l[hi] - l[lo];
    }
}
