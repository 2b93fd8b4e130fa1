package org.trackflow.udfs.spectral;

import org.trackflow.udfs.frame.FrameGrid;

import org.trackflow.udfs.temporal.ZeroCrossingRate;

import org.trackflow.udfs.temporal.Rms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.trackflow.testkit.Signals;

class SpectralFeaturesTest {
    private static final int SR = FrameGrid.DEFAULT_ANALYSIS_RATE;

    private Spectrum frameOf(float[] x, int offset) {
        Spectrum s = new Spectrum(SR);
        s.compute(x, offset);
        return s;
    }

    @Test
    void sineHasItsFrequencyAsCentroidAndRolloffAndNoFlatness() {
        // A bin-centred sine (k = 93) puts all energy in bins k-1..k+1 of the Hann window.
        double f = 93.0 * SR / 2048;
        Spectrum s = frameOf(Signals.sine(f, 1.0, SR, 0.5), 4096);
        assertThat(SpectralCentroid.of(s.magnitude, s.frequencies)).isCloseTo(f, within(0.5));
        assertThat(SpectralRolloff.of(s.magnitude, s.frequencies)).isCloseTo(f, within(SR / 2048.0 + 1e-9));
        assertThat(SpectralFlatness.of(s.power)).isLessThan(1e-3);
        // Hann main lobe: bins k +- 1 at half the peak magnitude -> variance 0.5 bin^2. The float32
        // rounding noise of the test tone, weighted by (f - centroid)^2 far from it, adds about 1 Hz.
        assertThat(SpectralBandwidth.of(s.magnitude, s.frequencies, f)).isCloseTo(Math.sqrt(0.5) * SR / 2048, within(1.0));
    }

    @Test
    void sineRmsIsAmplitudeOverRootTwoAndZcrIsTwiceItsFrequency() {
        double f = 440;
        float[] x = Signals.sine(f, 1.0, SR, 0.5);
        Spectrum s = frameOf(x, 1000);
        assertThat(Rms.of(s.frame)).isCloseTo(0.5 / Math.sqrt(2), within(2e-3));
        assertThat(ZeroCrossingRate.of(s.frame)).isCloseTo(2 * f / SR, within(1.0 / 2048));
    }

    @Test
    void whiteNoiseCentroidIsAQuarterOfTheRateAndFlatnessIsExpMinusEulerGamma() {
        float[] x = Signals.whiteNoise(3.0, SR, 0.5, 42);
        double centroid = 0;
        double flatness = 0;
        int frames = 0;
        for (int off = 0; off + 2048 <= x.length; off += 512) {
            Spectrum s = frameOf(x, off);
            centroid += SpectralCentroid.of(s.magnitude, s.frequencies);
            flatness += SpectralFlatness.of(s.power);
            frames++;
        }
        assertThat(centroid / frames).isCloseTo(SR / 4.0, within(SR * 0.01));
        // |X_k|^2 of white noise is exponentially distributed: E[log] = log(mean) - gamma, so the
        // geometric/arithmetic mean ratio tends to exp(-0.5772) = 0.5615.
        assertThat(flatness / frames).isCloseTo(Math.exp(-0.5772156649), within(0.02));
    }

    @Test
    void silenceIsDefinedEverywhere() {
        Spectrum s = frameOf(new float[4096], 0);
        assertThat(SpectralCentroid.of(s.magnitude, s.frequencies)).isZero();
        assertThat(SpectralBandwidth.of(s.magnitude, s.frequencies, 0)).isZero();
        assertThat(SpectralRolloff.of(s.magnitude, s.frequencies)).isZero();
        assertThat(SpectralFlatness.of(s.power)).isEqualTo(1.0, within(1e-12));
        assertThat(Rms.of(s.frame)).isZero();
        assertThat(ZeroCrossingRate.of(s.frame)).isZero();
        double[] mfcc = new double[13];
        double[] melDb = new double[MelSpectrum.BANDS];
        new MelSpectrum(SR).compute(s.power, melDb);
        new Mfcc().compute(melDb, mfcc, 0);
        // every mel band at the -40 dB floor: c0 = sqrt(1/128) * 128 * -40, the rest 0
        assertThat(mfcc[0]).isCloseTo(MelSpectrum.FLOOR_DB * Math.sqrt(128), within(1e-9));
        for (int i = 1; i < 13; i++) {
            assertThat(mfcc[i]).isCloseTo(0, within(1e-9));
        }
        double[] chroma = new double[12];
        new Chroma(SR).compute(s.power, chroma, 0);
        assertThat(chroma).containsOnly(0.0);
    }

    @Test
    void cMajorChordPeaksOnCEAndG() {
        double[] notes = {Signals.midiToHz(60), Signals.midiToHz(64), Signals.midiToHz(67)};
        Spectrum s = frameOf(Signals.chord(notes, 1.0, SR, 0.9), 2048);
        double[] chroma = new double[12];
        new Chroma(SR).compute(s.power, chroma, 0);
        double[] sorted = chroma.clone();
        java.util.Arrays.sort(sorted);
        double third = sorted[9];
        assertThat(chroma[0]).isGreaterThanOrEqualTo(third);
        assertThat(chroma[4]).isGreaterThanOrEqualTo(third);
        assertThat(chroma[7]).isGreaterThanOrEqualTo(third);
        assertThat(sorted[11]).isEqualTo(1.0);
        assertThat(sorted[8]).isLessThan(0.5 * third);
    }

