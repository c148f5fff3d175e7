package io.camfleet.report;

import io.camfleet.schemas.stats.MeasureTable;
import io.camfleet.schemas.stats.StatsMeasure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of the vocabulary ({@link MeasureTable}) as a report shows it: each row's label and each
 * policy's final figure of it (the mean over the seeds when there are several), rows of a cause
 * indented under their total.
 */
record TableSection(
    String id, String title, String description, List<String> policies, List<Row> rows) {

  /** One row: the measure's wire name and label, its level (1: a cause), a value per policy. */
  record Row(String wireName, String label, int level, List<Double> values) {
    Row {
      values = List.copyOf(values);
    }
  }

  TableSection {
    Objects.requireNonNull(id, "id");
    policies = List.copyOf(policies);
    rows = List.copyOf(rows);
    for (Row row : rows) {
      if (row.values().size() != policies.size()) {
        throw new IllegalArgumentException(
            "row " + row.wireName() + " has " + row.values().size() + " values for " + policies);
      }
    }
  }

  /** The sections a comparison shows, in order: those of the vocabulary's tables worth showing. */
  static List<TableSection> of(Comparison comparison) {
    List<TableSection> sections = new ArrayList<>();
    for (MeasureTable table : MeasureTable.values()) {
      of(
              comparison,
              table.name().toLowerCase(java.util.Locale.ROOT),
              table.title(),
              table.description(),
              table.rows(),
              table.shownWhen())
          .ifPresent(sections::add);
    }
    return List.copyOf(sections);
  }

  /**
   * The section of these rows, when any policy's final figure of a {@code shownWhen} measure is not
   * 0; empty otherwise (or when none of them exists).
   */
  static Optional<TableSection> of(
      Comparison comparison,
      String id,
      String title,
      String description,
      List<MeasureTable.Resolved> rows,
      List<StatsMeasure> shownWhen) {
    List<String> policies = comparison.policies().stream().map(PolicyInfo::name).toList();
    boolean shown =
        shownWhen.stream()
            .anyMatch(
                measure -> policies.stream().anyMatch(p -> finalMean(comparison, p, measure) != 0));
    if (!shown || rows.isEmpty()) {
      return Optional.empty();
    }
    List<Row> table = new ArrayList<>();
    for (MeasureTable.Resolved row : rows) {
      StatsMeasure measure = row.measure();
      table.add(
          new Row(
              measure.wireName(),
              measure.label(),
              row.level(),
              policies.stream().map(p -> finalMean(comparison, p, measure)).toList()));
    }
    return Optional.of(new TableSection(id, title, description, policies, table));
  }

  private static double finalMean(Comparison comparison, String policy, StatsMeasure measure) {
    List<Estimate> days = comparison.series(policy, day -> day.value(measure));
    return days.get(days.size() - 1).mean();
  }

  /** The table as report.md lines: a header of the policies, a cause's label after a dot. */
  List<String> markdown() {
    List<String> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder("| measure |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String policy : policies) {
      header.append(' ').append(policy).append(" |");
      rule.append("---:|");
    }
    lines.add(header.toString());
    lines.add(rule.toString());
    for (Row row : rows) {
      StringBuilder line =
          new StringBuilder("| ")
              .append(row.level() > 0 ? "· " : "")
              .append(row.label())
              .append(" |");
      row.values().forEach(v -> line.append(' ').append(Words.number(v)).append(" |"));
      lines.add(line.toString());
    }
    return lines;
  }

  /** The table as a report.html section. */
  void html(StringBuilder out) {
    out.append("<section id=\"")
        .append(Html.escape(id))
        .append("\">\n<h2>")
        .append(Html.escape(title))
        .append("</h2>\n<p class=\"note\">")
        .append(Html.escape(description))
        .append("</p>\n<div class=\"table-wrap\">\n<table class=\"summary\" data-table=\"")
        .append(Html.escape(id))
        .append("\">\n<thead><tr><th scope=\"col\">measure</th>");
    for (String policy : policies) {
      out.append("<th scope=\"col\">").append(Html.escape(policy)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (Row row : rows) {
      out.append("<tr data-row=\"")
          .append(Html.escape(row.wireName()))
          .append("\"><th scope=\"row\"")
          .append(row.level() > 0 ? " class=\"holder\"" : "")
          .append(">")
          .append(Html.escape(row.label()))
          .append("</th>");
      for (double value : row.values()) {
        out.append("<td>").append(Html.escape(Words.number(value))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n</div>\n</section>\n");
  }
}
