package io.camfleet.schemas.stats;

import java.util.Locale;

/** What one unit of a measure is. */
public enum MeasureUnit {
  CLIPS,
  BYTES,
  SHARES,
  HOLDS,
  REQUESTS,
  EMAILS,
  ANSWERS,
  COPIES,
  HOUSEHOLDS,
  ADDRESSES;

  /** The unit as a person reads it, in the plural: {@code clips}, {@code bytes}... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
