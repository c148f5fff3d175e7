package io.camfleet.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a sweep as sweep.csv (tidy: one row per variant, policy, seed and measure) and sweep.html
 * into a folder, all or nothing, as {@link ReportWriter} writes a report.
 */
public final class SweepWriter {
  /** The files a sweep consists of, in the order they are moved into place. */
  public static final List<String> FILES = List.of("sweep.csv", "sweep.html");

  /** The columns of sweep.csv after the varied keys. */
  static final List<String> COLUMNS = List.of("policy", "seed", "measure", "value");

  private SweepWriter() {}

  /**
   * Writes the two files into {@code outDir}, creating it if needed.
   *
   * @throws IOException naming {@code outDir} if it cannot be created or written; {@code outDir} is
   *     then left as it was and no temporary folder remains
   */
  public static void write(Sweep sweep, Path outDir) throws IOException {
    Objects.requireNonNull(sweep, "sweep");
    Map<String, byte[]> contents = new LinkedHashMap<>();
    contents.put("sweep.csv", csv(sweep).getBytes(StandardCharsets.UTF_8));
    contents.put("sweep.html", SweepHtml.render(sweep).getBytes(StandardCharsets.UTF_8));
    ReportWriter.writeAll("sweep", FILES, contents, outDir);
  }

  /**
   * sweep.csv: a header of the varied keys then {@link #COLUMNS}; a row per variant, policy
   * (baseline first), seed and measure (every {@link ReportKey}, as named in report.csv), RFC 4180
   * quoting.
   */
  static String csv(Sweep sweep) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(sweep.keys());
    header.addAll(COLUMNS);
    CsvReport.line(out, header);
    for (SweepVariant variant : sweep.variants()) {
      Comparison comparison = variant.comparison();
      for (PolicyInfo policy : comparison.policies()) {
        List<PolicyReport> runs = comparison.perSeed(policy.name());
        for (int s = 0; s < runs.size(); s++) {
          for (ReportKey key : ReportKey.ALL) {
            List<String> row = new ArrayList<>();
            sweep.keys().forEach(k -> row.add(variant.values().get(k)));
            row.add(policy.name());
            row.add(Long.toString(comparison.seeds().get(s)));
            row.add(key.name());
            row.add(Long.toString(key.value(runs.get(s))));
            CsvReport.line(out, row);
          }
        }
      }
    }
    return out.toString();
  }
}
