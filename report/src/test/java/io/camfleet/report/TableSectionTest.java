package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.schemas.stats.MeasureTable;
import io.camfleet.schemas.stats.SharingMeasure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableSectionTest {

  /** A portal table as a run with portal enforcement fills it, 2 policies. */
  static final TableSection PORTAL =
      new TableSection(
          "portal",
          "Requests at the portal",
          "What the portal did.",
          List.of("status-quo-2019", "markey-caps-2019"),
          List.of(
              row("requestsMade", "requests made", 0, 120, 120),
              row("requests", "requests sent", 0, 120, 84),
              row("requestsRefused", "requests refused", 0, 0, 36),
              row("requestsRefusedPortalClosed", "requests refused: portal closed", 1, 0, 0),
              row("requestsRefusedWindowBelowMinimum", "requests refused: window", 1, 0, 30),
              row("requestsRefusedAreaBelowMinimum", "requests refused: area", 1, 0, 6),
              row("requestsRefusedPastLookBack", "requests refused: look back", 1, 0, 0),
              row("requestsNarrowed", "requests narrowed", 0, 0, 12),
              row("requestsNarrowedWindow", "requests narrowed: window", 1, 0, 10),
              row("notifications", "request emails", 0, 2400, 1500),
              row("notificationsWithheld", "request emails withheld", 0, 0, 900)));

  private static TableSection.Row row(String name, String label, int level, double... values) {
    return new TableSection.Row(
        name, label, level, java.util.Arrays.stream(values).boxed().toList());
  }

  @Test
  void showsNoTableWhenNoPolicyRefusesOrNarrows() {
    assertEquals(List.of(), TableSection.of(Comparison.of(Fixtures.twoPolicyReport())));
  }

  @Test
  void showsATableOfTheVocabularyWhenAPolicyCountsAnyOfItsTriggers() {
    Comparison comparison = Comparison.of(Fixtures.twoPolicyReport());
    List<MeasureTable.Resolved> rows =
        List.of(
            new MeasureTable.Resolved(SharingMeasure.REQUESTS, 0),
            new MeasureTable.Resolved(SharingMeasure.SHARES_BLOCKED_BY_CAPS, 0),
            new MeasureTable.Resolved(SharingMeasure.SHARES_BLOCKED_OUTSIDE_AREA, 1));

    TableSection caps =
        TableSection.of(
                comparison,
                "caps",
                "Caps",
                "Shares the caps blocked.",
                rows,
                List.of(SharingMeasure.SHARES_BLOCKED_BY_CAPS))
            .orElseThrow();

    assertEquals(
        List.of(
            "| measure | status-quo-2019 | eu-30-days |",
            "|---|---:|---:|",
            "| requests sent | 3 | 3 |",
            "| shares blocked by request caps | 0 | 1 |",
            "| · shares blocked: beyond area maximum | 0 | 1 |"),
        caps.markdown());
    assertEquals(
        Optional.empty(),
        TableSection.of(
            comparison,
            "caps",
            "Caps",
            "",
            rows,
            List.of(SharingMeasure.SHARES_BLOCKED_WINDOW_BELOW_MINIMUM)),
        "no policy blocked a share for a short window");
  }

  @Test
  void rendersThePortalTableInReportMdAfterTheDifferences() {
    String md = MarkdownReport.render(Comparison.of(Fixtures.twoPolicyReport()), List.of(PORTAL));
    List<String> lines = List.of(md.split("\n", -1));
    int at = lines.indexOf("## Requests at the portal");

    assertEquals(
        List.of(
            "## Requests at the portal",
            "",
            "What the portal did. A row after a dot is a cause of the total above it.",
            "",
            "| measure | status-quo-2019 | markey-caps-2019 |",
            "|---|---:|---:|",
            "| requests made | 120 | 120 |",
            "| requests sent | 120 | 84 |",
            "| requests refused | 0 | 36 |",
            "| · requests refused: portal closed | 0 | 0 |",
            "| · requests refused: window | 0 | 30 |",
            "| · requests refused: area | 0 | 6 |",
            "| · requests refused: look back | 0 | 0 |",
            "| requests narrowed | 0 | 12 |",
            "| · requests narrowed: window | 0 | 10 |",
            "| request emails | 2,400 | 1,500 |",
            "| request emails withheld | 0 | 900 |",
            "",
            "## Results"),
        lines.subList(at, at + 19));
    assertTrue(at > lines.indexOf("## Differences from the baseline"), md);
  }

  @Test
  void rendersThePortalTableInReportHtmlWithALinkToIt() {
    String html = HtmlReport.render(Comparison.of(Fixtures.twoPolicyReport()), List.of(PORTAL));

    assertTrue(
        html.contains("<li><a href=\"#portal\">requests at the portal</a></li>\n"), "nav link");
    assertTrue(
        html.contains(
            "<tr data-row=\"requestsRefusedWindowBelowMinimum\"><th scope=\"row\" class=\"holder\">"
                + "requests refused: window</th><td>0</td><td>30</td></tr>\n"),
        html);
    assertTrue(
        html.contains(
            "<tr data-row=\"notificationsWithheld\"><th scope=\"row\">request emails withheld</th>"
                + "<td>0</td><td>900</td></tr>\n"),
        html);
    assertTrue(
        html.indexOf("<section id=\"differences\">") < html.indexOf("<section id=\"portal\">")
            && html.indexOf("<section id=\"portal\">")
                < html.indexOf("<section id=\"comparison\">"),
        "between the differences and the charts");
    assertTrue(
        !HtmlReport.render(Comparison.of(Fixtures.twoPolicyReport())).contains("#portal"),
        "no refusals, no table");
  }
}