    /** Chroma's 12 register sums give exactly the filter matrix times the power spectrum, each class in bin order. */
    @Test
    void chromaIsTheFilterMatrixTimesThePowerSpectrumExactly() {
        float[] x = Signals.mix(Signals.chord(new double[] {220, 277.18, 329.63}, 1.0, SR, 0.5),
                Signals.whiteNoise(1.0, SR, 0.1, 7));
        Spectrum s = frameOf(x, 5000);
        double[][] w = Chroma.filters(SR, Spectrum.N);
        double[] expected = new double[12];
        double max = 0;
        for (int c = 0; c < 12; c++) {
            for (int k = 0; k < Spectrum.BINS; k++) {
                expected[c] += w[c][k] * s.power[k];
            }
            max = Math.max(max, expected[c]);
        }
        for (int c = 0; c < 12; c++) {
            expected[c] /= max;
        }
        double[] chroma = new double[12];
        new Chroma(SR).compute(s.power, chroma, 0);
        assertThat(chroma).containsExactly(expected);
    }

    /** A flat spectrum has no contrast; a band of level F with n bins at P > F has 10 log10(P / F) dB. */
    @Test
    void spectralContrastOfFlatAndPeakedBands() {
        SpectralContrast contrast = new SpectralContrast(SR);
        double[] flat = new double[Spectrum.BINS];
        java.util.Arrays.fill(flat, 0.25);
        double[] out = new double[SpectralContrast.BANDS];
        contrast.compute(flat, out, 0);
        assertThat(out).containsOnly(0.0);
        // The last band (6.4 kHz to Nyquist, 431 bins) takes rint(0.02 * 431) = 9 bins each side: with 9 bins
        // at 4 and the rest at 0.01, the peak mean is 4 and the valley mean 0.01.
        double[] peaked = flat.clone();
        java.util.Arrays.fill(peaked, 0.01);
        for (int k = 700; k < 1025; k += 40) {
            peaked[k] = 4;
        }
        contrast.compute(peaked, out, 0);
        assertThat(out[SpectralContrast.BANDS - 1]).isCloseTo(10 * Math.log10(4 / 0.01), within(1e-9));
        assertThat(out[0]).isCloseTo(0, within(1e-12));
    }

    /**
     * The running selection of the smallest and largest magnitudes gives exactly the sums of a full sort,
     * on rising, falling, noisy and tied spectra.
     */
    @Test
    void spectralContrastEqualsASortBasedReference() {
        SpectralContrast contrast = new SpectralContrast(SR);
        java.util.Random random = new java.util.Random(11);
        double[] freqs = Spectrum.binFrequencies(SR);
        for (int trial = 0; trial < 200; trial++) {
            double[] m = new double[Spectrum.BINS];
            for (int k = 0; k < m.length; k++) {
                m[k] = switch (trial % 4) {
                    case 0 -> random.nextDouble();
                    case 1 -> 1.0 / (1 + k) + 1e-3 * random.nextDouble();
                    case 2 -> k * 1e-3 + 1e-4 * random.nextDouble();
                    default -> random.nextInt(4) * 0.5;
                };
            }
            double[] out = new double[SpectralContrast.BANDS];
            contrast.compute(m, out, 0);
            assertThat(out).containsExactly(sortedContrast(m, freqs));
        }
    }

    /** The definition in the class's Javadoc, by sorting each band (librosa's band edges). */
    private static double[] sortedContrast(double[] m, double[] freqs) {
        double[] out = new double[SpectralContrast.BANDS];
        for (int k = 0; k < SpectralContrast.BANDS; k++) {
            double lowHz = k == 0 ? 0 : 200 * Math.pow(2, k - 1);
            double highHz = 200 * Math.pow(2, k);
            int first = -1;
            int last = -1;
            for (int j = 0; j < freqs.length; j++) {
                if (freqs[j] >= lowHz && freqs[j] <= highHz) {
                    first = first < 0 ? j : first;
                    last = j;
                }
            }
            int from = k > 0 ? first - 1 : first;
            int to = k == SpectralContrast.BANDS - 1 ? freqs.length - 1 : last;
            int take = Math.max(1, (int) Math.rint(0.02 * (to - from + 1)));
            double[] band = java.util.Arrays.copyOfRange(m, from, k < SpectralContrast.BANDS - 1 ? to : to + 1);
            java.util.Arrays.sort(band);
            double valley = 0;
            double peak = 0;
            for (int i = 0; i < take; i++) {
                valley += band[i];
                peak += band[band.length - 1 - i];
            }
            valley /= take;
            peak /= take;
            out[k] = 10 * Math.log10(Math.max(1e-10, peak)) - 10 * Math.log10(Math.max(1e-10, valley));
        }
        return out;
    }

