package org.trackflow.udfs.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChromaprintResamplerTest {

    private static float[] resampleFloat(float[] x, int rate) {
        ChromaprintResampler r = new ChromaprintResampler(rate, false);
        r.push(x, x.length);
        r.flush();
        return java.util.Arrays.copyOf(r.floatOutput(), r.outputLength());
    }

    private static short[] resampleInt16(short[] x, int rate) {
        ChromaprintResampler r = new ChromaprintResampler(rate, true);
        for (int i = 0; i < x.length; i += 1000) { // in pieces: the state carries over
            short[] part = java.util.Arrays.copyOfRange(x, i, Math.min(x.length, i + 1000));
            r.push(part, part.length);
        }
        r.flush();
        return java.util.Arrays.copyOf(r.int16Output(), r.outputLength());
    }

    private static float[] sine(double hz, int rate, double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Amplitude of the {@code hz} component (correlation with a complex exponential). */
    private static double amplitudeAt(float[] y, double hz, int rate, int from, int to) {
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            re += y[i] * Math.cos(2 * Math.PI * hz * i / rate);
            im += y[i] * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    @ParameterizedTest
    @CsvSource({"44100", "48000", "22050", "32000", "8000", "96000"})
    void keepsDcLevelAndOutputRate(int rate) {
        float[] dc = new float[rate * 2];
        java.util.Arrays.fill(dc, 0.25f);
        float[] y = resampleFloat(dc, rate);
        assertThat(y.length).isCloseTo(2 * 11025, within(3));
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).as("sample %d at %d Hz", i, rate).isCloseTo(0.25f, within(0.0015f));
        }
        short[] dc16 = new short[rate * 2];
        java.util.Arrays.fill(dc16, (short) 8192);
        for (short v : resampleInt16(dc16, rate)) {
            assertThat((int) v).isCloseTo(8192, within(8));
        }
    }

    @ParameterizedTest
    @CsvSource({"44100, 1000", "48000, 440", "22050, 3000", "32000, 2500", "8000, 1500"})
    void keepsFrequencyAndLevelOfAPassbandSine(int rate, double hz) {
        float[] y = resampleFloat(sine(hz, rate, 2, 0.5), rate);
        double level = amplitudeAt(y, hz, 11025, 1000, y.length - 1000);
        assertThat(level).isCloseTo(0.5, within(0.005));
        // The energy is at hz, not elsewhere.
        assertThat(amplitudeAt(y, hz * 1.05, 11025, 1000, y.length - 1000)).isLessThan(0.01);
    }

    @Test
    void rejectsWhatWouldAlias() {
        // 7 kHz is above the new Nyquist (5512.5 Hz): without the low-pass it would fold to 4025 Hz.
        float[] y = resampleFloat(sine(7000, 44100, 2, 0.5), 44100);
        assertThat(amplitudeAt(y, 11025 - 7000, 11025, 1000, y.length - 1000)).isLessThan(0.005);
    }

    @Test
    void buildsTheFilterBankOfFpcalcsSettings() {
        ResampleFilterBank b44 = new ResampleFilterBank(11025, 44100, false);
        assertThat(b44.phaseCount).isEqualTo(1); // 11025/44100 = 1/4: exact rational, one phase
        assertThat(b44.length).isEqualTo(80); // ceil(16 / (0.8 / 4))
        double sum = 0;
        for (int i = 0; i < b44.length; i++) {
            sum += b44.floatTaps[i];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        ResampleFilterBank b48 = new ResampleFilterBank(11025, 48000, true);
        assertThat(b48.phaseCount).isEqualTo(147); // 11025/48000 = 147/640
        assertThat(b48.length).isEqualTo(88);
        assertThat(b48.dstIncrMod).isZero(); // whole phases: no interpolation
        ResampleFilterBank b32 = new ResampleFilterBank(11025, 32000, false);
        assertThat(b32.phaseCount).isEqualTo(256); // 441/1280 needs more than 256 phases
        assertThat(b32.dstIncrMod).isNotZero(); // so positions between phases are interpolated
        assertThat(ResampleFilterBank.bessel(0)).isEqualTo(1.0);
        assertThat(ResampleFilterBank.bessel(9)).isCloseTo(1093.588354511375, within(1e-9)); // I0(9)
    }

    @Test
    void convertsToInt16AsLibswresample() {
        assertThat(ChromaprintResampler.toInt16(0.5f / 32768)).isZero(); // half rounds to even
        assertThat(ChromaprintResampler.toInt16(1.5f / 32768)).isEqualTo((short) 2);
        assertThat(ChromaprintResampler.toInt16(-1.5f / 32768)).isEqualTo((short) -2);
        assertThat(ChromaprintResampler.toInt16(1.0f)).isEqualTo(Short.MAX_VALUE);
        assertThat(ChromaprintResampler.toInt16(-2.0f)).isEqualTo(Short.MIN_VALUE);
        assertThat(ChromaprintResampler.toInt16(Float.NaN)).isEqualTo(Short.MIN_VALUE);
    }

    /**
     * Bit-exact against libswresample: CRC-32 and length of the s16 mono 11025 Hz output of the real
     * library (FFmpeg 5.1 of Debian 12 on x86-64 with AVX2/FMA3), configured as fpcalc configures it
     * ({@code filter_size 16, phase_shift 8, linear_interp 1, cutoff 0.8}, then {@code swr_convert} per
     * 1152 frames and a final flush), for {@code TestAudio.render(rate, channels, 3, rate)}: int16 as is, or
     * as float times 0.7.
     */
    @ParameterizedTest
    @CsvSource({
        "44100, 2, INT16, 33075, 720456aa",  // one phase, Q15 path, downmix after resampling
        "48000, 2, FLOAT, 33075, 6b4f438a",  // 147 phases
        "32000, 1, FLOAT, 33075, 8b3c1b28",  // 256 phases, linear interpolation
        "8000, 1, INT16, 33075, ebdf1997",   // upsampling, Q15 interpolation
        "22050, 2, FLOAT, 33075, 80cfe760",  // paired single-phase kernel
    })
    void matchesLibswresampleBitForBit(int rate, int channels, Fingerprinter.SourceFormat format, int length,
            String crc) {
        short[][] x = TestAudio.render(rate, channels, 3, rate);
        float[][] in = TestAudio.toFloat(x);
        if (format == Fingerprinter.SourceFormat.FLOAT) {
            for (float[] ch : in) {
                for (int i = 0; i < ch.length; i++) {
                    ch[i] *= 0.7f;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FpcalcConverter converter = new FpcalcConverter(format, false, (s, n) -> {
            for (int i = 0; i < n; i++) {
                out.write(s[i] & 0xFF);
                out.write(s[i] >> 8 & 0xFF);
            }
        });
        float[][] block = new float[channels][1152];
        for (int i = 0; i < in[0].length; i += 1152) {
            int n = Math.min(1152, in[0].length - i);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(in[c], i, block[c], 0, n);
            }
            converter.consume(block, n, rate);
        }
        converter.finish(true);
        CRC32 c = new CRC32();
        c.update(out.toByteArray());
        assertThat(out.size() / 2).isEqualTo(length);
        assertThat(Long.toHexString(c.getValue())).isEqualTo(crc);
    }
}
