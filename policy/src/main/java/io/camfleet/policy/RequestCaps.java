package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Limits on police footage requests. A request narrower than a minimum is refused whole; footage
 * outside the allowed window (counted from the window's start), area or look-back is blocked.
 * Absent limits do not apply.
 */
public record RequestCaps(
    @JsonProperty("maxWindowHours") Double maxWindowHours,
    @JsonProperty("minWindowMinutes") Double minWindowMinutes,
    @JsonProperty("maxAreaSquareMiles") Double maxAreaSquareMiles,
    @JsonProperty("minAreaSquareMiles") Double minAreaSquareMiles,
    @JsonProperty("maxLookBackDays") Double maxLookBackDays) {

  public static final RequestCaps UNCAPPED = new RequestCaps(null, null, null, null, null);

  public RequestCaps {
    positive("requests.maxWindowHours", maxWindowHours);
    positive("requests.minWindowMinutes", minWindowMinutes);
    positive("requests.maxAreaSquareMiles", maxAreaSquareMiles);
    positive("requests.minAreaSquareMiles", minAreaSquareMiles);
    positive("requests.maxLookBackDays", maxLookBackDays);
    if (maxWindowHours != null
        && minWindowMinutes != null
        && minWindowMinutes > maxWindowHours * 60) {
      throw new IllegalArgumentException(
          "requests.minWindowMinutes is longer than requests.maxWindowHours");
    }
    if (maxAreaSquareMiles != null
        && minAreaSquareMiles != null
        && minAreaSquareMiles > maxAreaSquareMiles) {
      throw new IllegalArgumentException(
          "requests.minAreaSquareMiles is larger than requests.maxAreaSquareMiles");
    }
  }

  private static void positive(String field, Double value) {
    if (value != null && !(value > 0)) {
      throw new IllegalArgumentException(field + " must be a positive number, not " + value);
    }
  }
}
