package org.trackflow.udfs.rhythm;

/**
 * Global tempo of a track from its onset-strength envelope: the beat period the classical trackers choose,
 * refined, then a check of the metrical level on energy accents for unmistakable cases.
 *
 * <ol>
 *   <li>Beat period: Davies and Plumbley's comb filterbank with Rayleigh weighting and Viterbi decoding over
 *       6 s windows ({@link BeatPeriod}, as QM's TempoTrackV2; Essentia's TempoTapDegara weights periods the
 *       same way): the median of the decoded path. When that period has no pulse (below) the path's most
 *       common period is tried: a path that wanders through passages without a pulse can have a median that
 *       no passage has (a 7-minute electronic piece at 160 BPM had confidence 0.00 at its median, 0.69 at
 *       its mode). Tracks too short for two windows (under 7.5 s) use the same comb and weighting on the
 *       whole-track autocorrelation.</li>
 *   <li>Refinement on the whole-track autocorrelation {@code r(l)} of the mean-removed envelope (normalised by
 *       overlap): least squares through the parabolic peaks of r near the period's first four multiples.</li>
 *   <li>Metrical level, on the energy envelope ({@link EnergyBlocks}, 10 ms; beats at the phase of strongest
 *       energy rise, levels measured above the median over all phases). Halve when the alternate beats carry
 *       under {@value #WEAK_RATIO} of the beats' accent and the accents stand {@value #HALVE_CONTRAST} times above
 *       the level at a random phase (drum machines and click tracks at 60-70 BPM, which the weighting puts at
 *       120-140). Double, below {@value #DOUBLE_BELOW} BPM, when the points half-way between beats carry at least
 *       {@value #ACCENT_RATIO} of the beats' accent and that ratio times the contrast is {@value #DOUBLE_SCORE} or
 *       more: equally strong, clean hits at twice the rate (drum and bass at 174, punk at 180, which the
 *       weighting halves). Dense mixes have contrasts of 0.1-4 and keep the trackers' level; on the accuracy
 *       corpus (bench/results/accuracy.md) no real recording triggers either rule.</li>
 * </ol>
 * Confidence is {@code r(period) / r(0)}, clipped to [0, 1]: how periodic the onsets are at that tempo.
 *
 * <p><b>No pulse, no tempo.</b> The tempo is unknown (NaN, a null {@code bpm}) when the onset envelope has no
 * periodic part worth the name: confidence below {@value #MIN_CONFIDENCE} (noise, a few level steps), or a
 * periodic part {@code sqrt(r(period))} below {@value #MIN_PULSE_DB} dB per mel band (a steady tone or drone,
 * whose frame-to-frame rises are numerical ripple, however regular). A tempo is never outside
 * {@value #MIN_BPM}-{@value #MAX_BPM} BPM.
 */
public final class TempoEstimator {
    public static final double MIN_BPM = 40;
    public static final double MAX_BPM = 220;
    /** Alternate beats weaker than this share of the beats' accent are not beats (halving). */
    static final double WEAK_RATIO = 0.05;
    /** Halve only when the beats' accent stands this many times above the level at a random phase. */
    static final double HALVE_CONTRAST = 10;
    /** Midpoints with at least this share of the beats' accent may be beats (doubling). */
    static final double ACCENT_RATIO = 0.3;
    /** Double when the midpoint ratio times the accent contrast reaches this. */
    static final double DOUBLE_SCORE = 2.5;
    /** Doubling is considered below this tempo only. */
    static final double DOUBLE_BELOW = 110;
    /** Below this confidence the onsets are not periodic: no tempo. */
    static final double MIN_CONFIDENCE = 0.05;
    /** Below this amplitude (dB per mel band) of the periodic part of the onset envelope: no tempo. */
    static final double MIN_PULSE_DB = 0.05;
    private static final int MULTIPLES = 4;
    private static final double MIN_SECONDS = 4;

    /** A tempo in BPM and a confidence in [0, 1]; {@code bpm} is NaN when the track is too short, silent or has no pulse. */
    public record Tempo(double bpm, double confidence) {
        static final Tempo UNKNOWN = new Tempo(Double.NaN, 0);
    }

    private TempoEstimator() {}

    /**
     * @param onset onset strength per frame, {@code frameRate} frames per second
     * @param energy 10 ms block standard deviations, {@code blockRate} blocks per second
     */
    public static Tempo estimate(float[] onset, int frames, double frameRate, float[] energy, int blocks, double blockRate) {
        return estimate(onset, frames, new int[] {0}, frameRate, energy, blocks, new int[] {0}, blockRate);
    }

