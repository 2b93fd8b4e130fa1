package org.trackflow.udfs.rhythm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.trackflow.udfs.analysis.TrackAnalysis;
import org.trackflow.udfs.frame.FrameGrid;

/** The fluctuation pattern of signals whose modulation is known. */
class FluctuationPatternTest {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;
    private static final double FRAME_RATE = (double) SR / FrameGrid.HOP;
    private static final int B = FluctuationPattern.BANDS;
    private static final int M = FluctuationPattern.MODULATIONS;

    /**
     * A region whose level is a sine at modulation bin 11 (exactly 12 cycles a segment, 4.04 Hz): the DFT of
     * the Hann-windowed sine of amplitude A has magnitude A/2 * sum(hann) = A (N - 1) / 4 at its bin (the
     * symmetric Hann sums to (N - 1) / 2), half that in the two next to it (Hann's main lobe), next to
     * nothing in the others; a flat region's level leaks into the lowest bins only.
     */
    @Test
    void aLevelSineLandsInItsBinWithTheKnownMagnitude() {
        int n = FluctuationPattern.SEGMENT;
        float[] levels = new float[n * B];
        double amplitude = 6; // dB
        for (int t = 0; t < n; t++) {
            for (int b = 0; b < B; b++) {
                levels[t * B + b] = -20;
            }
            levels[t * B + 3] = (float) (-20 + amplitude * Math.sin(2 * Math.PI * 12 * t / n));
        }
        FluctuationPattern fp = new FluctuationPattern(FRAME_RATE);
        double[] sums = new double[FluctuationPattern.SIZE];
        fp.addSegment(levels, 0, sums);
        float[] pattern = FluctuationPattern.mean(sums, 1);
        double f = FluctuationPattern.modulationHz(11, FRAME_RATE);
        assertThat(f).isCloseTo(4.04, within(0.01));
        double strength = 1 / (f / 4 + 4 / f);
        float peak = pattern[3 * M + 11];
        assertThat((double) peak).isCloseTo(amplitude * (n - 1) / 4 * strength, within(0.01 * amplitude * n / 4));
        assertThat(pattern[3 * M + 10] / peak).isBetween(0.4f, 0.6f);
        for (int m = 3; m < M; m++) {
            if (Math.abs(m - 11) > 1) {
                assertThat(pattern[3 * M + m]).as("bin %d", m).isLessThan(0.01f * peak);
            }
            assertThat(pattern[5 * M + m]).as("a flat region, bin %d", m).isLessThan(0.01f * peak);
        }
    }

    @Test
    void noiseGatedAtFourHertzPeaksNearFourHertzAndSteadyNoiseDoesNot() {
        float[] gated = noise(40, 4.0);
        float[] steady = noise(40, 0);
        float[] g = pattern(gated, Integer.MAX_VALUE / 4);
        float[] s = pattern(steady, Integer.MAX_VALUE / 4);
        int peak = 0;
        double[] byBin = new double[M];
        for (int m = 0; m < M; m++) {
            for (int b = 0; b < B; b++) {
                byBin[m] += g[b * M + m];
            }
            peak = byBin[m] > byBin[peak] ? m : peak;
        }
        assertThat(FluctuationPattern.modulationHz(peak, FRAME_RATE)).isBetween(3.6, 4.4);
        double steadyAtPeak = 0;
        for (int b = 0; b < B; b++) {
            steadyAtPeak += s[b * M + peak];
        }
        assertThat(steadyAtPeak).isLessThan(0.2 * byBin[peak]);
    }

    /** Chunk ends cut segments anywhere: the pattern is the same whole, in 5 s chunks and in chunks of 7 frames. */
    @Test
    void thePatternDoesNotDependOnTheChunking() {
        float[] x = noise(23, 3.0);
        float[] whole = pattern(x, Integer.MAX_VALUE / 4);
        assertThat(whole).isNotNull().hasSize(FluctuationPattern.SIZE);
        for (int frames : new int[] {FrameGrid.framesPerChunk(5, SR), 7, 128, 129}) {
            float[] chunked = pattern(x, frames);
            for (int i = 0; i < whole.length; i++) {
                assertThat((double) chunked[i]).as("%d frames a chunk, value %d", frames, i).isCloseTo(whole[i], within(1e-4 * (1 + Math.abs(whole[i]))));
            }
        }
        // under one segment (128 frames, 3 s): no pattern
        assertThat(pattern(java.util.Arrays.copyOf(x, SR * 2), 7)).isNull();
    }

    /** White noise, its amplitude gated on and off at {@code hz} (steady if 0). */
    private static float[] noise(double seconds, double hz) {
        SplittableRandom r = new SplittableRandom(11);
        float[] x = new float[(int) (seconds * SR)];
        for (int i = 0; i < x.length; i++) {
            double gate = hz > 0 ? (Math.sin(2 * Math.PI * hz * i / SR) > 0 ? 1 : 0.05) : 0.5;
            x[i] = (float) (0.3 * gate * (r.nextDouble() * 2 - 1));
        }
        return x;
    }

    private static float[] pattern(float[] mono, int framesPerChunk) {
        return TrackAnalysis.analyse(mono, SR, framesPerChunk).fluctuationPattern();
    }
}
