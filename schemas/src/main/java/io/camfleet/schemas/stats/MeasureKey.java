package io.camfleet.schemas.stats;

import io.camfleet.avro.HolderType;
import java.util.Objects;

/**
 * The name of one value in {@code DailyStats.measures}: a whole measure, or its part for one holder
 * type ({@code copiesAlive.FEDERAL_AGENCY}).
 *
 * @param holderType the holder type of the part, or null for the whole measure
 */
public record MeasureKey(StatsMeasure measure, HolderType holderType) {
  /** Between a measure's name and the holder type in the key of a part. */
  public static final char SEPARATOR = '.';

  public MeasureKey {
    Objects.requireNonNull(measure, "measure");
    if (holderType != null && !measure.byHolderType()) {
      throw new IllegalArgumentException(
          "measure '"
              + measure.wireName()
              + "' of "
              + measure.service().id()
              + " has no parts by holder type");
    }
  }

  /** The whole measure. */
  public static MeasureKey of(StatsMeasure measure) {
    return new MeasureKey(measure, null);
  }

  /** The part of {@code measure} held by {@code holder}. */
  public static MeasureKey byHolder(StatsMeasure measure, HolderType holder) {
    return new MeasureKey(measure, Objects.requireNonNull(holder, "holder"));
  }

  public StatsService service() {
    return measure.service();
  }

  /** The key as written in {@code DailyStats.measures}. */
  public String wireName() {
    return holderType == null
        ? measure.wireName()
        : measure.wireName() + SEPARATOR + holderType.name();
  }

  /** A short name a person reads: the measure's label, then the holder type's for a part. */
  public String label() {
    return holderType == null
        ? measure.label()
        : measure.label() + ", " + HolderTypes.label(holderType);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
