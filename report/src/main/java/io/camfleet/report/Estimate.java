package io.camfleet.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a sample of per-seed values says about their mean: the mean, the sample standard deviation
 * (n - 1 in the denominator) and the 95% confidence interval of the mean by Student's t with n - 1
 * degrees of freedom. With one value the standard deviation and the interval are undefined: {@link
 * #hasInterval()} is false and {@link #sd()}, {@link #low()} and {@link #high()} are NaN.
 */
public record Estimate(int n, double mean, double sd, double low, double high) {
  /** The confidence level of every interval in a report. */
  public static final double LEVEL = 0.95;

  private static final Map<Integer, Double> T_QUANTILES = new ConcurrentHashMap<>();

  public Estimate {
    if (n < 1) {
      throw new IllegalArgumentException("an estimate needs at least one value");
    }
  }

  /** The estimate from {@code values}, one per seed. */
  public static Estimate of(List<? extends Number> values) {
    Objects.requireNonNull(values, "values");
    double[] xs = values.stream().mapToDouble(Number::doubleValue).toArray();
    return of(xs);
  }

  static Estimate of(double[] xs) {
    int n = xs.length;
    if (n == 0) {
      throw new IllegalArgumentException("an estimate needs at least one value");
    }
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    double mean = sum / n;
    if (n == 1) {
      return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double squares = 0;
    for (double x : xs) {
      squares += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(squares / (n - 1));
    double half = T_QUANTILES.computeIfAbsent(n - 1, Estimate::tQuantile) * sd / Math.sqrt(n);
    return new Estimate(n, mean, sd, mean - half, mean + half);
  }

  /** The quantile of Student's t that bounds the two-sided interval at {@link #LEVEL}. */
  static double tQuantile(int df) {
    return StudentT.quantile(1 - (1 - LEVEL) / 2, df);
  }

  /** Whether there is an interval: two values or more. */
  public boolean hasInterval() {
    return n > 1;
  }

  /** Whether the interval lies wholly above or wholly below 0. */
  public boolean excludesZero() {
    return hasInterval() && (low > 0 || high < 0);
  }
}
