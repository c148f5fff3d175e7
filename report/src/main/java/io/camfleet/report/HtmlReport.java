package io.camfleet.report;

import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.HolderTypes;
import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.schemas.stats.StatsMeasure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders report.html: one self-contained page (inline CSS and SVG, no script, nothing loaded from
 * the network, which its Content-Security-Policy also forbids) with the summary table and, per
 * policy, a footage chart and a copies chart over simulated time.
 */
final class HtmlReport {
  static final String FOOTAGE = "footage";
  static final String COPIES = "copies";

  /** The footage chart's series, each a measure and its colour (Okabe-Ito palette). */
  private static final List<Line> FOOTAGE_SERIES =
      List.of(
          new Line(RetentionMeasure.CLIPS_ALIVE, "#0072B2"),
          new Line(RetentionMeasure.CLIPS_EXPIRED, "#D55E00"),
          new Line(RetentionMeasure.CLIPS_EXEMPT_BY_SHARE, "#009E73"));

  private record Line(StatsMeasure measure, String colour) {}

  private static final String[] HOLDER_COLOURS = {
    "#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7"
  };

  private static final String STYLE =
      """
      :root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --band: #f6f8fa; }
      * { box-sizing: border-box; }
      body { margin: 0 auto; max-width: 1400px; padding: 24px; color: var(--ink);
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
      h3 { font-size: 16px; margin: 0 0 2px; }
      p.note, .muted { color: var(--muted); }
      p.untrusted { border: 2px solid #b00020; color: #b00020; padding: .5em .75em; font-weight: bold; }
      dl.world { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
      dl.world dt { color: var(--muted); }
      dl.world dd { margin: 0; }
      code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px;
        background: var(--band); padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
      nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
      .table-wrap { overflow-x: auto; border: 1px solid var(--rule); border-radius: 6px; }
      table.summary { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; }
      table.summary th, table.summary td { padding: 3px 10px; text-align: right; white-space: nowrap;
        border-bottom: 1px solid var(--band); }
      table.summary thead th { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--rule); }
      table.summary th[scope=row], table.summary thead th:first-child { text-align: left; position: sticky;
        left: 0; background: #fff; font-weight: normal; font-family: ui-monospace, Menlo, Consolas, monospace;
        font-size: 12.5px; }
      table.summary thead th { white-space: normal; vertical-align: bottom; min-width: 7em; }
      table.summary tr.group th { text-align: left; position: static; font: 600 13px/1.45 system-ui, sans-serif;
        padding-top: 12px; border-bottom: 1px solid var(--rule); }
      table.summary th.holder { padding-left: 26px; }
      table.summary tr[data-measure]:hover td, table.summary tr[data-measure]:hover th { background: var(--band); }
      section.policy { margin: 20px 0 28px; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px;
        align-items: start; }
      figure { margin: 0; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 8px 4px; }
      figcaption { font-weight: 600; margin: 0 0 4px 4px; }
      svg.chart { display: block; width: 100%; height: auto; font-size: 11px; fill: var(--ink); }
      svg.chart .grid { stroke: #eaeef2; stroke-width: 1; }
      svg.chart .baseline, svg.chart .tick { stroke: var(--muted); stroke-width: 1; }
      svg.chart .axis text { fill: var(--muted); }
      footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
      """;

  private HtmlReport() {}

  static String render(Report report) {
    WorldInfo world = report.world();
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>camfleet report: ")
        .append(Html.escape(world.name()))
        .append("</title>\n")
        .append("<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");

    out.append("<header>\n<h1>camfleet report: ")
        .append(Html.escape(world.name()))
        .append("</h1>\n")
        .append("<p class=\"note\">")
        .append(report.policies().size())
        .append(report.policies().size() == 1 ? " policy" : " policies")
        .append(" on the same simulated world.</p>\n");
    if (!report.trustworthy()) {
      out.append("<p class=\"untrusted\" role=\"alert\">")
          .append(Html.escape(report.integrityWarning()))
          .append("</p>\n");
    }
    out.append("<dl class=\"world\">\n");
    definition(out, "name", Html.escape(world.name()));
    definition(out, "seed", Long.toString(world.seed()));
    definition(out, "cameras", SvgChart.groupedNumber(world.cameras()));
    definition(out, "days", Integer.toString(world.days()));
    definition(out, "start", Html.escape(world.start()));
    definition(
        out,
        "world file",
        "<code>"
            + Html.escape(world.worldFile())
            + "</code> sha256 <code>"
            + world.worldFileSha256()
            + "</code>");
    if (report.replayedFrom().isPresent()) {
      definition(out, "events", Html.escape(report.replayNote()));
    }
    definition(
        out,
        "reproduce",
        "<code>" + Html.escape(MarkdownReport.reproduceCommand(report)) + "</code>");
    definition(out, "camfleet version", Html.escape(report.camfleetVersion()));
    out.append("</dl>\n");
    out.append("<nav><ul>\n<li><a href=\"#summary\">summary</a></li>\n");
    for (PolicyReport policy : report.policies()) {
      out.append("<li><a href=\"#")
          .append(anchor(policy))
          .append("\">")
          .append(Html.escape(policy.name()))
          .append("</a></li>\n");
    }
    out.append("</ul></nav>\n</header>\n");

    summary(out, SummaryTable.of(report));
    charts(out, report);

    out.append("<footer>Generated from ")
        .append(Html.escape(JsonReport.generatedFrom()))
        .append(". camfleet ")
        .append(Html.escape(report.camfleetVersion()))
        .append(".</footer>\n")
        .append("</body>\n</html>\n");
    return out.toString();
  }

