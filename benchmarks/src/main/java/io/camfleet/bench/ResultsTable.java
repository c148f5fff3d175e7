package io.camfleet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as a Markdown table: one row per measurement, its goal, and whether the goal was met.
 */
public final class ResultsTable {

  /** How a row's value is judged against its goal. */
  public enum Goal {
    AT_LEAST,
    AT_MOST,
    /** Reported for sizing; no goal. */
    NONE
  }

  /** One measured figure. {@code detail} says what was measured against what, and the runs. */
  public record Row(
      String item,
      String measure,
      double value,
      String unit,
      Goal goal,
      double target,
      String detail) {
    public Row {
      if (Double.isNaN(value)) {
        throw new IllegalArgumentException(item + ": not measured");
      }
    }

    public boolean met() {
      return switch (goal) {
        case AT_LEAST -> value >= target;
        case AT_MOST -> value <= target;
        case NONE -> true;
      };
    }

    /** Empty when the goal is met; otherwise by how much it is missed, as a share of the goal. */
    public String shortfall() {
      if (met()) {
        return "";
      }
      double off = goal == Goal.AT_LEAST ? (target - value) / target : (value - target) / target;
      return String.format(Locale.ROOT, "missed by %.0f%%", off * 100);
    }
  }

  private final List<Row> rows = new ArrayList<>();

  public ResultsTable add(Row row) {
    rows.add(row);
    return this;
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public String toMarkdown() {
    StringBuilder s = new StringBuilder();
    s.append("| # | measure | value | goal | met | runs |\n|---|---|---:|---|---|---|\n");
    for (Row r : rows) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s %s | %s | %s | %s |%n",
              r.item(),
              r.measure(),
              number(r.value()),
              r.unit(),
              goalText(r),
              r.goal() == Goal.NONE ? "-" : r.met() ? "yes" : "no, " + r.shortfall(),
              r.detail()));
    }
    return s.toString();
  }

  private static String goalText(Row r) {
    return switch (r.goal()) {
      case AT_LEAST -> ">= " + number(r.target()) + " " + r.unit();
      case AT_MOST -> "<= " + number(r.target()) + " " + r.unit();
      case NONE -> "-";
    };
  }

  /** Three significant figures for ratios, thousands separators for rates. */
  static String number(double v) {
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Runs as a short list: {@code 1.23k, 4.56k}. */
  public static String runs(List<Double> values) {
    return String.join(", ", values.stream().map(ResultsTable::number).toList());
  }
}
