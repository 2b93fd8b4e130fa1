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

/** A track's timbre MFCC frames and block-level patterns, from one decode. */
final class Track {
    final float[][] mfcc;
    final double[] spectralPattern;
    final double[] varianceDeltaPattern;

    Track(float[][] mfcc, double[] spectralPattern, double[] varianceDeltaPattern) {
        this.mfcc = mfcc;
        this.spectralPattern = spectralPattern;
        this.varianceDeltaPattern = varianceDeltaPattern;
    }

    static Track of(Path file) {
        float[][] buffer = {new float[1 << 20]};
        int[] length = {0};
        try {
            new AudioDecoder(RATE).decode(file, new AudioListener() {
                @Override
                public void analysisAudio(float[] samples, int count) {
                    if (length[0] + count > buffer[0].length) {
                        buffer[0] = Arrays.copyOf(buffer[0], Math.max(2 * buffer[0].length, length[0] + count));
                    }
                    System.arraycopy(samples, 0, buffer[0], length[0], count);
                    length[0] += count;
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        float[] x = buffer[0];
        int frames = Math.max(0, (length[0] - FrameGrid.FRAME_LENGTH) / FrameGrid.HOP + 1);
        Spectrum spectrum = new Spectrum(RATE);
        TimbreMfcc timbre = new TimbreMfcc(RATE);
        MelSpectrum mel = new MelSpectrum(RATE);
        float[][] mfcc = new float[frames][D];
        double[][] db = new double[frames][BANDS];
        double[] coefficients = new double[D];
        for (int t = 0; t < frames; t++) {
            spectrum.compute(x, t * FrameGrid.HOP);
            timbre.compute(spectrum.power, coefficients, 0);
            for (int k = 0; k < D; k++) {
                mfcc[t][k] = (float) coefficients[k];
            }
            mel.compute(spectrum.power, db[t]);
        }
        double[][] patterns = blockPatterns(db);
        return new Track(mfcc, patterns[0], patterns[1]);
    }

    /** The spectral pattern and the variance delta spectral pattern of the log-mel frames. */
    static double[][] blockPatterns(double[][] db) {
        List<double[]> sorted = new ArrayList<>();
        List<double[]> deltas = new ArrayList<>();
        double[] v = new double[BLOCK];
        double[] dv = new double[BLOCK];
        for (int s = 0; s + BLOCK + 3 <= db.length; s += BLOCK / 2) {
            double[] block = new double[BANDS * BLOCK];
            double[] delta = new double[BANDS * BLOCK];
            for (int b = 0; b < BANDS; b++) {
                for (int t = 0; t < BLOCK; t++) {
                    v[t] = db[s + t][b];
                    dv[t] = Math.max(0, db[s + t + 3][b] - db[s + t][b]);
                }
                Arrays.sort(v);
                Arrays.sort(dv);
                System.arraycopy(v, 0, block, b * BLOCK, BLOCK);
                System.arraycopy(dv, 0, delta, b * BLOCK, BLOCK);
            }
            sorted.add(block);
            deltas.add(delta);
        }
        int blocks = sorted.size();
        double[] p90 = new double[BANDS * BLOCK];
        double[] vdsp = new double[BANDS * BLOCK];
        double[] column = new double[blocks];
        for (int k = 0; blocks > 0 && k < p90.length; k++) {
            for (int q = 0; q < blocks; q++) {
                column[q] = sorted.get(q)[k];
            }
            Arrays.sort(column);
            p90[k] = column[(int) (0.9 * (blocks - 1))];
            double mean = 0;
            for (double[] d : deltas) {
                mean += d[k] / blocks;
            }
            double var = 0;
            for (double[] d : deltas) {
                var += (d[k] - mean) * (d[k] - mean) / blocks;
            }
            vdsp[k] = Math.sqrt(var);
        }
        return new double[][] {p90, vdsp};
    }

    /**
     * trackflow's timbre model of variant v's frames (see {@link SimilarityTrials#call}): 0 all, 1 with
     * deltas, 2 the central 60 s, 3 all but the quietest 10 % (by rank of the 0th coefficient, ties by
     * time). Two passes over the chosen frames (mean, then covariance), each frame's vector in one buffer.
     */
    TimbreModel gaussian(int variant) {
        int frames = mfcc.length;
        boolean[] chosen = new boolean[frames];
        int from = variant == 1 ? 2 : 0;
        int to = variant == 1 ? frames - 2 : frames;
        if (variant == 2) {
            int length = Math.min(frames, 60 * RATE / FrameGrid.HOP);
            from = (frames - length) / 2;
            to = from + length;
        }
        Arrays.fill(chosen, Math.max(0, from), Math.max(from, to), true);
        if (variant == 3) {
            Integer[] byLoudness = IntStream.range(0, frames).boxed().toArray(Integer[]::new);
            Arrays.sort(byLoudness, Comparator.comparingDouble((Integer t) -> mfcc[t][0]).thenComparingInt(t -> t));
            for (int r = 0; r < frames / 10; r++) {
                chosen[byLoudness[r]] = false;
            }
        }
        int d = variant == 1 ? 2 * D : D;
        double[] x = new double[d];
        double[] mean = new double[d];
        int count = 0;
        for (int t = 0; t < frames; t++) {
            if (chosen[t]) {
                vector(t, d, x);
                for (int k = 0; k < d; k++) {
                    mean[k] += x[k];
                }
                count++;
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= count;
        }
        double[] upper = new double[d * (d + 1) / 2];
        for (int t = 0; t < frames; t++) {
            if (chosen[t]) {
                vector(t, d, x);
                for (int p = 0, k = 0; p < d; p++) {
                    for (int q = p; q < d; q++, k++) {
                        upper[k] += (x[p] - mean[p]) * (x[q] - mean[q]);
                    }
                }
            }
        }
        for (int k = 0; k < upper.length; k++) {
            upper[k] /= count - 1;
        }
        return TimbreModel.of(mean, upper);
    }

    /** Frame t's coefficients, followed by their deltas (regression over +-2 frames) when d is twice them. */
    void vector(int t, int d, double[] x) {
        for (int k = 0; k < D; k++) {
            x[k] = mfcc[t][k];
            if (d > D) {
                x[D + k] = (2 * (mfcc[t + 2][k] - mfcc[t - 2][k]) + (mfcc[t + 1][k] - mfcc[t - 1][k])) / 10.0;
            }
        }
    }
}


