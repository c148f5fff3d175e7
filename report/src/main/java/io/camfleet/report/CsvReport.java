package io.camfleet.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders report.csv: one row per policy, the report.json field names as header, RFC 4180 quoting.
 */
final class CsvReport {
  private static final String CRLF = "\r\n";

  private CsvReport() {}

  /**
   * One row per policy, baseline first: its figures when there is one seed, their means over the
   * seeds when there are more.
   */
  static String render(Comparison comparison) {
    StringBuilder out = new StringBuilder();
    boolean header = true;
    for (PolicyInfo info : comparison.policies()) {
      Map<String, String> row = row(comparison.perSeed(info.name()).get(0));
      if (comparison.n() > 1) {
        for (ReportKey key : ReportKey.ALL) {
          row.put(key.name(), plain(comparison.summary(info.name(), key).mean()));
        }
      }
      if (header) {
        line(out, List.copyOf(row.keySet()));
        header = false;
      }
      line(out, List.copyOf(row.values()));
    }
    return out.toString();
  }

  /** A mean without grouping or exponent: {@code 12}, {@code 12.5}, {@code 3.3333333333333335}. */
  static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : new java.math.BigDecimal(Double.toString(value)).toPlainString();
  }

  /** The figures of one policy as flat columns: names, then figures, breakdowns flattened. */
  static Map<String, String> row(PolicyReport policy) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("name", policy.name());
    row.put("description", policy.info().description());
    row.put("policyFile", policy.info().policyFile());
    row.put("policyFileSha256", policy.info().policyFileSha256());
    row.put("finalDay", policy.end().day().toString());
    for (Figure figure : Figure.ALL) {
      if (figure instanceof Measure measure) {
        row.put(measure.field(), Long.toString(policy.figure(measure)));
      } else if (figure instanceof HolderBreakdown breakdown) {
        policy
            .figure(breakdown)
            .forEach(
                (holder, value) ->
                    row.put(breakdown.field() + "." + holder.name(), Long.toString(value)));
      }
    }
    return row;
  }

  static void line(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quoted(fields.get(i)));
    }
    out.append(CRLF);
  }

  /**
   * RFC 4180: a field with a comma, a double quote or a line break is quoted, its quotes doubled.
   */
  static String quoted(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
