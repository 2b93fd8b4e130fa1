package org.trackflow.pipeline.similarity;

/**
 * Mutual proximity (Schnitzer et al., "Using mutual proximity to improve content-based audio similarity",
 * ISMIR 2011), which removes hubs (tracks that are everybody's nearest neighbour) from a distance: each
 * track's distances to a sample of the library are modelled as a normal distribution N(mu_x, sigma_x), and
 * the distance of x and y becomes one minus the probability that both find each other closer than the
 * rest: {@code 1 - (1 - F_x(d)) (1 - F_y(d))}, with F the normal CDF. It is in 0..1 and symmetric.
 */
public final class MutualProximity {
    private final double[] mu;
    private final double[] sigma;

    /** {@code mu[i]}, {@code sigma[i]}: mean and standard deviation of track i's distances to the sample. */
    public MutualProximity(double[] mu, double[] sigma) {
        this.mu = mu;
        this.sigma = sigma;
    }

    /** Fits the per-track statistics from distances to a sample: {@code distances[i][s]}, NaN for itself. */
    public static MutualProximity fit(double[][] distances) {
        MutualProximity mp = unfitted(distances.length);
        for (int i = 0; i < distances.length; i++) {
            mp.fit(i, distances[i]);
        }
        return mp;
    }

    /** Statistics for n tracks, each fitted when it is first needed ({@link #fit(int, double[])}). */
    public static MutualProximity unfitted(int n) {
        double[] mu = new double[n];
        java.util.Arrays.fill(mu, Double.NaN);
        return new MutualProximity(mu, new double[n]);
    }

    public boolean fitted(int i) {
        return !Double.isNaN(mu[i]);
    }

    /** Fits track i's statistics from its distances to the sample (NaN for itself). */
    public void fit(int i, double[] distances) {
        double sum = 0;
        int count = 0;
        for (double v : distances) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        double m = count > 0 ? sum / count : 0;
        double ss = 0;
        for (double v : distances) {
            if (!Double.isNaN(v)) {
                ss += (v - m) * (v - m);
            }
        }
        double sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 1;
        sigma[i] = sd > 1e-12 ? sd : 1e-12;
        mu[i] = m;
    }

    /** The mutual-proximity distance of tracks i and j at raw distance {@code d}. */
    public double distance(int i, int j, double d) {
        return 1 - (1 - normalCdf((d - mu[i]) / sigma[i])) * (1 - normalCdf((d - mu[j]) / sigma[j]));
    }

    /** The standard normal CDF, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), as musly computes it. */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-z * z);
        return 0.5 * (1 + (x < 0 ? -erf : erf));
    }
}
