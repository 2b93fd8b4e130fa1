package org.trackflow.bench.trials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.decode.AudioDecoder;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.spectral.MelSpectrum;
import org.trackflow.udfs.spectral.Spectrum;
import org.trackflow.udfs.spectral.TimbreMfcc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.similarity.Similarity;
import org.trackflow.pipeline.similarity.TimbreModel;
import org.trackflow.pipeline.similarity.Weights;

import org.trackflow.bench.SimilarityEval;
import org.trackflow.bench.TimbreVariants;
import static org.trackflow.bench.trials.SimilarityTrials.BANDS;
import static org.trackflow.bench.trials.SimilarityTrials.BLOCK;
import static org.trackflow.bench.trials.SimilarityTrials.D;
import static org.trackflow.bench.trials.SimilarityTrials.RATE;

/** Within-source covariance normalisation learnt on a background library. */
final class Wccn {
    /** A track's vector: timbre mean and log deviations, log fluctuation pattern, feature-space point. */
    static double[] vector(TrackRecord r, FeatureSpace space) {
        List<Double> v = new ArrayList<>();
        List<Float> m = r.getTimbreMean();
        List<Float> c = r.getTimbreCov();
        int d = m.size();
        for (int i = 0; i < d; i++) {
            v.add((double) m.get(i));
        }
        for (int i = 0, k = 0; i < d; k += d - i, i++) {
            v.add(0.5 * Math.log(c.get(k) + 1e-4));
        }
        for (float f : r.getFluctuationPattern()) {
            v.add(Math.log(1e-3 + f));
        }
        for (double f : space.vector(r)) {
            v.add(f);
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static boolean complete(TrackRecord r) {
        return r.getTimbreCov() != null && r.getFluctuationPattern() != null && !r.getFluctuationPattern().isEmpty();
    }

    /** Cosine distances of {@code rows} after the normalisation learnt on {@code background}. */
    static double[][] distances(List<TrackRecord> background, List<TrackRecord> rows, int axes, double regularisation) {
        List<TrackRecord> bg = background.stream().filter(Wccn::complete).toList();
        FeatureSpace space = FeatureSpace.fit(bg);
        double[][] b = bg.stream().map(r -> vector(r, space)).toArray(double[][]::new);
        // a track without a pattern or model keeps the background mean there (0 after standardising)
        double[][] e = rows.stream().map(r -> complete(r) ? vector(r, space) : null).toArray(double[][]::new);
        int dims = b[0].length;
        double[][] moments = SimilarityTrials.moments(b.length, dims, (r, k) -> b[r][k]);
        double[] mu = moments[0];
        double[] sd = new double[dims];
        for (int k = 0; k < dims; k++) {
            sd[k] = Math.sqrt(moments[1][k]) + 1e-9;
        }
        for (int i = 0; i < e.length; i++) {
            e[i] = e[i] == null ? mu.clone() : e[i];
        }
        for (double[][] set : new double[][][] {b, e}) {
            for (double[] x : set) {
                for (int k = 0; k < dims; k++) {
                    x[k] = (x[k] - mu[k]) / sd[k];
                }
            }
        }
        double[][] axesOf = principalAxes(b, Math.min(axes, dims));
        double[][] bp = project(b, axesOf);
        double[][] ep = project(e, axesOf);
        double[][] whiten = inverseRoot(withinSource(bp, bg.stream().map(SimilarityEval::source).toArray(String[]::new), regularisation));
        double[][] y = project(ep, whiten);
        for (double[] v : y) {
            double norm = Math.sqrt(Arrays.stream(v).map(a -> a * a).sum()) + 1e-12;
            for (int k = 0; k < v.length; k++) {
                v[k] /= norm;
            }
        }
        int n = y.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < y[i].length; k++) {
                    dot += y[i][k] * y[j][k];
                }
                d[i][j] = i == j ? 0 : 1 - dot;
            }
        }
        return d;
    }

    /** Rows of {@code axes}: the leading eigenvectors of the covariance of x (centred), by orthogonal iteration. */
    static double[][] principalAxes(double[][] x, int count) {
        int dims = x[0].length;
        double[][] cov = new double[dims][dims];
        for (double[] v : x) {
            for (int i = 0; i < dims; i++) {
                for (int j = 0; j < dims; j++) {
                    cov[i][j] += v[i] * v[j] / x.length;
                }
            }
        }
        Random random = new Random(1);
        double[][] q = new double[count][dims];
        for (double[] v : q) {
            for (int i = 0; i < dims; i++) {
                v[i] = random.nextGaussian();
            }
        }
        for (int it = 0; it < 100; it++) {
            double[][] next = new double[count][dims];
            for (int c = 0; c < count; c++) {
                for (int i = 0; i < dims; i++) {
                    double s = 0;
                    for (int j = 0; j < dims; j++) {
                        s += cov[i][j] * q[c][j];
                    }
                    next[c][i] = s;
                }
            }
            orthonormalise(next);
            q = next;
        }
        return q;
    }

    static void orthonormalise(double[][] u) {
        for (int c = 0; c < u.length; c++) {
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < u[c].length; i++) {
                    dot += u[c][i] * u[p][i];
                }
                for (int i = 0; i < u[c].length; i++) {
                    u[c][i] -= dot * u[p][i];
                }
            }
            double norm = Math.sqrt(Arrays.stream(u[c]).map(a -> a * a).sum()) + 1e-300;
            for (int i = 0; i < u[c].length; i++) {
                u[c][i] /= norm;
            }
        }
    }

    /** x times the rows of m: {@code y[n][r] = m[r] . x[n]}. */
    static double[][] project(double[][] x, double[][] m) {
        double[][] y = new double[x.length][m.length];
        for (int n = 0; n < x.length; n++) {
            for (int r = 0; r < m.length; r++) {
                double s = 0;
                for (int i = 0; i < m[r].length; i++) {
                    s += m[r][i] * x[n][i];
                }
                y[n][r] = s;
            }
        }
        return y;
    }

    /** The covariance of x around its source's mean, {@code regularisation} x the mean variance added. */
    static double[][] withinSource(double[][] x, String[] source, double regularisation) {
        int dims = x[0].length;
        Map<String, double[]> means = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 0; n < x.length; n++) {
            double[] m = means.computeIfAbsent(source[n], s -> new double[dims]);
            for (int i = 0; i < dims; i++) {
                m[i] += x[n][i];
            }
            counts.merge(source[n], 1, Integer::sum);
        }
        means.forEach((s, m) -> {
            for (int i = 0; i < dims; i++) {
                m[i] /= counts.get(s);
            }
        });
        double[][] w = new double[dims][dims];
        for (int n = 0; n < x.length; n++) {
            double[] m = means.get(source[n]);
            for (int i = 0; i < dims; i++) {
                for (int j = 0; j < dims; j++) {
                    w[i][j] += (x[n][i] - m[i]) * (x[n][j] - m[j]) / x.length;
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < dims; i++) {
            trace += w[i][i] / dims;
        }
        for (int i = 0; i < dims; i++) {
            w[i][i] += regularisation * trace;
        }
        return w;
    }

    /** {@code a^-1/2} of a symmetric positive definite matrix, by Jacobi rotations. */
    static double[][] inverseRoot(double[][] a0) {
        int p = a0.length;
        double[][] a = new double[p][];
        for (int i = 0; i < p; i++) {
            a[i] = a0[i].clone();
        }
        double[][] v = new double[p][p];
        for (int i = 0; i < p; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off < 1e-20) {
                break;
            }
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    if (Math.abs(a[i][j]) < 1e-15) {
                        continue;
                    }
                    double theta = (a[j][j] - a[i][i]) / (2 * a[i][j]);
                    double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double cos = 1 / Math.sqrt(t * t + 1);
                    double sin = t * cos;
                    for (int k = 0; k < p; k++) {
                        double ki = a[k][i];
                        double kj = a[k][j];
                        a[k][i] = cos * ki - sin * kj;
                        a[k][j] = sin * ki + cos * kj;
                    }
                    for (int k = 0; k < p; k++) {
                        double ik = a[i][k];
                        double jk = a[j][k];
                        a[i][k] = cos * ik - sin * jk;
                        a[j][k] = sin * ik + cos * jk;
                    }
                    for (int k = 0; k < p; k++) {
                        double ki = v[k][i];
                        double kj = v[k][j];
                        v[k][i] = cos * ki - sin * kj;
                        v[k][j] = sin * ki + cos * kj;
                    }
                }
            }
        }
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += v[i][k] * v[j][k] / Math.sqrt(Math.max(1e-12, a[k][k]));
                }
                out[i][j] = s;
            }
        }
        return out;
    }
}

