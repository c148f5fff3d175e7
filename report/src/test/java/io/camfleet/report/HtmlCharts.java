package io.camfleet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the charts back out of report.html (or a browser's DOM of it): which chart, which lines,
 * their points.
 */
final class HtmlCharts {
  private static final Pattern CHART =
      Pattern.compile(
          "<svg class=\"chart\" data-chart=\"([^\"]*)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
  private static final Pattern BAND =
      Pattern.compile("<polygon class=\"band\" data-series=\"([^\"]*)\"[^>]*? points=\"([^\"]*)\"");
  private static final Pattern LINE =
      Pattern.compile(
          "<polyline class=\"series\" data-series=\"([^\"]*)\"[^>]*? points=\"([^\"]*)\"");

  /** One line of a chart and its points, as {@code x,y} pairs. */
  record Line(String series, List<String> points) {}

  /** One chart: the measure it shows, its lines, and the bands around them. */
  record Chart(String kind, List<Line> lines, List<Line> bands) {}

  private HtmlCharts() {}

  static List<Chart> in(String html) {
    List<Chart> charts = new ArrayList<>();
    Matcher chart = CHART.matcher(html);
    while (chart.find()) {
      charts.add(
          new Chart(chart.group(1), lines(LINE, chart.group(2)), lines(BAND, chart.group(2))));
    }
    return charts;
  }

  private static List<Line> lines(Pattern pattern, String svg) {
    List<Line> lines = new ArrayList<>();
    Matcher line = pattern.matcher(svg);
    while (line.find()) {
      lines.add(
          new Line(
              line.group(1),
              line.group(2).isBlank() ? List.of() : List.of(line.group(2).split(" "))));
    }
    return lines;
  }

  /** Each chart as {@code kind: series=points, ...}, for comparing whole pages at a glance. */
  static List<String> shapes(List<Chart> charts) {
    return charts.stream()
        .map(
            chart ->
                chart.kind()
                    + ": "
                    + String.join(
                        ", ",
                        chart.lines().stream()
                            .map(l -> l.series() + "=" + l.points().size())
                            .toList()))
        .toList();
  }
}
