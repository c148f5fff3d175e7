package io.camfleet.report;

import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.HolderTypes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders report.html: one self-contained page (inline CSS and SVG, no script, nothing loaded from
 * the network, which its Content-Security-Policy also forbids): the baseline, the main findings,
 * the differences from the baseline with their intervals, one chart per key measure comparing all
 * policies over simulated time (with the 95% band of the daily mean when there are several seeds),
 * the summary table, the measures' meanings, the world and how to reproduce it.
 */
final class HtmlReport {
  /**
   * The charts comparing the policies over simulated time, each one measure (or its part by holder
   * type) on its own scale, so no series lies flat against a much larger one.
   */
  static final List<ReportKey> CHARTS = charts();

  /** The baseline's colour, then the other policies' (Okabe-Ito palette). */
  private static final String[] POLICY_COLOURS = {
    "#000000", "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442"
  };

  /** The colour of the policy at {@code index} in a comparison's order (the baseline's is 0). */
  static String policyColour(int index) {
    return POLICY_COLOURS[index % POLICY_COLOURS.length];
  }

  private static List<ReportKey> charts() {
    List<ReportKey> charts = new ArrayList<>();
    charts.add(new ReportKey(Measure.FOOTAGE_ALIVE_PAST_RETENTION, null));
    charts.add(new ReportKey(Measure.HOUSEHOLDS_EXPOSED, null));
    for (HolderType holder : HolderType.values()) {
      charts.add(new ReportKey(HolderBreakdown.COPIES_ALIVE, holder));
    }
    charts.add(new ReportKey(Measure.CLIPS_EXEMPT_BY_SHARE, null));
    charts.add(new ReportKey(Measure.LIVE_BYTES_AT_END, null));
    return List.copyOf(charts);
  }

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
      p.baseline { font-weight: 600; margin: 4px 0; }
      ul.findings { padding-left: 20px; }
      ul.findings li { margin: 3px 0; }
      ul.findings li.no-effect, ul.findings li.identical { color: var(--muted); }
      table.differences { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; }
      table.differences th, table.differences td { padding: 4px 10px; text-align: right; white-space: nowrap;
        border-bottom: 1px solid var(--band); vertical-align: top; }
      table.differences thead th { white-space: normal; vertical-align: bottom; border-bottom: 1px solid var(--rule);
        min-width: 7em; }
      table.differences th[scope=row], table.differences thead th:first-child { text-align: left; font-weight: normal; }
      table.differences td .ci { display: block; color: var(--muted); font-size: 12px; }
      table.differences td .abs { display: block; color: var(--muted); font-size: 12px; }
      table.differences td.same { color: var(--muted); }
      table.differences td.up { background: #fff1e6; }
      table.differences td.down { background: #e8f4fb; }
      table.differences td.up .rel, table.differences td.down .rel { font-weight: 700; }
      table.differences th.baseline, table.differences td.baseline { border-right: 2px solid var(--rule); }
      dl.measures dt { font-weight: 600; margin-top: 8px; }
      dl.measures dd { margin: 0 0 0 16px; }
      footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
      """;

  private HtmlReport() {}

  static String render(Comparison comparison) {
    return render(comparison, TableSection.of(comparison));
  }

  /** The page with these tables of the vocabulary after the differences. */
  static String render(Comparison comparison, List<TableSection> tables) {
    WorldInfo world = comparison.world();
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

    int policies = comparison.policies().size();
    out.append("<header>\n<h1>camfleet report: ")
        .append(Html.escape(world.name()))
        .append("</h1>\n")
        .append("<p class=\"note\">")
        .append(policies)
        .append(policies == 1 ? " policy" : " policies")
        .append(" on the same simulated world, ")
        .append(comparison.n() == 1 ? "seed " : comparison.n() + " seeds (")
        .append(Html.escape(Words.seeds(comparison)))
        .append(comparison.n() == 1 ? "." : ").")
        .append("</p>\n");
    if (!comparison.trustworthy()) {
      out.append("<p class=\"untrusted\" role=\"alert\">")
          .append(Html.escape(comparison.integrityWarning()))
          .append("</p>\n");
    }
    out.append("<p class=\"baseline\">")
        .append(Html.escape(Words.baseline(comparison)))
        .append("</p>\n<p class=\"note\">")
        .append(Html.escape(Words.method(comparison)))
        .append("</p>\n");
    List<String[]> links = new ArrayList<>();
    links.add(new String[] {"findings", "main findings"});
    links.add(new String[] {"differences", "differences from the baseline"});
    tables.forEach(
        t -> links.add(new String[] {t.id(), t.title().toLowerCase(java.util.Locale.ROOT)}));
    links.add(new String[] {"comparison", "over simulated time"});
    links.add(new String[] {"summary", "all figures"});
    links.add(new String[] {"measures", "measures"});
    links.add(new String[] {"world", "world and reproduction"});
    out.append("<nav><ul>\n");
    for (String[] link : links) {
      out.append("<li><a href=\"#")
          .append(link[0])
          .append("\">")
          .append(link[1])
          .append("</a></li>\n");
    }
    out.append("</ul></nav>\n</header>\n");

    findings(out, comparison);
    differences(out, comparison);
    tables.forEach(table -> table.html(out));
    charts(out, comparison);
    summary(out, SummaryTable.of(comparison));
    measures(out);
    world(out, comparison);

    out.append("<footer>Generated from ")
        .append(Html.escape(JsonReport.generatedFrom()))
        .append(". camfleet ")
        .append(Html.escape(comparison.camfleetVersion()))
        .append(".</footer>\n")
        .append("</body>\n</html>\n");
    return out.toString();
  }

  private static void findings(StringBuilder out, Comparison comparison) {
    out.append("<section id=\"findings\">\n<h2>Main findings</h2>\n");
    if (comparison.policies().size() == 1) {
      out.append("<p class=\"note\">One policy: nothing to compare it with.</p>\n</section>\n");
      return;
    }
    out.append("<p class=\"note\">")
        .append(Html.escape(Words.findingsIntro(comparison)))
        .append("</p>\n<ul class=\"findings\">\n");
    for (Words.Line line : Words.findings(comparison)) {
      item(out, line.kind(), line.policy(), line.text());
    }
    out.append("</ul>\n</section>\n");
  }

  private static void item(StringBuilder out, String kind, String policy, String text) {
    out.append("<li class=\"")
        .append(kind)
        .append("\" data-policy=\"")
        .append(Html.escape(policy))
        .append("\">")
        .append(Html.escape(text))
        .append("</li>\n");
  }

  private static void differences(StringBuilder out, Comparison comparison) {
    out.append("<section id=\"differences\">\n<h2>Differences from the baseline</h2>\n");
    if (comparison.policies().size() == 1) {
      out.append("<p class=\"note\">One policy: nothing to compare it with.</p>\n</section>\n");
      return;
    }
    out.append("<p class=\"note\">The baseline's ")
        .append(comparison.n() == 1 ? "value" : "mean")
        .append(", then each policy's change from it (same: equal in every seed): relative, ")
        .append(
            comparison.n() == 1
                ? "and in the measure's unit (one seed: no interval)."
                : "its 95% interval, and the mean difference in the measure's unit. Shaded: the"
                    + " interval excludes 0 (orange up, blue down).")
        .append("</p>\n")
        .append("<div class=\"table-wrap\">\n<table class=\"differences\">\n<thead><tr>")
        .append("<th scope=\"col\">measure</th><th scope=\"col\">unit</th>")
        .append("<th scope=\"col\" class=\"baseline\">")
        .append(Html.escape(comparison.baseline()))
        .append(" (baseline)</th>");
    List<String> others = new ArrayList<>();
    for (PolicyInfo policy : comparison.policies()) {
      if (!policy.name().equals(comparison.baseline())) {
        others.add(policy.name());
        out.append("<th scope=\"col\">")
            .append(Html.escape(policy.name()))
            .append(comparison.noEffect(policy.name()) ? " (no effect)" : "")
            .append("</th>");
      }
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (ReportKey key : ReportKey.ALL) {
      if (!key.whole()) {
        continue;
      }
      out.append("<tr data-difference=\"")
          .append(Html.escape(key.name()))
          .append("\"><th scope=\"row\">")
          .append(Html.escape(key.label()))
          .append("</th><td>")
          .append(Html.escape(Words.unit(key)))
          .append("</td><td class=\"baseline\">")
          .append(
              Html.escape(Words.value(key, comparison.summary(comparison.baseline(), key).mean())))
          .append("</td>");
      for (String name : others) {
        Difference d = comparison.vsBaseline(name, key).orElseThrow();
        if (d.none()) {
          out.append("<td class=\"same\" data-policy=\"")
              .append(Html.escape(name))
              .append("\"><span class=\"rel\">same</span></td>");
          continue;
        }
        String direction =
            !(comparison.n() == 1 ? d.diff().mean() != 0 : d.diff().excludesZero())
                ? ""
                : d.diff().mean() > 0 ? " class=\"up\"" : " class=\"down\"";
        out.append("<td")
            .append(direction)
            .append(" data-policy=\"")
            .append(Html.escape(name))
            .append("\"><span class=\"rel\">")
            .append(
                Html.escape(
                    d.hasRelative()
                        ? Words.percent(d.relative())
                        : Words.signed(key, d.diff().mean())))
            .append("</span>");
        if (comparison.n() > 1) {
          out.append("<span class=\"ci\">")
              .append(
                  Html.escape(
                      d.hasRelative()
                          ? Words.relativeInterval(d)
                          : Words.interval(key, d.diff(), true)))
              .append("</span>");
        }
        if (d.hasRelative()) {
          out.append("<span class=\"abs\">")
              .append(Html.escape(Words.signed(key, d.diff().mean())))
              .append("</span>");
        }
        out.append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n</div>\n</section>\n");
  }

  private static void charts(StringBuilder out, Comparison comparison) {
    List<LocalDate> days = comparison.days();
    out.append("<section id=\"comparison\">\n<h2>Over simulated time</h2>\n")
        .append(
            "<p class=\"note\">One chart per measure, all policies on it, each chart on its own")
        .append(" scale.")
        .append(
            comparison.n() == 1
                ? ""
                : " Lines are the daily mean over the seeds; bands its 95% interval.")
        .append(" Hover a line for its policy.")
        .append(
            stageMarkers(comparison).isEmpty()
                ? ""
                : " A dashed line marks the midnight a policy's stage takes over, labelled with the"
                    + " stage; hover it for the policy.")
        .append("</p>\n<div class=\"charts\">\n");
    List<SvgChart.Marker> markers = stageMarkers(comparison);
    for (ReportKey key : CHARTS) {
      List<SvgChart.Series> series = new ArrayList<>();
      int index = 0;
      for (PolicyInfo policy : comparison.policies()) {
        series.add(
            SvgChart.Series.of(
                policy.name(),
                policy.name(),
                POLICY_COLOURS[index++ % POLICY_COLOURS.length],
                comparison.series(policy.name(), key::value),
                true));
      }
      String title = chartTitle(key);
      boolean bytes = key.measure().unit() == io.camfleet.schemas.stats.MeasureUnit.BYTES;
      figure(
          out,
          title,
          SvgChart.render(
              key.name(),
              title,
              days,
              series,
              markers,
              SvgChart.maxOf(series),
              bytes ? value -> Words.bytes(value) : SvgChart::axisNumber,
              value -> Words.value(key, value)));
    }
    out.append("</div>\n</section>\n");
  }

  /**
   * One marker per stage start, in date order; policies whose stages start on the same day under
   * the same label share one, drawn grey, a policy's own in its colour.
   */
  static List<SvgChart.Marker> stageMarkers(Comparison comparison) {
    java.util.SortedMap<String, List<Integer>> starts = new java.util.TreeMap<>();
    List<PolicyInfo> policies = comparison.policies();
    for (int i = 0; i < policies.size(); i++) {
      for (StageInfo stage : policies.get(i).stages()) {
        starts.computeIfAbsent(stage.from() + " " + stage.label(), k -> new ArrayList<>()).add(i);
      }
    }
    List<SvgChart.Marker> markers = new ArrayList<>();
    starts.forEach(
        (key, indexes) -> {
          int space = key.indexOf(' ');
          String names =
              String.join(", ", indexes.stream().map(i -> policies.get(i).name()).toList());
          markers.add(
              new SvgChart.Marker(
                  LocalDate.parse(key.substring(0, space)),
                  key.substring(space + 1),
                  names,
                  indexes.size() == 1 ? policyColour(indexes.get(0)) : "#57606a"));
        });
    return List.copyOf(markers);
  }

  /** A chart's title: the measure's label, the holder type for a part, and its unit. */
  static String chartTitle(ReportKey key) {
    String label = key.measure().label();
    String title = Character.toUpperCase(label.charAt(0)) + label.substring(1);
    if (!key.whole()) {
      title += " outside accounts, held by " + HolderTypes.label(key.holder());
    }
    return title + " (" + Words.unit(key) + ")";
  }

  private static void measures(StringBuilder out) {
    out.append("<section id=\"measures\">\n<h2>Measures</h2>\n")
        .append("<p class=\"note\">A counter counts over the whole run; a level is what exists at")
        .append(" the end of the day.</p>\n<dl class=\"measures\">\n");
    for (Figure figure : Figure.ALL) {
      io.camfleet.schemas.stats.StatsMeasure measure =
          figure instanceof Measure m ? m.source() : ((HolderBreakdown) figure).source();
      out.append("<dt id=\"measure-")
          .append(Html.escape(figure.field()))
          .append("\">")
          .append(Html.escape(measure.label()))
          .append(figure instanceof HolderBreakdown ? ", by holder type" : "")
          .append(" <code>")
          .append(Html.escape(figure.field()))
          .append("</code></dt><dd>")
          .append(Html.escape(measure.definition()))
          .append(" <span class=\"muted\">(")
          .append(measure.unit().word())
          .append(", ")
          .append(measure.kind().word())
          .append(", ")
          .append(measure.service().id())
          .append(")</span></dd>\n");
    }
    out.append("</dl>\n</section>\n");
  }

  private static void world(StringBuilder out, Comparison comparison) {
    WorldInfo world = comparison.world();
    out.append("<section id=\"world\">\n<h2>World and reproduction</h2>\n<dl class=\"world\">\n");
    definition(out, "name", Html.escape(world.name()));
    definition(out, comparison.n() == 1 ? "seed" : "seeds", Html.escape(Words.seeds(comparison)));
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
    if (comparison.replayedFrom().isPresent()) {
      definition(out, "events", Html.escape(comparison.replayNote()));
    }
    definition(
        out,
        "reproduce",
        "<code>" + Html.escape(MarkdownReport.reproduceCommand(comparison)) + "</code>");
    definition(out, "camfleet version", Html.escape(comparison.camfleetVersion()));
    out.append("</dl>\n<h3>Policies</h3>\n<dl class=\"world\">\n");
    for (PolicyInfo policy : comparison.policies()) {
      definition(
          out,
          Html.escape(policy.name()),
          Html.escape(policy.description())
              + " <code>"
              + Html.escape(policy.policyFile())
              + "</code>"
              + (policy.stages().isEmpty()
                  ? ""
                  : " <span class=\"stages\">" + Html.escape(Words.stages(policy)) + "</span>"));
    }
    out.append("</dl>\n</section>\n");
  }

  private static void definition(StringBuilder out, String term, String html) {
    out.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static void summary(StringBuilder out, SummaryTable table) {
    out.append("<section id=\"summary\">\n<h2>All figures</h2>\n")
        .append("<p class=\"note\">Each policy's final figures (the mean over the seeds when there")
        .append(
            " are several), by their key in report.json; see Measures for what each counts.</p>\n")
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
      for (String value : row.values()) {
        out.append("<td>").append(Html.escape(value)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n</div>\n</section>\n");
  }

  private static void figure(StringBuilder out, String caption, String svg) {
    out.append("<figure>\n<figcaption>")
        .append(Html.escape(caption))
        .append("</figcaption>\n")
        .append(svg)
        .append("\n</figure>\n");
  }
}
