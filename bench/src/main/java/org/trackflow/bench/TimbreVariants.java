package org.trackflow.bench;

import java.util.List;
import java.util.stream.IntStream;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.pipeline.similarity.MutualProximity;
import org.trackflow.pipeline.similarity.TimbreModel;

/**
 * The timbre model's alternatives, for the evaluation's record of what each choice buys: the Gaussian of
 * a subset of the stored timbre MFCCs ({@code timbre_mean}, {@code timbre_cov}: the same model restricted
 * to those coefficients, as a model of fewer coefficients would be, up to the DCT's other rows) and two
 * divergences between Gaussians: musly's Jensen-Shannon-like one (what trackflow uses) and the symmetric
 * Kullback-Leibler divergence {@code 1/4 (tr(Sa^-1 Sb) + tr(Sb^-1 Sa) + dm^T (Sa^-1 + Sb^-1) dm) - d/2}
 * (Mandel &amp; Ellis 2005; the prototype), each raw or with mutual proximity. The former is
 * trackflow's own {@link TimbreModel#divergence}; the latter in plain double arrays (an evaluation).
 */
public final class TimbreVariants {
    private final int n;
    private final double[][] mu;
    private final double[][][] cov;
    private final double[][][] inverse;
    private final List<TimbreModel> models;

    /** The models of {@code rows} on the coefficients {@code from .. to - 1}, 1e-4 added to the variances as musly does. */
    TimbreVariants(List<TrackRecord> rows, int from, int to) {
        n = rows.size();
        int d = to - from;
        mu = new double[n][d];
        cov = new double[n][d][d];
        inverse = new double[n][][];
        TimbreModel[] model = new TimbreModel[n];
        for (int i = 0; i < n; i++) {
            List<Float> m = rows.get(i).getTimbreMean();
            List<Float> c = rows.get(i).getTimbreCov();
            int full = m.size();
            double[][] all = new double[full][full];
            for (int p = 0, k = 0; p < full; p++) {
                for (int q = p; q < full; q++, k++) {
                    all[p][q] = c.get(k);
                    all[q][p] = c.get(k);
                }
            }
            double[] upper = new double[d * (d + 1) / 2];
            for (int p = 0, k = 0; p < d; p++) {
                mu[i][p] = m.get(from + p);
                for (int q = 0; q < d; q++) {
                    cov[i][p][q] = all[from + p][from + q];
                }
                for (int q = p; q < d; q++, k++) {
                    upper[k] = cov[i][p][q];
                }
                cov[i][p][p] += 1e-4;
            }
            model[i] = TimbreModel.of(mu[i], upper);
            inverse[i] = invert(cov[i]);
        }
        models = List.of(model);
    }

    /** Coefficients in the stored model. */
    static int coefficients(List<TrackRecord> rows) {
        return rows.get(0).getTimbreMean().size();
    }

    /** musly's Jensen-Shannon-like divergence, all pairs. */
    public double[][] jensenShannon() {
        return jensenShannon(models);
    }

    /** trackflow's divergence ({@link TimbreModel#divergence}) of all pairs of {@code models}, in parallel. */
    public static double[][] jensenShannon(List<TimbreModel> models) {
        int n = models.size();
        double[][] out = new double[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] work = models.get(i).newWork();
            for (int j = i + 1; j < n; j++) {
                out[i][j] = TimbreModel.divergence(models.get(i), models.get(j), work);
            }
        });
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                out[i][j] = out[j][i];
            }
        }
        return out;
    }

    /** The symmetric Kullback-Leibler divergence, all pairs. */
    double[][] symmetricKl() {
        int d = mu[0].length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double trace = 0;
                double mahalanobis = 0;
                for (int p = 0; p < d; p++) {
                    for (int q = 0; q < d; q++) {
                        trace += inverse[i][p][q] * cov[j][q][p] + inverse[j][p][q] * cov[i][q][p];
                        mahalanobis += (mu[i][p] - mu[j][p]) * (inverse[i][p][q] + inverse[j][p][q]) * (mu[i][q] - mu[j][q]);
                    }
                }
                out[i][j] = out[j][i] = 0.25 * (trace + mahalanobis) - 0.5 * d;
            }
        }
        return out;
    }

    /** Mutual proximity of a full distance matrix, each track's statistics from its distances to all others. */
    public static double[][] mutualProximity(double[][] d) {
        int n = d.length;
        double[][] raw = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                raw[i][j] = i == j ? Double.NaN : d[i][j];
            }
        }
        MutualProximity mp = MutualProximity.fit(raw);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = i == j ? 0 : mp.distance(i, j, d[i][j]);
            }
        }
        return out;
    }

    /** Gauss-Jordan with partial pivoting. */
    static double[][] invert(double[][] a) {
        int d = a.length;
        double[][] m = new double[d][2 * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], 0, m[i], 0, d);
            m[i][d + i] = 1;
        }
        for (int c = 0; c < d; c++) {
            int p = c;
            for (int r = c + 1; r < d; r++) {
                p = Math.abs(m[r][c]) > Math.abs(m[p][c]) ? r : p;
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double v = m[c][c];
            for (int k = 0; k < 2 * d; k++) {
                m[c][k] /= v;
            }
            for (int r = 0; r < d; r++) {
                double f = m[r][c];
                if (r != c && f != 0) {
                    for (int k = 0; k < 2 * d; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(m[i], d, out[i], 0, d);
        }
        return out;
    }
}