    /**
     * Sign changes counted once per chunk give each frame's count exactly, frames that run past the end of
     * the samples (zero padding) and signals with exact zeros and values under the threshold included.
     */
    @Test
    void zeroCrossingsFromChunkPrefixEqualThePerFrameCount() {
        java.util.Random random = new java.util.Random(3);
        for (int length : new int[] {1, 700, 2048, 5000}) {
            float[] x = new float[length];
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(5);
                x[i] = kind == 0 ? 0f : kind == 1 ? (float) (random.nextGaussian() * 1e-11) : (float) random.nextGaussian();
            }
            int[] prefix = ZeroCrossingRate.prefix(x, new int[0]);
            for (int offset = 0; offset < length; offset += 37) {
                Spectrum s = frameOf(x, offset);
                int expected = (int) Math.round(ZeroCrossingRate.of(s.frame) * Spectrum.N);
                assertThat(ZeroCrossingRate.crossings(prefix, length, offset, Spectrum.N)).as("length %d offset %d", length, offset)
                        .isEqualTo(expected);
            }
        }
    }

    /** The shared magnitude sum is the sum each feature would add up itself: the same doubles. */
    @Test
    void sharedMagnitudeSumChangesNoFeature() {
        Spectrum s = frameOf(Signals.whiteNoise(1.0, SR, 0.3, 5), 3000);
        assertThat(s.magnitudeSum).isEqualTo(Spectrum.sum(s.magnitude));
        double c = SpectralCentroid.of(s.magnitude, s.frequencies);
        assertThat(SpectralCentroid.of(s.magnitude, s.frequencies, s.magnitudeSum)).isEqualTo(c);
        assertThat(SpectralBandwidth.of(s.magnitude, s.frequencies, c, s.magnitudeSum))
                .isEqualTo(SpectralBandwidth.of(s.magnitude, s.frequencies, c));
        assertThat(SpectralRolloff.of(s.magnitude, s.frequencies, s.magnitudeSum))
                .isEqualTo(SpectralRolloff.of(s.magnitude, s.frequencies));
    }

    @Test
    void melScaleMatchesSlaneyBreakpoints() {
        assertThat(MelFilterbank.hzToMel(1000)).isCloseTo(15.0, within(1e-12));
        assertThat(MelFilterbank.hzToMel(200.0 / 3)).isCloseTo(1.0, within(1e-12));
        assertThat(MelFilterbank.melToHz(MelFilterbank.hzToMel(6400))).isCloseTo(6400, within(1e-9));
        // librosa.hz_to_mel(6400) = 15 + log(6.4) / (log(6.4) / 27) = 42
        assertThat(MelFilterbank.hzToMel(6400)).isCloseTo(42.0, within(1e-9));
    }

    /**
     * MFCC of one frame against a reference computed independently here: a direct O(N^2) DFT, the mel
     * triangles evaluated from their definition bin by bin, and a direct DCT-II sum.
     */
    @Test
    void mfccMatchesADirectReferenceComputation() {
        float[] x = Signals.mix(Signals.sine(330, 1.0, SR, 0.4), Signals.whiteNoise(1.0, SR, 0.05, 3));
        int off = 3000;
        Spectrum s = frameOf(x, off);
        double[] mfcc = new double[13];
        double[] melDb = new double[MelSpectrum.BANDS];
        new MelSpectrum(SR).compute(s.power, melDb);
        new Mfcc().compute(melDb, mfcc, 0);

        int n = 2048;
        double[] power = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
                re += w * x[off + i] * Math.cos(2 * Math.PI * k * i / n);
                im -= w * x[off + i] * Math.sin(2 * Math.PI * k * i / n);
            }
            power[k] = re * re + im * im;
        }
        int bands = 128;
        double[] edges = MelFilterbank.melFrequencies(bands + 2, 0, SR / 2.0);
        double[] logMel = new double[bands];
        for (int b = 0; b < bands; b++) {
            double sum = 0;
            for (int k = 0; k <= n / 2; k++) {
                double f = (double) k * SR / n;
                double w;
                if (f <= edges[b] || f >= edges[b + 2]) {
                    w = 0;
                } else if (f <= edges[b + 1]) {
                    w = (f - edges[b]) / (edges[b + 1] - edges[b]);
                } else {
                    w = (edges[b + 2] - f) / (edges[b + 2] - edges[b + 1]);
                }
                sum += w * 2 / (edges[b + 2] - edges[b]) * power[k];
            }
            logMel[b] = Math.max(-40, 10 * Math.log10(Math.max(1e-10, sum)));
        }
        for (int c = 0; c < 13; c++) {
            double acc = 0;
            for (int b = 0; b < bands; b++) {
                acc += logMel[b] * Math.cos(Math.PI * c * (2 * b + 1) / (2.0 * bands));
            }
            acc *= Math.sqrt((c == 0 ? 1.0 : 2.0) / bands);
            assertThat(mfcc[c]).as("mfcc %d", c).isCloseTo(acc, within(1e-6 * Math.max(1, Math.abs(acc))));
        }
    }
}
