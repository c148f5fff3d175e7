package io.camfleet.report;

import io.camfleet.avro.HolderType;

/** A final figure split by who holds the copies, read from the {@code <measure>.<HOLDER_TYPE>} keys. */
public enum HolderBreakdown implements Figure {
  COPIES_ALIVE("copiesByHolderType", Group.COPIES, "copiesAlive"),
  COPIES_CREATED("copiesCreatedByHolderType", Group.COPIES, "copiesCreated"),
  HOUSEHOLDS_EXPOSED("householdsExposedByHolderType", Group.EXPOSURE, "householdsExposed");

  private final String field;
  private final Group group;
  private final String source;

  HolderBreakdown(String field, Group group, String source) {
    this.field = field;
    this.group = group;
    this.source = source;
  }

  /** The object's name in report.json; report.csv and report.md flatten it as {@code field.HOLDER_TYPE}. */
  @Override
  public String field() {
    return field;
  }

  @Override
  public Group group() {
    return group;
  }

  /** The sharing-service measure key for one holder type. */
  public String source(HolderType holder) {
    return source + "." + holder.name();
  }
}