  private static void definition(StringBuilder out, String term, String html) {
    out.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static void summary(StringBuilder out, SummaryTable table) {
    out.append("<section id=\"summary\">\n<h2>Summary</h2>\n")
        .append("<p class=\"note\">Counters count over the whole run; <code>…AtEnd</code>, ")
        .append("<code>copiesByHolderType.*</code>, <code>footageAlivePastRetention</code> and ")
        .append("<code>householdsExposed…</code> are levels at the end of the final day.</p>\n")
        .append(
            "<div class=\"table-wrap\">\n<table class=\"summary\">\n<thead><tr><th scope=\"col\">measure</th>");
    for (String policy : table.policies()) {
      out.append("<th scope=\"col\">").append(Html.escape(policy)).append("</th>");
    }
    out.append("</tr></thead>\n");
    Figure.Group group = null;
    String breakdown = null;
    int columns = table.policies().size() + 1;
    for (SummaryTable.Row row : table.rows()) {
      if (row.group() != group) {
        out.append(group == null ? "" : "</tbody>\n")
            .append("<tbody>\n<tr class=\"group\"><th colspan=\"")
            .append(columns)
            .append("\" scope=\"rowgroup\">")
            .append(Html.escape(row.group().title()))
            .append("</th></tr>\n");
        group = row.group();
      }
      String label = row.measure();
      if (row.holder() != null) {
        String field =
            row.measure().substring(0, row.measure().length() - row.holder().name().length() - 1);
        if (!field.equals(breakdown)) {
          out.append("<tr class=\"breakdown\"><th scope=\"row\">")
              .append(Html.escape(field))
              .append("</th><td colspan=\"")
              .append(columns - 1)
              .append("\"></td></tr>\n");
        }
        breakdown = field;
        label = row.holder().name();
      } else {
        breakdown = null;
      }
      out.append("<tr data-measure=\"")
          .append(Html.escape(row.measure()))
          .append("\"><th scope=\"row\"")
          .append(row.holder() == null ? "" : " class=\"holder\"")
          .append(">")
          .append(Html.escape(label))
          .append("</th>");
      for (long value : row.values()) {
        out.append("<td>").append(SvgChart.groupedNumber(value)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n</div>\n</section>\n");
  }

  private static void charts(StringBuilder out, Report report) {
    long footageMax = 0;
    long copiesMax = 0;
    for (PolicyReport policy : report.policies()) {
      for (DayPoint day : policy.series()) {
        for (Line line : FOOTAGE_SERIES) {
          footageMax = Math.max(footageMax, day.value(line.measure()));
        }
        for (HolderType holder : HolderType.values()) {
          copiesMax = Math.max(copiesMax, copiesAlive(day, holder));
        }
      }
    }
    out.append("<section id=\"charts\">\n<h2>Over simulated time</h2>\n")
        .append(
            "<p class=\"note\">Charts of one kind share their vertical scale, so heights compare across policies.")
        .append(" Hover a line for its name.</p>\n");
    for (PolicyReport policy : report.policies()) {
      List<LocalDate> days = policy.series().stream().map(DayPoint::day).toList();
      out.append("<section class=\"policy\" id=\"")
          .append(anchor(policy))
          .append("\">\n<h3>")
          .append(Html.escape(policy.name()))
          .append("</h3>\n");
      if (!policy.info().description().isEmpty()) {
        out.append("<p class=\"muted\">")
            .append(Html.escape(policy.info().description()))
            .append("</p>\n");
      }
      out.append("<div class=\"charts\">\n");

      List<SvgChart.Series> footage = new ArrayList<>();
      for (Line line : FOOTAGE_SERIES) {
        footage.add(
            new SvgChart.Series(
                line.measure().wireName(),
                line.measure().label(),
                line.colour(),
                policy.series().stream().map(day -> day.value(line.measure())).toList()));
      }
      figure(
          out,
          "Footage: alive, expired, exempt by share",
          SvgChart.render(
              policy.name(),
              FOOTAGE,
              "Footage: alive, expired, exempt by share",
              days,
              footage,
              footageMax));

      List<SvgChart.Series> copies = new ArrayList<>();
      for (HolderType holder : HolderType.values()) {
        copies.add(
            new SvgChart.Series(
                HolderBreakdown.COPIES_ALIVE.source(holder).wireName(),
                HolderTypes.label(holder),
                HOLDER_COLOURS[holder.ordinal() % HOLDER_COLOURS.length],
                policy.series().stream().map(day -> copiesAlive(day, holder)).toList()));
      }
      figure(
          out,
          "Copies alive by holder type",
          SvgChart.render(
              policy.name(), COPIES, "Copies alive by holder type", days, copies, copiesMax));
      out.append("</div>\n</section>\n");
    }
    out.append("</section>\n");
  }

  private static long copiesAlive(DayPoint day, HolderType holder) {
    return day.value(HolderBreakdown.COPIES_ALIVE.source(holder));
  }

  private static void figure(StringBuilder out, String caption, String svg) {
    out.append("<figure>\n<figcaption>")
        .append(Html.escape(caption))
        .append("</figcaption>\n")
        .append(svg)
        .append("\n</figure>\n");
  }

  private static String anchor(PolicyReport policy) {
    return "policy-" + Html.escape(policy.name().replaceAll("[^A-Za-z0-9_.-]", "-"));
  }
}
