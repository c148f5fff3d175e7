package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long original clips stay in the owner's account: a default period, per-region overrides (for
 * example 30 days in the EU) and what sharing does to the original.
 */
public record Retention(
    @JsonProperty(value = "days", required = true) int days,
    @JsonProperty("regions") Map<String, Integer> regions,
    @JsonProperty("sharedOriginals") SharedOriginals sharedOriginals) {

  /** What happens to an original clip once its owner shares it. */
  public enum SharedOriginals {
    /** The provider keeps a shared clip past the retention period (the status quo). */
    @JsonProperty("exempt")
    EXEMPT,
    /** The original is deleted on time, shared or not. */
    @JsonProperty("expire-on-time")
    EXPIRE_ON_TIME
  }

  public Retention {
    if (days <= 0) {
      throw new IllegalArgumentException(
          "retention.days must be a positive number of days, not " + days);
    }
    regions = regions == null ? Map.of() : new TreeMap<>(regions);
    regions.forEach(
        (region, d) -> {
          if (d == null || d <= 0) {
            throw new IllegalArgumentException(
                "retention.regions." + region + " must be a positive number of days, not " + d);
          }
        });
    regions = Map.copyOf(regions);
    sharedOriginals = sharedOriginals == null ? SharedOriginals.EXEMPT : sharedOriginals;
  }

  /** Retention period in days for an account in {@code region}. */
  public int daysFor(String region) {
    return regions.getOrDefault(region, days);
  }
}
