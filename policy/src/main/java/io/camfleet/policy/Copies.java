package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.camfleet.avro.HolderType;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long copies outside the owner's account live: indefinitely (the status quo), until the
 * original's own expiry, or a number of days per holder type.
 */
public record Copies(
    @JsonProperty("inheritOriginalExpiry") Boolean inheritOriginalExpiry,
    @JsonProperty("lifetimeDays") Map<HolderType, Integer> lifetimeDays) {

  public static final Copies KEPT_INDEFINITELY = new Copies(false, Map.of());

  public Copies {
    inheritOriginalExpiry = inheritOriginalExpiry != null && inheritOriginalExpiry;
    EnumMap<HolderType, Integer> copy = new EnumMap<>(HolderType.class);
    if (lifetimeDays != null) {
      lifetimeDays.forEach(
          (holder, d) -> {
            if (d == null || d <= 0) {
              throw new IllegalArgumentException(
                  "copies.lifetimeDays." + holder + " must be a positive number of days, not " + d);
            }
            copy.put(holder, d);
          });
    }
    if (inheritOriginalExpiry && !copy.isEmpty()) {
      throw new IllegalArgumentException(
          "copies: give either inheritOriginalExpiry or lifetimeDays, not both");
    }
    lifetimeDays = Map.copyOf(copy);
  }
}
