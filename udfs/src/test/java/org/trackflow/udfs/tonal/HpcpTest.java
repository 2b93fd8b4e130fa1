package org.trackflow.udfs.tonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.trackflow.testkit.Signals;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.spectral.Spectrum;

/** The band preset of {@link Hpcp}: bass and treble each count as much in a frame, whatever their level. */
class HpcpTest {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;
    /** Fine bins of A (bin 0) and of the E a fifth above it. */
    private static final int A = 0;
    private static final int E = 7 * Hpcp.PER_SEMITONE;

    /** The windowed profile of the first frame of {@code x}. */
    private static double[] frame(float[] x) {
        Spectrum s = new Spectrum(SR);
        s.compute(x, 0);
        double[] out = new double[Hpcp.SIZE];
        new Hpcp(SR, Spectrum.N, Spectrum.N / 2.0).accumulate(s.magnitude, out);
        return Hpcp.window(out);
    }

    /** A loud A3 (bass) with an E6 (treble) 40 dB below it. */
    private static float[] bassAndQuietTreble(double gain) {
        return Signals.mix(Signals.sine(220, 0.2, SR, 0.5 * gain), Signals.sine(440 * Math.pow(2, 19 / 12.0), 0.2, SR, 0.005 * gain));
    }

    @Test
    void bassAndTrebleEachPeakAtOne() {
        double[] p = frame(bassAndQuietTreble(1));
        // the E's twelfth below is an A: it adds 0.5^2 / 3^2 of the E to the A bin (treble band)
        assertThat(p[A]).isCloseTo(1 + 0.25 / 9, within(0.01));
        assertThat(p[E]).isCloseTo(1, within(0.01));
        for (double v : p) {
            assertThat(v).isLessThanOrEqualTo(1.03);
        }
    }

    @Test
    void aFrameAddsTheSameWhateverItsLevel() {
        // 20 dB quieter (the E at -66 dB, still above the -80 dB peak threshold)
        double[] loud = frame(bassAndQuietTreble(1));
        double[] quiet = frame(bassAndQuietTreble(0.1));
        for (int i = 0; i < Hpcp.SIZE; i++) {
            assertThat(quiet[i]).as("bin %d", i).isCloseTo(loud[i], within(1e-3));
        }
    }

    @Test
    void silenceAddsNothing() {
        double[] p = frame(new float[Spectrum.N]);
        for (double v : p) {
            assertThat(v).isZero();
        }
    }
}