    /**
     * As {@link #estimate(float[], int, double, float[], int, double)} for envelopes made of segments
     * (fast-mode excerpts, starting at the given offsets): autocorrelation products never pair frames of
     * two segments, and the accent check uses the longest segment.
     */
    public static Tempo estimate(float[] onset, int frames, int[] onsetSegments, double frameRate,
                                 float[] energy, int blocks, int[] energySegments, double blockRate) {
        if (frames < MIN_SECONDS * frameRate) {
            return Tempo.UNKNOWN;
        }
        double[] r = autocorrelation(onset, frames, onsetSegments, (int) Math.ceil(MULTIPLES * 60 * frameRate / MIN_BPM) + 2);
        if (!(r[0] > 0)) {
            return Tempo.UNKNOWN;
        }
        BeatPeriod.Path path = BeatPeriod.periods(onset, frames, onsetSegments);
        double[] accents = risingEdges(longestSegment(energy, blocks, energySegments));
        double toBlocks = blockRate / frameRate;
        if (path == null) {
            return atPeriod(wholeTrackComb(r, frameRate), r, accents, frameRate, toBlocks);
        }
        Tempo tempo = atPeriod(path.median(), r, accents, frameRate, toBlocks);
        // A path that wanders through passages without a pulse can have a median that no passage has, with
        // no periodic support on the whole track, where its most common period has it.
        return Double.isNaN(tempo.bpm()) && path.mode() != path.median()
                ? atPeriod(path.mode(), r, accents, frameRate, toBlocks) : tempo;
    }

    /** The tempo from beat period {@code p0} (frames): refined, its metrical level checked, its pulse measured. */
    private static Tempo atPeriod(double p0, double[] r, double[] accents, double frameRate, double toBlocks) {
        double period = refine(r, p0);
        double half = refine(r, 2 * p0);
        double[] down = accent(accents, half * toBlocks);
        double[] up = accent(accents, period * toBlocks);
        if (60 * frameRate / half >= MIN_BPM && down[0] < WEAK_RATIO && down[1] >= HALVE_CONTRAST) {
            period = half;
        } else if (60 * frameRate / period < DOUBLE_BELOW && up[0] >= ACCENT_RATIO && up[0] * up[1] >= DOUBLE_SCORE) {
            period = refine(r, p0 / 2);
        }
        if (60 * frameRate / period < MIN_BPM || 60 * frameRate / period > MAX_BPM) {
            period = Math.max(60 * frameRate / MAX_BPM, Math.min(60 * frameRate / MIN_BPM, p0));
        }
        double periodic = interpolate(r, period);
        double confidence = Math.max(0, Math.min(1, periodic / r[0]));
        if (confidence < MIN_CONFIDENCE || Math.sqrt(Math.max(0, periodic)) < MIN_PULSE_DB) {
            return Tempo.UNKNOWN;
        }
        return new Tempo(60 * frameRate / period, confidence);
    }

