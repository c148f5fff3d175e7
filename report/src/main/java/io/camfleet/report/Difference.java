package io.camfleet.report;

import java.util.Objects;

/**
 * A policy against the baseline on one measure: the estimate of the paired differences (policy
 * minus baseline, seed by seed, same world) and the baseline's mean. The relative change and its
 * interval are the difference's mean and interval divided by the baseline's mean; they are
 * undefined (NaN) where the baseline's mean is 0.
 */
public record Difference(Estimate diff, double baselineMean) {
  public Difference {
    Objects.requireNonNull(diff, "diff");
  }

  /** Whether the relative change is defined: the baseline's mean is not 0. */
  public boolean hasRelative() {
    return baselineMean != 0;
  }

  public double relative() {
    return hasRelative() ? diff.mean() / baselineMean : Double.NaN;
  }

  public double relativeLow() {
    return hasRelative() ? bound(true) : Double.NaN;
  }

  public double relativeHigh() {
    return hasRelative() ? bound(false) : Double.NaN;
  }

  private double bound(boolean low) {
    double a = diff.low() / baselineMean;
    double b = diff.high() / baselineMean;
    return low ? Math.min(a, b) : Math.max(a, b);
  }

  /** Whether the policy gave exactly the baseline's value in every seed. */
  public boolean none() {
    return diff.mean() == 0 && (diff.n() == 1 || diff.sd() == 0);
  }
}
