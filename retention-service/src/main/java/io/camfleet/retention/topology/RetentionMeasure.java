package io.camfleet.retention.topology;

import java.util.Arrays;
import java.util.List;

/** The measures the retention service reports per policy and day (names as in DailyStats). */
public enum RetentionMeasure {
  CLIPS_RECORDED("clipsRecorded"),
  CLIPS_EXPIRED("clipsExpired"),
  CLIPS_EXEMPT_BY_SHARE("clipsExemptByShare"),
  /** Level: originals neither expired nor exempt (held ones included). */
  CLIPS_ALIVE("clipsAlive"),
  /** Level: bytes of originals still stored, exempt and held ones included. */
  LIVE_BYTES("liveBytes"),
  SHARES_REFUSED("sharesRefused"),
  SHARES_RECORDED("sharesRecorded"),
  HOLDS_PLACED("holdsPlaced"),
  EXPIRY_HELD("expiryHeld"),
  HOLDS_RELEASED("holdsReleased");

  private final String measureName;

  RetentionMeasure(String measureName) {
    this.measureName = measureName;
  }

  public String measureName() {
    return measureName;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(RetentionMeasure::measureName).toList();
  }
}
