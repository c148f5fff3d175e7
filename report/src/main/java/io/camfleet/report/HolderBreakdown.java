package io.camfleet.report;

import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.SharingMeasure;

/**
 * A final figure split by who holds the copies, read from the parts by holder type of one measure.
 */
public enum HolderBreakdown implements Figure {
  COPIES_ALIVE("copiesByHolderType", Group.COPIES, SharingMeasure.COPIES_ALIVE),
  COPIES_CREATED("copiesCreatedByHolderType", Group.COPIES, SharingMeasure.COPIES_CREATED),
  HOUSEHOLDS_EXPOSED(
      "householdsExposedByHolderType", Group.EXPOSURE, SharingMeasure.HOUSEHOLDS_EXPOSED);

  private final String field;
  private final Group group;
  private final SharingMeasure source;

  HolderBreakdown(String field, Group group, SharingMeasure source) {
    if (!source.byHolderType()) {
      throw new IllegalArgumentException(source.wireName() + " has no parts by holder type");
    }
    this.field = field;
    this.group = group;
    this.source = source;
  }

  /**
   * The object's name in report.json; report.csv and report.md flatten it as {@code
   * field.HOLDER_TYPE}.
   */
  @Override
  public String field() {
    return field;
  }

  @Override
  public Group group() {
    return group;
  }

  /** The measure it splits. */
  public SharingMeasure source() {
    return source;
  }

  /** The measure's part for one holder type. */
  public MeasureKey source(HolderType holder) {
    return source.of(holder);
  }
}
