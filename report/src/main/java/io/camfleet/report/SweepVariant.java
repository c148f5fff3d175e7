package io.camfleet.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One variant of a sweep: the value of each varied world key (by its YAML path, as given on the
 * command line) and the comparison run on that variant of the world.
 */
public record SweepVariant(Map<String, String> values, Comparison comparison) {
  public SweepVariant {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(comparison, "comparison");
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
