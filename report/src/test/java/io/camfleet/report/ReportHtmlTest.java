package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void drawsAFootageAndACopiesChartPerPolicyWithAPointPerDay() throws IOException {
    assertEquals(
        List.of(
            "status-quo-2019/footage: clipsAlive=3, clipsExpired=3, clipsExemptByShare=3",
            "status-quo-2019/copies: copiesAlive.REQUESTING_POLICE=3, copiesAlive.OTHER_AGENCY=3,"
                + " copiesAlive.FEDERAL_AGENCY=3, copiesAlive.NEIGHBOURHOOD_FEED=3, copiesAlive.PUBLIC=3",
            "eu-30-days/footage: clipsAlive=3, clipsExpired=3, clipsExemptByShare=3",
            "eu-30-days/copies: copiesAlive.REQUESTING_POLICE=3, copiesAlive.OTHER_AGENCY=3,"
                + " copiesAlive.FEDERAL_AGENCY=3, copiesAlive.NEIGHBOURHOOD_FEED=3, copiesAlive.PUBLIC=3"),
        HtmlCharts.shapes(HtmlCharts.in(html())));
  }

  @Test
  void placesPointsByDayAndByValueOnAScaleSharedAcrossPolicies() throws IOException {
    List<HtmlCharts.Chart> charts = HtmlCharts.in(html());

    // days span x 64..600; the largest footage value (18 expired clips, eu-30-days) puts the top at
    // 20,
    // so a clip is 10 units of the 200-unit-high plot that ends at y 212
    assertEquals(
        new HtmlCharts.Line("clipsAlive", List.of("64.0,112.0", "332.0,62.0", "600.0,52.0")),
        charts.get(0).lines().get(0));
    assertEquals(
        new HtmlCharts.Line("clipsExpired", List.of("64.0,212.0", "332.0,152.0", "600.0,32.0")),
        charts.get(2).lines().get(1));
  }

  @Test
  void labelsAxesWithDatesAndValuesAndNamesEachLineInALegend() throws IOException {
    String footage = chartSvg(html(), "status-quo-2019", "footage");

    assertEquals(List.of("0", "5", "10", "15", "20"), texts(footage, "<g class=\"axis y\">"));
    assertEquals(
        List.of("2019-01-01", "2019-01-02", "2019-01-03"), texts(footage, "<g class=\"axis x\">"));
    assertEquals(
        List.of("clips alive: 16", "clips expired: 12", "clips exempt by share: 2"),
        texts(footage, "<g class=\"legend\">"));
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
    assertEquals(
        SummaryTable.of(Fixtures.twoPolicyReport()).rows().size(),
        Pattern.compile("<tr data-measure=").matcher(html).results().count());
  }

  @Test
  void warnsAtTheTopWhenRecordsWereDeadLettered() {
    String html = HtmlReport.render(Fixtures.twoPolicyReport().withDeadLetters(2500));
    String warning =
        "<p class=\"untrusted\" role=\"alert\">Warning: the services sent 2,500 input records to the"
            + " dead-letter topic instead of processing them; the figures below leave them out and cannot be trusted.</p>";
    assertTrue(html.contains(warning), html);
    assertTrue(html.indexOf(warning) < html.indexOf("<dl class=\"world\">"), "before the world");
    assertFalse(
        HtmlReport.render(Fixtures.twoPolicyReport()).contains("untrusted\""),
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

    String html = HtmlReport.render(report);

    assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
    assertFalse(html.contains("<b>bold</b>"));
  }

  private static String chartSvg(String html, String policy, String kind) {
    int start =
        html.indexOf(
            "<svg class=\"chart\" data-policy=\"" + policy + "\" data-chart=\"" + kind + "\"");
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
