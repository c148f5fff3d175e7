package io.camfleet.schemas.stats;

/** How a measure's daily value relates to the run. */
public enum MeasureKind {
  /** Cumulative over the run: everything counted from the start up to the end of the day. */
  COUNTER,
  /** A value at the end of the day: what exists then. */
  LEVEL;

  /** The kind as a person reads it: {@code counter} or {@code level}. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
