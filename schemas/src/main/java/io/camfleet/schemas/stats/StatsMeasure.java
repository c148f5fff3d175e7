package io.camfleet.schemas.stats;

import io.camfleet.avro.HolderType;

/**
 * One measure a service writes into {@code DailyStats.measures} for each policy and simulated day.
 * The constants are {@link RetentionMeasure} and {@link SharingMeasure}; look a name read from
 * outside up with {@link StatsService#measure(String)}.
 */
public sealed interface StatsMeasure permits RetentionMeasure, SharingMeasure {

  /**
   * The key in {@code DailyStats.measures}, a field of the flat JSON: a public contract, never
   * renamed.
   */
  String wireName();

  /** The service that computes it. */
  StatsService service();

  /** Cumulative over the run, or a value at the day's end. */
  MeasureKind kind();

  MeasureUnit unit();

  /** A short name a person reads, e.g. {@code clips alive}. */
  String label();

  /** What it counts, in one plain sentence. */
  String definition();

  /**
   * Whether the service also writes the measure once per holder type of the copies, under {@code
   * <wireName>.<HOLDER_TYPE>} ({@link MeasureKey#byHolder}); the parts add up to the whole.
   */
  boolean byHolderType();

  /** The constant's name in its enum. */
  String name();

  /** The constant's position in its enum. */
  int ordinal();

  /** The key of the whole measure. */
  default MeasureKey key() {
    return MeasureKey.of(this);
  }

  /** The key of the part held by {@code holder}; only for a measure {@link #byHolderType()}. */
  default MeasureKey of(HolderType holder) {
    return MeasureKey.byHolder(this, holder);
  }
}
