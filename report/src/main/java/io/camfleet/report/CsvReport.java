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

  static String render(Comparison comparison) {
    return render(comparison.runs().get(0).report());
  }

  static String render(Report report) {
    StringBuilder out = new StringBuilder();
    List<String> header = List.copyOf(row(report.policies().get(0)).keySet());
    line(out, header);
    for (PolicyReport policy : report.policies()) {
      line(out, List.copyOf(row(policy).values()));
    }
    return out.toString();
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
