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

/** A diagonal Gaussian mixture fitted by EM on the library's own frames, and MAP-adapted mean supervectors. */
final class Ubm {
    final int components;
    final double[] weight;
    final double[][] mean;
    final double[][] variance;

    Ubm(int components) {
        this.components = components;
        weight = new double[components];
        mean = new double[components][D];
        variance = new double[components][D];
    }

    static double[][] supervectors(Track[] tracks, int components, double relevance) {
        Ubm u = fit(tracks, components, 60_000, 12);
        return Arrays.stream(tracks).parallel().map(t -> u.supervector(t.mfcc, relevance)).toArray(double[][]::new);
    }

    /** EM from random frames as means and the global variance, on {@code sample} frames drawn at random. */
    static Ubm fit(Track[] tracks, int components, int sample, int iterations) {
        Random random = new Random(3);
        int total = Arrays.stream(tracks).mapToInt(t -> t.mfcc.length).sum();
        float[][] x = new float[Math.min(sample, total)][];
        for (int s = 0; s < x.length; s++) {
            int at = random.nextInt(total);
            int t = 0;
            while (at >= tracks[t].mfcc.length) {
                at -= tracks[t++].mfcc.length;
            }
            x[s] = tracks[t].mfcc[at];
        }
        double[] globalVariance = SimilarityTrials.moments(x.length, D, (r, k) -> x[r][k])[1];
        Ubm u = new Ubm(components);
        for (int c = 0; c < components; c++) {
            float[] f = x[random.nextInt(x.length)];
            for (int k = 0; k < D; k++) {
                u.mean[c][k] = f[k];
                u.variance[c][k] = globalVariance[k];
            }
            u.weight[c] = 1.0 / components;
        }
        double[] g = new double[components];
        for (int it = 0; it < iterations; it++) {
            double[] count = new double[components];
            double[][] first = new double[components][D];
            double[][] second = new double[components][D];
            for (float[] f : x) {
                u.posteriors(f, g);
                for (int c = 0; c < components; c++) {
                    count[c] += g[c];
                    for (int k = 0; k < D; k++) {
                        first[c][k] += g[c] * f[k];
                        second[c][k] += g[c] * f[k] * f[k];
                    }
                }
            }
            for (int c = 0; c < components; c++) {
                u.weight[c] = Math.max(count[c], 1e-3) / x.length;
                if (count[c] >= 1) {
                    for (int k = 0; k < D; k++) {
                        u.mean[c][k] = first[c][k] / count[c];
                        u.variance[c][k] = Math.max(1e-3 * globalVariance[k], second[c][k] / count[c] - u.mean[c][k] * u.mean[c][k]);
                    }
                }
            }
        }
        return u;
    }

    void posteriors(float[] f, double[] g) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < components; c++) {
            double s = Math.log(weight[c]);
            for (int k = 0; k < D; k++) {
                double e = f[k] - mean[c][k];
                s -= 0.5 * (e * e / variance[c][k] + Math.log(variance[c][k]));
            }
            g[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < components; c++) {
            g[c] = Math.exp(g[c] - max);
            sum += g[c];
        }
        for (int c = 0; c < components; c++) {
            g[c] /= sum;
        }
    }

    double[] supervector(float[][] frames, double relevance) {
        double[] count = new double[components];
        double[][] first = new double[components][D];
        double[] g = new double[components];
        for (float[] f : frames) {
            posteriors(f, g);
            for (int c = 0; c < components; c++) {
                count[c] += g[c];
                for (int k = 0; k < D; k++) {
                    first[c][k] += g[c] * f[k];
                }
            }
        }
        double[] sv = new double[components * D];
        for (int c = 0; c < components; c++) {
            double alpha = count[c] / (count[c] + relevance);
            for (int k = 0; k < D; k++) {
                double m = count[c] > 0 ? first[c][k] / count[c] : mean[c][k];
                sv[c * D + k] = Math.sqrt(weight[c]) * alpha * (m - mean[c][k]) / Math.sqrt(variance[c][k]);
            }
        }
        return sv;
    }
}


