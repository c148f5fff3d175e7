package io.camfleet.report;

import io.camfleet.avro.HolderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The summary shown in report.md and report.html: a row per figure, a column per policy. */
record SummaryTable(List<String> policies, List<Row> rows) {

  /**
   * A figure's values, named as in report.csv ({@code field} or {@code field.HOLDER_TYPE}); {@code
   * holder} is null for a figure that is one number.
   */
  record Row(Figure.Group group, String measure, HolderType holder, List<Long> values) {
    Row {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(measure, "measure");
      values = List.copyOf(values);
    }
  }

  SummaryTable {
    policies = List.copyOf(policies);
    rows = List.copyOf(rows);
  }

  static SummaryTable of(Report report) {
    List<String> names = report.policies().stream().map(PolicyReport::name).toList();
    List<Row> rows = new ArrayList<>();
    for (Figure figure : Figure.ALL) {
      if (figure instanceof Measure measure) {
        rows.add(
            new Row(
                measure.group(),
                measure.field(),
                null,
                report.policies().stream().map(p -> p.figure(measure)).toList()));
      } else if (figure instanceof HolderBreakdown breakdown) {
        for (HolderType holder : HolderType.values()) {
          rows.add(
              new Row(
                  breakdown.group(),
                  breakdown.field() + "." + holder.name(),
                  holder,
                  report.policies().stream().map(p -> p.figure(breakdown).get(holder)).toList()));
        }
      }
    }
    return new SummaryTable(names, rows);
  }
}
