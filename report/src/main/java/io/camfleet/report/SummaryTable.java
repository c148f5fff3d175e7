package io.camfleet.report;

import io.camfleet.avro.HolderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The summary shown in report.md and report.html: a row per figure, a column per policy (baseline
 * first), each value as printed (the mean over the seeds; bytes in their unit).
 */
record SummaryTable(List<String> policies, List<Row> rows) {

  /**
   * A figure's values, named as in report.csv ({@code field} or {@code field.HOLDER_TYPE}); {@code
   * holder} is null for a figure that is one number.
   */
  record Row(Figure.Group group, String measure, HolderType holder, List<String> values) {
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

  static SummaryTable of(Comparison comparison) {
    List<String> names = comparison.policies().stream().map(PolicyInfo::name).toList();
    List<Row> rows = new ArrayList<>();
    for (ReportKey key : ReportKey.ALL) {
      rows.add(
          new Row(
              key.figure().group(),
              key.name(),
              key.holder(),
              names.stream()
                  .map(name -> Words.value(key, comparison.summary(name, key).mean()))
                  .toList()));
    }
    return new SummaryTable(names, rows);
  }
}
