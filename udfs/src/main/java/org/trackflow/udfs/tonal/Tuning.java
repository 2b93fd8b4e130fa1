package org.trackflow.udfs.tonal;

/**
 * A track's tuning from its fine pitch profile ({@link Hpcp}, {@value Hpcp#PER_SEMITONE} bins per semitone,
 * bin 0 at A = 440 Hz), and the 12-bin profile on the tuned semitones. The deviation from equal temperament
 * on A440 is the circular mean of the profile folded onto one semitone (Essentia's HPCP-based tuning and
 * libkeyfinder's both look for where within the semitone the energy sits; Essentia's {@code
 * averageDetuningCorrection} shifts by the strongest bin, the circular mean uses them all). Each pitch class
 * then sums the fine bins within half a semitone of its tuned centre (the two at exactly half a semitone
 * count half). Reference frequency: {@code 440 * 2^(offset / 12)}, offset in semitones, |offset| <= 0.5.
 */
public final class Tuning {
    private Tuning() {}

    /** Deviation of the tuning from A440, semitones in [-0.5, 0.5); 0 for an empty profile. */
    public static double offset(double[] fine) {
        int r = Hpcp.PER_SEMITONE;
        double re = 0;
        double im = 0;
        for (int i = 0; i < fine.length; i++) {
            double a = 2 * Math.PI * (i % r) / r;
            re += fine[i] * Math.cos(a);
            im += fine[i] * Math.sin(a);
        }
        if (re == 0 && im == 0) {
            return 0;
        }
        double off = Math.atan2(im, re) / (2 * Math.PI);
        return off >= 0.5 ? off - 1 : off;
    }

    /** Reference frequency of A for an offset in semitones. */
    public static double referenceHz(double offset) {
        return 440 * Math.pow(2, offset / 12);
    }

    /** The 12 pitch classes, C first, of a fine profile (A first) on semitones shifted by {@code offset}. */
    public static double[] fold(double[] fine, double offset) {
        int r = Hpcp.PER_SEMITONE;
        double[] pcp = new double[12];
        for (int s = 0; s < 12; s++) {
            double centre = (s + offset) * r;
            double acc = 0;
            for (int i = (int) Math.floor(centre - r / 2.0); i <= (int) Math.ceil(centre + r / 2.0); i++) {
                double d = Math.abs(i - centre);
                double w = d < r / 2.0 - 0.5 ? 1 : d <= r / 2.0 + 0.5 ? r / 2.0 + 0.5 - d : 0;
                acc += w * fine[Math.floorMod(i, fine.length)];
            }
            pcp[(s + 9) % 12] = acc;
        }
        return pcp;
    }
}
