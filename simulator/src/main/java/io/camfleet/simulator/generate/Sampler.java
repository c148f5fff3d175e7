package io.camfleet.simulator.generate;

import io.camfleet.simulator.world.Spread;

/**
 * Draws from a {@link Spread} by a precomputed quantile table (log-normal through its median and
 * 90th percentile, clamped): one uniform draw, no transcendental function on the hot path.
 */
final class Sampler {
  private static final int STEPS = 4096;
  private static final double Z90 = 1.2815515655446004;
  private final double[] quantiles = new double[STEPS + 1];

  Sampler(Spread spread) {
    double mu = StrictMath.log(spread.median());
    double sigma =
        spread.p90() == spread.median() ? 0 : StrictMath.log(spread.p90() / spread.median()) / Z90;
    for (int i = 0; i <= STEPS; i++) {
      double u = (i + 0.5) / (STEPS + 1);
      double value = sigma == 0 ? spread.median() : StrictMath.exp(mu + sigma * inverseNormal(u));
      quantiles[i] = Math.min(spread.max(), Math.max(spread.min(), value));
    }
  }

  /** The quantity at uniform draw {@code u} in [0, 1). */
  double at(double u) {
    double position = u * STEPS;
    int i = (int) position;
    double fraction = position - i;
    return quantiles[i] + (quantiles[i + 1] - quantiles[i]) * fraction;
  }

  double sample(Rng rng) {
    return at(rng.nextDouble());
  }

  /**
   * Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9).
   */
  static double inverseNormal(double p) {
    final double[] a = {
      -3.969683028665376e+01,
      2.209460984245205e+02,
      -2.759285104469687e+02,
      1.383577518672690e+02,
      -3.066479806614716e+01,
      2.506628277459239e+00
    };
    final double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    final double[] c = {
      -7.784894002430293e-03,
      -3.223964580411365e-01,
      -2.400758277161838e+00,
      -2.549732539343734e+00,
      4.374664141464968e+00,
      2.938163982698783e+00
    };
    final double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double low = 0.02425;
    if (p < low) {
      double q = StrictMath.sqrt(-2 * StrictMath.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      double q = StrictMath.sqrt(-2 * StrictMath.log(1 - p));
      return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
