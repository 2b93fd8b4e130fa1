package org.trackflow.pipeline.playlists;

import java.util.List;
import org.trackflow.schemas.TrackRecord;

/**
 * A track's timbre as musly models it: one Gaussian of its timbre MFCC frames ({@code timbre_mean},
 * {@code timbre_cov}; 1e-4 added to the variances, as musly does, so that silence stays invertible), and
 * musly's Jensen–Shannon-like divergence between two of them (Schnitzer et al., ISMIR 2011;
 * {@code gaussian_statistics::jensenshannon}):
 * <pre>
 *   m = (mu_a - mu_b) / 2,  S = (Sigma_a + Sigma_b) / 2 + m m^T
 *   d = sqrt(max(0, 1/2 log det S - 1/4 (log det Sigma_a + log det Sigma_b)))
 * </pre>
 * zero for equal models, growing with the difference of both means and spreads; symmetric.
 */
public final class TimbreModel {
    static final double REGULARISATION = 1e-4;

    final int d;
    final double[] mean;
    /** Covariance, packed upper triangle. */
    final double[] cov;
    final double logDet;

    private TimbreModel(double[] mean, double[] cov, double logDet) {
        this.d = mean.length;
        this.mean = mean;
        this.cov = cov;
        this.logDet = logDet;
    }

    /** The model of a row, or null when it has none (an older feature set, an error row, too few frames). */
    public static TimbreModel of(TrackRecord r) {
        List<Float> m = r.getTimbreMean();
        List<Float> c = r.getTimbreCov();
        if (m == null || c == null || c.size() != m.size() * (m.size() + 1) / 2) {
            return null;
        }
        int d = m.size();
        double[] mean = new double[d];
        double[] cov = new double[c.size()];
        for (int i = 0; i < d; i++) {
            mean[i] = m.get(i);
        }
        for (int k = 0; k < cov.length; k++) {
            cov[k] = c.get(k);
        }
        for (int i = 0, k = 0; i < d; k += d - i, i++) {
            cov[k] += REGULARISATION;
        }
        double logDet = logDet(cov, d, new double[cov.length]);
        return Double.isFinite(logDet) ? new TimbreModel(mean, cov, logDet) : null;
    }

    /** {@code log det} of a packed symmetric positive-definite matrix by Cholesky; NaN if it is not. */
    static double logDet(double[] packed, int d, double[] work) {
        System.arraycopy(packed, 0, work, 0, packed.length);
        return logDetInPlace(work, d);
    }

    /** As {@link #logDet}, overwriting {@code work} (which holds the matrix) with its Cholesky factor. */
    static double logDetInPlace(double[] work, int d) {
        double sum = 0;
        // In-place Cholesky on the packed upper triangle: row i starts at i*d - i*(i-1)/2.
        for (int i = 0; i < d; i++) {
            int ii = i * d - i * (i - 1) / 2;
            double diag = work[ii];
            for (int k = 0; k < i; k++) {
                double u = work[k * d - k * (k - 1) / 2 + (i - k)];
                diag -= u * u;
            }
            if (!(diag > 0)) {
                return Double.NaN;
            }
            double root = Math.sqrt(diag);
            work[ii] = root;
            sum += Math.log(root);
            for (int j = i + 1; j < d; j++) {
                double v = work[ii + (j - i)];
                for (int k = 0; k < i; k++) {
                    int rowK = k * d - k * (k - 1) / 2;
                    v -= work[rowK + (i - k)] * work[rowK + (j - k)];
                }
                work[ii + (j - i)] = v / root;
            }
        }
        return 2 * sum;
    }

    /** The divergence between two models; {@code work} holds at least {@code d (d + 1) / 2} doubles. */
    public static double divergence(TimbreModel a, TimbreModel b, double[] work) {
        if (a == b) {
            return 0;
        }
        int d = a.d;
        for (int i = 0, k = 0; i < d; i++) {
            double hi = 0.5 * (a.mean[i] - b.mean[i]);
            for (int j = i; j < d; j++, k++) {
                work[k] = 0.5 * (a.cov[k] + b.cov[k]) + hi * 0.5 * (a.mean[j] - b.mean[j]);
            }
        }
        double jsd = 0.5 * logDetInPlace(work, d) - 0.25 * (a.logDet + b.logDet);
        return Double.isNaN(jsd) ? Double.MAX_VALUE : Math.sqrt(Math.max(0, jsd));
    }

    /** Work space for {@link #divergence}. */
    public double[] newWork() {
        return new double[cov.length];
    }
}
