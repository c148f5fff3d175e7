package io.camfleet.simulator.world;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A positive quantity that varies: log-normal with the given median and 90th percentile, clamped to
 * {@code [min, max]}. The unit is the one named by the field that holds it ({@code radiusMiles},
 * {@code windowHours}, ...). A median equal to the 90th percentile makes the quantity constant.
 */
public record Spread(
    @JsonProperty(value = "median", required = true) double median,
    @JsonProperty(value = "p90", required = true) double p90,
    @JsonProperty(value = "min", required = true) double min,
    @JsonProperty(value = "max", required = true) double max) {

  public Spread {
    if (!(median > 0) || Double.isInfinite(median)) {
      throw new IllegalArgumentException("median must be a positive number, not " + median);
    }
    if (!(min >= 0) || min > median) {
      throw new IllegalArgumentException(
          "min must be between 0 and the median " + median + ", not " + min);
    }
    if (!(p90 >= median)) {
      throw new IllegalArgumentException(
          "p90 must be at least the median " + median + ", not " + p90);
    }
    if (!(max >= p90) || Double.isInfinite(max)) {
      throw new IllegalArgumentException(
          "max must be a finite number at least p90 " + p90 + ", not " + max);
    }
  }

  /** A quantity that is always {@code value}. */
  public static Spread constant(double value) {
    return new Spread(value, value, value, value);
  }
}