    /** Autocorrelation of the mean-removed envelope, summed within segments, normalised by pair count. */
    static double[] autocorrelation(float[] x, int n, int[] segmentStarts, int maxLag) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = x[i] - mean;
        }
        int longest = 0;
        for (int s = 0; s < segmentStarts.length; s++) {
            longest = Math.max(longest, segmentEnd(segmentStarts, s, n) - segmentStarts[s]);
        }
        int lags = Math.min(maxLag, longest - 1) + 1;
        double[] r = new double[Math.max(1, lags)];
        for (int l = 0; l < lags; l++) {
            double acc = 0;
            long pairs = 0;
            for (int s = 0; s < segmentStarts.length; s++) {
                int end = segmentEnd(segmentStarts, s, n);
                for (int t = segmentStarts[s]; t + l < end; t++) {
                    acc += c[t] * c[t + l];
                }
                pairs += Math.max(0, end - segmentStarts[s] - l);
            }
            r[l] = pairs > 0 ? acc / pairs : 0;
        }
        return r;
    }

    private static int segmentEnd(int[] starts, int s, int n) {
        return s + 1 < starts.length ? starts[s + 1] : n;
    }

    private static float[] longestSegment(float[] x, int n, int[] starts) {
        int best = 0;
        for (int s = 1; s < starts.length; s++) {
            if (segmentEnd(starts, s, n) - starts[s] > segmentEnd(starts, best, n) - starts[best]) {
                best = s;
            }
        }
        return java.util.Arrays.copyOfRange(x, starts[best], segmentEnd(starts, best, n));
    }

    /** The comb and Rayleigh weighting of {@link BeatPeriod} on the whole-track autocorrelation: a period in frames. */
    private static double wholeTrackComb(double[] r, double frameRate) {
        double beta = 60 * frameRate / 120;
        double best = 60 * frameRate / 120;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double bpm = MIN_BPM; bpm <= MAX_BPM + 1e-9; bpm += 0.05) {
            double p = 60 * frameRate / bpm;
            double comb = 0;
            for (int a = 1; a <= MULTIPLES && a * p + 0.5 * (a - 1) < r.length - 1; a++) {
                double m = 0;
                for (int b = 1 - a; b <= a - 1; b++) {
                    m += interpolate(r, a * p + 0.5 * b);
                }
                comb += m / (2 * a - 1);
            }
            double score = comb * p / (beta * beta) * Math.exp(-p * p / (2 * beta * beta));
            if (score > bestScore) {
                bestScore = score;
                best = p;
            }
        }
        return best;
    }

    private static double interpolate(double[] r, double lag) {
        int i = (int) Math.floor(lag);
        if (i >= r.length - 1) {
            return r[r.length - 1];
        }
        double f = lag - i;
        return r[i] * (1 - f) + r[i + 1] * f;
    }

    private static double[] risingEdges(float[] energy) {
        int n = energy.length;
        double[] e = new double[n];
        for (int i = 1; i < n; i++) {
            e[i] = Math.max(0, energy[i] - energy[i - 1]);
        }
        return e;
    }

    /**
     * {ratio, contrast} of the accents at a period (in blocks): beats at the phase of strongest mean rise; ratio =
     * the midpoints' level over the beats' level, contrast = the beats' level over the median level of all
     * phases (the level at a random position), both measured above that median. {0, 0} when too short.
     */
    static double[] accent(double[] accents, double period) {
        if (accents.length < 2 * period) {
            return new double[] {0, 0};
        }
        int phases = (int) Math.ceil(period / 0.5);
        double[] levels = new double[phases];
        double bestOn = -1;
        double bestPhase = 0;
        for (int k = 0; k < phases; k++) {
            levels[k] = pulse(accents, 0.5 * k, period);
            if (levels[k] > bestOn) {
                bestOn = levels[k];
                bestPhase = 0.5 * k;
            }
        }
        java.util.Arrays.sort(levels);
        double base = levels[phases / 2];
        if (bestOn - base <= 0) {
            return new double[] {0, 0};
        }
        double ratio = Math.max(0, pulse(accents, bestPhase + period / 2, period) - base) / (bestOn - base);
        return new double[] {ratio, base > 0 ? (bestOn - base) / base : Double.POSITIVE_INFINITY};
    }

    /** Mean over beats of the largest rise within two blocks (20 ms) of each beat position. */
    private static double pulse(double[] a, double phase, double period) {
        double sum = 0;
        int count = 0;
        for (double pos = phase; pos < a.length; pos += period) {
            int i = (int) Math.round(pos);
            double v = 0;
            for (int j = Math.max(0, i - 2); j <= Math.min(a.length - 1, i + 2); j++) {
                v = Math.max(v, a[j]);
            }
            sum += v;
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Least-squares period through the parabolic peaks of r near each multiple of {@code period}. */
    private static double refine(double[] r, double period) {
        double num = 0;
        double den = 0;
        for (int k = 1; k <= MULTIPLES; k++) {
            double centre = k * period;
            int lo = (int) Math.max(1, Math.floor(centre - 0.1 * period));
            int hi = (int) Math.min(r.length - 2, Math.ceil(centre + 0.1 * period));
            if (lo > hi) {
                break;
            }
            int peak = lo;
            for (int i = lo; i <= hi; i++) {
                if (r[i] > r[peak]) {
                    peak = i;
                }
            }
            double a = r[peak - 1];
            double b = r[peak];
            double c = r[peak + 1];
            double denom = a - 2 * b + c;
            double offset = denom < 0 ? 0.5 * (a - c) / denom : 0;
            num += k * (peak + Math.max(-0.5, Math.min(0.5, offset)));
            den += (double) k * k;
        }
        return den > 0 ? num / den : period;
    }
}
