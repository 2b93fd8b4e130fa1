package org.trackflow.pipeline.similarity;

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
    /** Covariance (regularised), full d x d row-major: the divergence's Cholesky runs over contiguous rows. */
    private final double[] dense;
    final double logDet;

    private TimbreModel(double[] mean, double[] dense, double logDet) {
        this.d = mean.length;
        this.mean = mean;
        this.dense = dense;
        this.logDet = logDet;
    }

    /** The model of a row, or null when it has none (an older feature set, an error row, too few frames). */
    public static TimbreModel of(TrackRecord r) {
        List<Float> m = r.getTimbreMean();
        List<Float> c = r.getTimbreCov();
        if (m == null || c == null || c.size() != m.size() * (m.size() + 1) / 2) {
            return null;
        }
        double[] mean = new double[m.size()];
        double[] cov = new double[c.size()];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = m.get(i);
        }
        for (int k = 0; k < cov.length; k++) {
            cov[k] = c.get(k);
        }
        return of(mean, cov);
    }

    /**
     * The model of a mean and a covariance given as its upper triangle row by row (the layout of
     * {@code timbre_cov}; not changed), of any dimension; null if the covariance is not positive definite.
     */
    public static TimbreModel of(double[] mean, double[] upperTriangle) {
        int d = mean.length;
        double[] dense = new double[d * d];
        for (int i = 0, k = 0; i < d; i++) {
            for (int j = i; j < d; j++, k++) {
                double v = upperTriangle[k] + (i == j ? REGULARISATION : 0);
                dense[i * d + j] = v;
                dense[j * d + i] = v;
            }
        }
        // the same factorisation as the divergence's, so that equal models are exactly 0 apart
        double logDet = choleskyLogDet(dense.clone(), d);
        return Double.isFinite(logDet) ? new TimbreModel(mean.clone(), dense, logDet) : null;
    }

    /**
     * The divergence between two models; {@code work} holds at least {@code d * d} doubles. The hot loop of
     * the playlists' distance matrix: a Cholesky factorisation of S in place (lower triangle, row-major, so
     * that each inner product runs over two contiguous rows), its log-determinant from the product of the
     * diagonal (one log, not d).
     */
    public static double divergence(TimbreModel a, TimbreModel b, double[] work) {
        if (a == b) {
            return 0;
        }
        int d = a.d;
        double[] ma = a.mean;
        double[] mb = b.mean;
        double[] sa = a.dense;
        double[] sb = b.dense;
        for (int i = 0; i < d; i++) {
            double hi = 0.5 * (ma[i] - mb[i]);
            int row = i * d;
            for (int j = 0; j <= i; j++) {
                work[row + j] = 0.5 * (sa[row + j] + sb[row + j]) + hi * 0.5 * (ma[j] - mb[j]);
            }
        }
        double logDet = choleskyLogDet(work, d);
        if (Double.isNaN(logDet)) {
            return Double.MAX_VALUE;
        }
        double jsd = 0.5 * logDet - 0.25 * (a.logDet + b.logDet);
        return Math.sqrt(Math.max(0, jsd));
    }

    /**
     * {@code log det} of the symmetric matrix whose lower triangle {@code w} holds (d x d, row-major), by
     * Cholesky in place; NaN if it is not positive definite. Each inner product runs over two contiguous
     * rows; one log of the product of the pivots, not d logs.
     */
    static double choleskyLogDet(double[] w, int d) {
        double product = 1;
        double logDet = 0;
        for (int j = 0; j < d; j++) {
            int rj = j * d;
            double diag = w[rj + j];
            for (int k = 0; k < j; k++) {
                diag -= w[rj + k] * w[rj + k];
            }
            if (!(diag > 0)) {
                return Double.NaN;
            }
            double root = Math.sqrt(diag);
            w[rj + j] = root;
            product *= diag;
            if (product > 1e200 || product < 1e-200) { // keep the product in range
                logDet += Math.log(product);
                product = 1;
            }
            double inverse = 1 / root;
            for (int i = j + 1; i < d; i++) {
                int ri = i * d;
                double v = w[ri + j];
                for (int k = 0; k < j; k++) {
                    v -= w[ri + k] * w[rj + k];
                }
                w[ri + j] = v * inverse;
            }
        }
        return logDet + Math.log(product);
    }

    /** The number of coefficients. */
    public int dimension() {
        return d;
    }

    /** The mean of coefficient i. */
    public double mean(int i) {
        return mean[i];
    }

    /** The variance of coefficient i (regularised). */
    public double variance(int i) {
        return dense[i * d + i];
    }

    /** Work space for {@link #divergence}. */
    public double[] newWork() {
        return new double[d * d];
    }
}
