package org.trackflow.udfs.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.trackflow.testkit.Signals;
import org.trackflow.udfs.frame.FrameGrid;

class TimbreMfccTest {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;

    @Test
    void melScaleAndBandEdgesFollowMuslysFormula() {
        assertThat(TimbreMfcc.mel(700)).isCloseTo(1127.01048 * Math.log(2), within(1e-9));
        assertThat(TimbreMfcc.hz(TimbreMfcc.mel(1234.5))).isCloseTo(1234.5, within(1e-9));
    }

    @Test
    void silenceGivesZeros() {
        TimbreMfcc t = new TimbreMfcc(SR);
        double[] out = new double[TimbreMfcc.COEFFICIENTS];
        t.compute(new double[Spectrum.BINS], out, 0);
        assertThat(out).containsOnly(0.0);
    }

    /** A sine's energy sits in the band around its frequency: the log-band vector peaks there. */
    @Test
    void aSineLightsTheBandAroundItsFrequency() {
        Spectrum s = new Spectrum(SR);
        float[] tone = Signals.sine(1000, 0.2, SR, 0.5);
        s.compute(tone, 0);
        TimbreMfcc t = new TimbreMfcc(SR);
        double[] c = new double[TimbreMfcc.COEFFICIENTS];
        t.compute(s.power, c, 0);
        // invert the orthonormal DCT on the 25 coefficients: a smoothed log-band spectrum
        double[][] dct = Mfcc.dctOrtho(TimbreMfcc.COEFFICIENTS, TimbreMfcc.BANDS);
        int peak = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < TimbreMfcc.BANDS; b++) {
            double v = 0;
            for (int k = 0; k < TimbreMfcc.COEFFICIENTS; k++) {
                v += dct[k][b] * c[k];
            }
            if (v > best) {
                best = v;
                peak = b;
            }
        }
        double melMin = TimbreMfcc.mel(TimbreMfcc.MIN_HZ);
        double step = (TimbreMfcc.mel(SR / 2.0) - melMin) / (TimbreMfcc.BANDS + 1);
        double centre = TimbreMfcc.hz(melMin + step * (peak + 1));
        double lower = TimbreMfcc.hz(melMin + step * peak);
        double upper = TimbreMfcc.hz(melMin + step * (peak + 2));
        assertThat(1000.0).as("band %d spans %.0f-%.0f Hz, centre %.0f", peak, lower, upper, centre).isBetween(lower, upper);
    }
}
