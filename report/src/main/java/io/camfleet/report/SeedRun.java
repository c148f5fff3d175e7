package io.camfleet.report;

import java.util.Objects;

/**
 * One seed's run of a comparison: the ordinary single-seed report, exactly as {@link Report#build}
 * gives it for the world run with {@code seed}.
 */
public record SeedRun(long seed, Report report) {
  public SeedRun {
    Objects.requireNonNull(report, "report");
    if (report.world().seed() != seed) {
      throw new IllegalArgumentException(
          "the run of seed " + seed + " reports world seed " + report.world().seed());
    }
  }
}
