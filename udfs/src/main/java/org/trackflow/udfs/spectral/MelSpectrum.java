package org.trackflow.udfs.spectral;

/**
 * Log-mel power spectrum of a frame, shared by MFCC and the onset envelope: 128 Slaney mel bands
 * ({@link MelFilterbank}) of |X|^2, in dB: {@code 10 log10(max(1e-10, S))}, floored at
 * {@link #FLOOR_DB}.
 *
 * <p>librosa's {@code power_to_db(top_db=80)} floors at 80 dB below the loudest value of the whole
 * track, which no chunk can know. We floor at 80 dB below a fixed reference of +40 dB, about the
 * mel power of a full-scale tone (a full-scale 1 kHz sine gives +39 dB in its band): the same as
 * librosa on a loud, mastered track, and chunk-independent on every track. Without any floor, bands
 * that are digitally silent sit at -100 dB and swamp onset and timbre measures.
 */
public final class MelSpectrum {
    public static final int BANDS = 128;
    public static final double FLOOR_DB = 40.0 - 80.0;

    private final MelFilterbank filterbank;
    private final double[] power = new double[BANDS];

    public MelSpectrum(int sampleRate) {
        this.filterbank = new MelFilterbank(sampleRate, BANDS);
    }

    /** Writes the frame's log-mel spectrum (dB) to {@code outDb}. */
    public void compute(double[] powerSpectrum, double[] outDb) {
        filterbank.apply(powerSpectrum, power);
        for (int i = 0; i < BANDS; i++) {
            outDb[i] = Math.max(FLOOR_DB, 10 * Math.log10(Math.max(1e-10, power[i])));
        }
    }
}
