package io.camfleet.schemas.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Measures that reports show together as one table, as data: the rows in order, each a measure of
 * the vocabulary named by its wire name, a part (a cause of the row it follows) one level in; and
 * the measures that make the table worth showing (it appears when any of them is not 0 for any
 * policy). A row whose measure the vocabulary does not hold is left out, so a table may name a
 * measure before a service writes it.
 */
public enum MeasureTable {
  /** What happened to police requests at the portal: sent, refused and narrowed, by cause. */
  PORTAL(
      "Requests at the portal",
      "Police requests the agencies made, the ones the portal sent out, refused and narrowed under"
          + " each policy, by cause, and the request emails it sent and withheld.",
      List.of("requestsRefused", "requestsNarrowed"),
      List.of(
          new Row("requestsMade", 0),
          new Row("requests", 0),
          new Row("requestsRefused", 0),
          new Row("requestsRefusedPortalClosed", 1),
          new Row("requestsRefusedWindowBelowMinimum", 1),
          new Row("requestsRefusedAreaBelowMinimum", 1),
          new Row("requestsRefusedPastLookBack", 1),
          new Row("requestsNarrowed", 0),
          new Row("requestsNarrowedWindow", 1),
          new Row("requestsNarrowedArea", 1),
          new Row("requestsNarrowedLookBack", 1),
          new Row("notifications", 0),
          new Row("notificationsWithheld", 0)));

  /**
   * One row: the measure's wire name and its level, 0 for a row of its own, 1 for a part of the
   * nearest row above at level 0.
   */
  public record Row(String wireName, int level) {
    public Row {
      Objects.requireNonNull(wireName, "wireName");
      if (level < 0 || level > 1) {
        throw new IllegalArgumentException("row " + wireName + ": level 0 or 1, not " + level);
      }
    }
  }

  private final String title;
  private final String description;
  private final List<String> shownWhen;
  private final List<Row> rows;

  MeasureTable(String title, String description, List<String> shownWhen, List<Row> rows) {
    this.title = title;
    this.description = description;
    this.shownWhen = shownWhen;
    this.rows = rows;
  }

  /** The table's heading. */
  public String title() {
    return title;
  }

  /** What it shows, in one sentence. */
  public String description() {
    return description;
  }

  /** Every row as the table names it, whether or not the vocabulary holds its measure yet. */
  public List<Row> namedRows() {
    return rows;
  }

  /** The rows whose measure a service writes, in order, with that measure. */
  public List<Resolved> rows() {
    List<Resolved> resolved = new ArrayList<>();
    for (Row row : rows) {
      find(row.wireName()).ifPresent(m -> resolved.add(new Resolved(m, row.level())));
    }
    return List.copyOf(resolved);
  }

  /** The measures a service writes of which any not 0 makes the table worth showing. */
  public List<StatsMeasure> shownWhen() {
    List<StatsMeasure> measures = new ArrayList<>();
    for (String name : shownWhen) {
      find(name).ifPresent(measures::add);
    }
    return List.copyOf(measures);
  }

  /** A row with its measure. */
  public record Resolved(StatsMeasure measure, int level) {}

  private static java.util.Optional<StatsMeasure> find(String wireName) {
    return java.util.Arrays.stream(StatsService.values())
        .flatMap(service -> service.measures().stream())
        .filter(m -> m.wireName().equals(wireName))
        .findFirst();
  }
}
