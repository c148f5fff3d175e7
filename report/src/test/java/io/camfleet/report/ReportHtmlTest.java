package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlTest {

  @TempDir Path temp;

  private String html() throws IOException {
    ReportWriter.write(Fixtures.twoPolicyReport(), temp);
    return Files.readString(temp.resolve("report.html"), StandardCharsets.UTF_8);
  }

  @Test
  void drawsOneChartPerKeyMeasureWithALinePerPolicyBaselineFirst() throws IOException {
    List<String> expected = new ArrayList<>();
    for (ReportKey key : HtmlReport.CHARTS) {
      // the baseline's line is drawn last, on top
      expected.add(key.name() + ": eu-30-days=3, status-quo-2019=3");
    }
    assertEquals(expected, HtmlCharts.shapes(HtmlCharts.in(html())));
    assertEquals(
        List.of(
            "footageAlivePastRetention",
            "householdsExposed",
            "copiesByHolderType.REQUESTING_POLICE",
            "copiesByHolderType.OTHER_AGENCY",
            "copiesByHolderType.FEDERAL_AGENCY",
            "copiesByHolderType.NEIGHBOURHOOD_FEED",
            "copiesByHolderType.PUBLIC",
            "clipsExemptByShare",
            "liveBytesAtEnd"),
        HtmlReport.CHARTS.stream().map(ReportKey::name).toList());
  }

  @Test
  void placesPointsByDayAndByValueOnTheChartsOwnScale() throws IOException {
    HtmlCharts.Chart past = HtmlCharts.in(html()).get(0);

    // days span x 64..600; the largest value (2 clips, status-quo-2019) puts the top at 2, so a
    // clip is 100 units of the 200-unit-high plot that ends at y 212
    assertEquals(
        new HtmlCharts.Line("status-quo-2019", List.of("64.0,212.0", "332.0,112.0", "600.0,12.0")),
        past.lines().get(1));
    assertEquals(
        new HtmlCharts.Line("eu-30-days", List.of("64.0,212.0", "332.0,212.0", "600.0,212.0")),
        past.lines().get(0));
    assertEquals(List.of(), past.bands(), "one seed: no interval bands");
  }

  @Test
  void labelsAxesWithDatesAndValuesAndNamesEachLineInALegend() throws IOException {
    String html = html();
    String past = chartSvg(html, "footageAlivePastRetention");

    assertEquals(List.of("0", "1", "2"), texts(past, "<g class=\"axis y\">"));
    assertEquals(
        List.of("2019-01-01", "2019-01-02", "2019-01-03"), texts(past, "<g class=\"axis x\">"));
    assertEquals(
        List.of("status-quo-2019: 2", "eu-30-days: 0"), texts(past, "<g class=\"legend\">"));
    assertEquals(
        List.of("0 bytes", "500 bytes", "1.00 kB", "1.50 kB", "2.00 kB"),
        texts(chartSvg(html, "liveBytesAtEnd"), "<g class=\"axis y\">"));
  }

  @Test
  void drawsTheIntervalOfTheDailyMeanAsABandAroundEachLineWithSeveralSeeds() {
    Comparison comparison =
        SeededPolicies.comparison(List.of(1L, 2L, 3L), java.util.Optional.empty());
    List<HtmlCharts.Chart> charts = HtmlCharts.in(HtmlReport.render(comparison));

    assertEquals(HtmlReport.CHARTS.size(), charts.size());
    for (HtmlCharts.Chart chart : charts) {
      List<String> drawn = new ArrayList<>(SevenPolicies.NAMES);
      java.util.Collections.reverse(drawn); // the baseline's line last, on top
      assertEquals(drawn, chart.lines().stream().map(HtmlCharts.Line::series).toList());
      assertEquals(
          SevenPolicies.NAMES, chart.bands().stream().map(HtmlCharts.Line::series).toList());
      for (HtmlCharts.Line band : chart.bands()) {
        assertEquals(
            2 * SeededPolicies.DAYS, band.points().size(), chart.kind() + " " + band.series());
      }
    }
  }

  @Test
  void marksAStagesFirstMidnightOnEveryChartInItsPolicysColour() {
    String html = HtmlReport.render(Comparison.of(Fixtures.stagedReport()));

    // the stage takes over at the midnight that closes 2019-01-02, whose point is at x 332
    String marker =
        "<g class=\"stages\">\n<g class=\"stage\" data-stage=\"2019-01-03\" data-from=\"2019-01-03\""
            + " data-policies=\"eu-30-days\"><title>eu-30-days: stage 2019-01-03 from 2019-01-03</title>"
            + "<line x1=\"332.0\" x2=\"332.0\" y1=\"12\" y2=\"212\" stroke=\"#0072B2\" stroke-width=\"1.5\""
            + " stroke-dasharray=\"4 3\"/><text x=\"335.0\" y=\"22\" text-anchor=\"start\" fill=\"#0072B2\""
            + " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">2019-01-03</text></g>\n</g>\n";
    for (ReportKey key : HtmlReport.CHARTS) {
      String svg = chartSvg(html, key.name());
      assertEquals(1, Pattern.compile(Pattern.quote(marker)).matcher(svg).results().count(), svg);
    }
    assertTrue(
        html.contains(
            "<span class=\"stages\">Stage: 2019-01-03 (from that day&#39;s midnight, UTC; the rules"
                + " before the first are the base).</span>"),
        "the policy list names the stage");
    assertFalse(html(Fixtures.twoPolicyReport()).contains("class=\"stage"), "no stages, no marks");
  }

  @Test
  void marksOnlyStagesThatTakeOverWithinTheChartAndSharesAMarkOfTheSameDay() {
    PolicyInfo before = Fixtures.STATUS_QUO.withStages(List.of(StageInfo.of(Fixtures.DAY_1)));
    PolicyInfo both =
        Fixtures.EU_30_DAYS.withStages(
            List.of(
                StageInfo.of(Fixtures.DAY_1),
                new StageInfo(Fixtures.DAY_2, "2019-01-02"),
                StageInfo.of(Fixtures.DAY_3.plusDays(1))));
    Report report =
        Report.build(
            Fixtures.TINY_TOWN,
            List.of(before, both),
            Fixtures.twoPoliciesThreeDays(),
            Fixtures.VERSION);

    assertEquals(
        List.of(
            new SvgChart.Marker(
                Fixtures.DAY_1, "2019-01-01", "status-quo-2019, eu-30-days", "#57606a"),
            new SvgChart.Marker(Fixtures.DAY_2, "2019-01-02", "eu-30-days", "#0072B2"),
            new SvgChart.Marker(Fixtures.DAY_3.plusDays(1), "2019-01-04", "eu-30-days", "#0072B2")),
        HtmlReport.stageMarkers(Comparison.of(report)));
    // a stage in force from the world's first midnight, or from after its last day, changes
    // nothing a chart shows
    String svg = chartSvg(HtmlReport.render(Comparison.of(report)), "householdsExposed");
    assertEquals(
        List.of("2019-01-02"),
        Pattern.compile("<g class=\"stage\" data-stage=\"([^\"]*)\"")
            .matcher(svg)
            .results()
            .map(m -> m.group(1))
            .toList());
    assertTrue(svg.contains("<line x1=\"64.0\" x2=\"64.0\""), svg);
  }

  private String html(Report report) {
    return HtmlReport.render(Comparison.of(report));
  }

  @Test
  void loadsNothingFromTheNetwork() throws IOException {
    String html = html();

    assertFalse(html.contains("http://"), "http:// in report.html");
    assertFalse(html.contains("https://"), "https:// in report.html");
    assertFalse(html.contains("<script"), "script in report.html");
    assertFalse(html.contains("src="), "src= in report.html");
    assertFalse(html.contains("url("), "url( in report.html");
    assertFalse(html.contains("@import"), "@import in report.html");
    assertTrue(
        html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"),
        "the page forbids every load but its inline style");
  }

  @Test
  void tabulatesEveryFigureForEveryPolicy() throws IOException {
    String html = html();
    Matcher row =
        Pattern.compile("<tr data-measure=\"copiesByHolderType.FEDERAL_AGENCY\">(.*?)</tr>")
            .matcher(html);

    assertTrue(row.find(), "row copiesByHolderType.FEDERAL_AGENCY");
    assertEquals(
        "<th scope=\"row\" class=\"holder\">FEDERAL_AGENCY</th><td>0</td><td>1</td>", row.group(1));
    assertTrue(html.contains("<section id=\"differences\">"), "the differences table");
    assertTrue(html.contains("<section id=\"findings\">"), "the findings");
    assertEquals(
        SummaryTable.of(Comparison.of(Fixtures.twoPolicyReport())).rows().size(),
        Pattern.compile("<tr data-measure=").matcher(html).results().count());
  }

  @Test
  void warnsAtTheTopWhenRecordsWereDeadLettered() {
    String html =
        HtmlReport.render(Comparison.of(Fixtures.twoPolicyReport().withDeadLetters(2500)));
    String warning =
        "<p class=\"untrusted\" role=\"alert\">Warning: the services sent 2,500 input records to the"
            + " dead-letter topic instead of processing them; the figures below leave them out and cannot be trusted.</p>";
    assertTrue(html.contains(warning), html);
    assertTrue(
        html.indexOf(warning) < html.indexOf("<section id=\"findings\">"), "before the findings");
    assertFalse(
        HtmlReport.render(Comparison.of(Fixtures.twoPolicyReport())).contains("untrusted\""),
        "no warning without dead letters");
  }

  @Test
  void escapesPolicyTextInThePage() {
    PolicyInfo odd =
        new PolicyInfo("odd", "<b>bold</b> & \"quoted\"", "policies/odd.yaml", "d".repeat(64));
    Report report =
        Report.build(
            Fixtures.TINY_TOWN,
            List.of(odd),
            List.of(
                Fixtures.retention(odd, Fixtures.DAY_1, true, "clipsAlive", 1),
                Fixtures.sharing(odd, Fixtures.DAY_1, true, "copiesAlive", 1)),
            Fixtures.VERSION);

    String html = HtmlReport.render(Comparison.of(report));

    assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
    assertFalse(html.contains("<b>bold</b>"));
  }

  private static String chartSvg(String html, String kind) {
    int start = html.indexOf("<svg class=\"chart\" data-chart=\"" + kind + "\"");
    return html.substring(start, html.indexOf("</svg>", start));
  }

  private static List<String> texts(String svg, String group) {
    int start = svg.indexOf(group);
    String inside = svg.substring(start, svg.indexOf("</g>", start));
    return Pattern.compile("<text[^>]*>([^<]*)</text>")
        .matcher(inside)
        .results()
        .map(m -> m.group(1))
        .toList();
  }
}
