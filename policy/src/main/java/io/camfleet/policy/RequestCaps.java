package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Limits on police footage requests, and where they act ({@code enforcedAt}). At the share (the
 * default) a request narrower than a minimum is refused whole, and footage outside the allowed
 * window (counted from the window's start), area or look-back is blocked when it is shared. At the
 * portal the same limits refuse or narrow the request before any email goes out ({@link Portal}).
 * {@code open: false} means the portal takes no requests. Absent limits do not apply.
 */
public record RequestCaps(
    @JsonProperty("maxWindowHours") Double maxWindowHours,
    @JsonProperty("minWindowMinutes") Double minWindowMinutes,
    @JsonProperty("maxAreaSquareMiles") Double maxAreaSquareMiles,
    @JsonProperty("minAreaSquareMiles") Double minAreaSquareMiles,
    @JsonProperty("maxLookBackDays") Double maxLookBackDays,
    @JsonProperty("enforcedAt") EnforcedAt enforcedAt,
    @JsonProperty("open") Boolean open) {

  public static final RequestCaps UNCAPPED =
      new RequestCaps(null, null, null, null, null, null, null);

  /** Where the caps act: on the request at the portal, or on each share. */
  public enum EnforcedAt {
    /** The portal refuses or narrows a request before any email goes out. */
    @JsonProperty("portal")
    PORTAL,
    /** Requests go out as asked; each share is checked against the caps (the status quo). */
    @JsonProperty("share")
    SHARE
  }

  @JsonCreator
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
    enforcedAt = enforcedAt == null ? EnforcedAt.SHARE : enforcedAt;
    open = open == null || open;
  }

  /** Caps acting at the share, the portal open, as files gave them before {@code enforcedAt}. */
  public RequestCaps(
      Double maxWindowHours,
      Double minWindowMinutes,
      Double maxAreaSquareMiles,
      Double minAreaSquareMiles,
      Double maxLookBackDays) {
    this(
        maxWindowHours,
        minWindowMinutes,
        maxAreaSquareMiles,
        minAreaSquareMiles,
        maxLookBackDays,
        null,
        null);
  }

  /** Whether the portal itself refuses or narrows requests under these caps. */
  public boolean atPortal() {
    return enforcedAt == EnforcedAt.PORTAL;
  }

  private static void positive(String field, Double value) {
    if (value != null && !(value > 0)) {
      throw new IllegalArgumentException(field + " must be a positive number, not " + value);
    }
  }
}
