package io.camfleet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders sweep.html, self-contained like report.html: for each key measure and each varied key, a
 * row of small multiples (one per combination of the other keys' values), each with the varied
 * key's values along x and one line per policy: the mean final value over the seeds, with its 95%
 * interval as a band when there are several seeds.
 */
final class SweepHtml {
  private static final int WIDTH = 360;
  private static final int HEIGHT = 230;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 12;
  private static final int BOTTOM = 180;

  private static final String STYLE =
      """
      body { margin: 0 auto; max-width: 1400px; padding: 24px; color: #1b1f24;
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
      h3 { font-size: 15px; margin: 12px 0 6px; }
      p.note { color: #57606a; }
      .panels { display: flex; flex-wrap: wrap; gap: 12px; }
      figure { margin: 0; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px; width: 380px; }
      figcaption { font-size: 12.5px; color: #57606a; margin: 0 0 4px 4px; }
      svg.panel { display: block; width: 100%; height: auto; font-size: 10.5px; }
      svg.panel .grid { stroke: #eaeef2; }
      svg.panel .axis { stroke: #57606a; }
      ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
      ul.legend span { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 6px; }
      """;

  private SweepHtml() {}

  static String render(Sweep sweep) {
    Comparison first = sweep.variants().get(0).comparison();
    List<String> policies = sweep.policies();
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>camfleet sweep: ")
        .append(Html.escape(first.world().name()))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>camfleet sweep: ")
        .append(Html.escape(first.world().name()))
        .append("</h1>\n<p class=\"note\">")
        .append(sweep.variants().size())
        .append(" variants of the world varying ")
        .append(Html.escape(String.join(", ", sweep.keys())))
        .append("; ")
        .append(policies.size())
        .append(" policies; ")
        .append(first.n())
        .append(first.n() == 1 ? " seed" : " seeds")
        .append(" each. ")
        .append(
            first.n() == 1
                ? "One seed: lines are single runs, without interval."
                : "Lines are the mean final value over the seeds; bands its 95% confidence interval.")
        .append("</p>\n<ul class=\"legend\">\n");
    for (int p = 0; p < policies.size(); p++) {
      out.append("<li><span style=\"background:")
          .append(colour(p))
          .append("\"></span>")
          .append(Html.escape(policies.get(p)))
          .append("</li>\n");
    }
    out.append("</ul>\n");
    for (ReportKey measure : HtmlReport.CHARTS) {
      out.append("<section class=\"measure\" data-measure=\"")
          .append(Html.escape(measure.name()))
          .append("\">\n<h2>")
          .append(Html.escape(HtmlReport.chartTitle(measure)))
          .append(" at the end</h2>\n");
      for (String key : sweep.keys()) {
        out.append("<h3>against ").append(Html.escape(key)).append("</h3>\n");
        out.append("<div class=\"panels\">\n");
        for (Map.Entry<Map<String, String>, List<SweepVariant>> panel :
            panels(sweep, key).entrySet()) {
          panel(out, sweep, measure, key, panel.getKey(), panel.getValue());
        }
        out.append("</div>\n");
      }
      out.append("</section>\n");
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  /** The variants grouped by the values of every key but {@code key}, in the order of the sweep. */
  private static Map<Map<String, String>, List<SweepVariant>> panels(Sweep sweep, String key) {
    Map<Map<String, String>, List<SweepVariant>> panels = new LinkedHashMap<>();
    for (SweepVariant variant : sweep.variants()) {
      Map<String, String> others = new LinkedHashMap<>(variant.values());
      others.remove(key);
      panels.computeIfAbsent(others, o -> new ArrayList<>()).add(variant);
    }
    return panels;
  }

  private static void panel(
      StringBuilder out,
      Sweep sweep,
      ReportKey measure,
      String key,
      Map<String, String> others,
      List<SweepVariant> variants) {
    List<String> xs =
        sweep.values(key).stream()
            .filter(v -> variants.stream().anyMatch(variant -> variant.values().get(key).equals(v)))
            .toList();
    List<String> policies = sweep.policies();
    // estimates[policy][x], null where the grid has no such variant
    Estimate[][] estimates = new Estimate[policies.size()][xs.size()];
    double max = 0;
    for (SweepVariant variant : variants) {
      int x = xs.indexOf(variant.values().get(key));
      for (int p = 0; p < policies.size(); p++) {
        Estimate e = variant.comparison().summary(policies.get(p), measure);
        estimates[p][x] = e;
        max = Math.max(max, e.hasInterval() ? e.high() : e.mean());
      }
    }
    long[] axis = SvgChart.valueAxis((long) Math.ceil(max));
    String caption =
        others.isEmpty()
            ? key
            : others.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    out.append("<figure>\n<figcaption>")
        .append(Html.escape(caption))
        .append("</figcaption>\n<svg class=\"panel\" data-measure=\"")
        .append(Html.escape(measure.name()))
        .append("\" data-key=\"")
        .append(Html.escape(key))
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(
            Html.escape(
                measure.label() + " against " + key + (others.isEmpty() ? "" : ", " + caption)))
        .append("\">\n");
    for (long v = 0; v <= axis[1]; v += axis[0]) {
      String y = coordinate(y(v, axis[1]));
      out.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\"/><text x=\"")
          .append(LEFT - 4)
          .append("\" y=\"")
          .append(y)
          .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
          .append(Html.escape(Words.value(measure, v)))
          .append("</text>\n");
    }
    out.append("<line class=\"axis\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y1=\"")
        .append(BOTTOM)
        .append("\" y2=\"")
        .append(BOTTOM)
        .append("\"/>\n");
    for (int x = 0; x < xs.size(); x++) {
      out.append("<text x=\"")
          .append(coordinate(x(x, xs.size())))
          .append("\" y=\"")
          .append(BOTTOM + 16)
          .append("\" text-anchor=\"middle\">")
          .append(Html.escape(xs.get(x)))
          .append("</text>\n");
    }
    out.append("<text x=\"")
        .append((LEFT + WIDTH - RIGHT) / 2)
        .append("\" y=\"")
        .append(BOTTOM + 36)
        .append("\" text-anchor=\"middle\">")
        .append(Html.escape(key))
        .append("</text>\n");
    for (int p = 0; p < policies.size(); p++) {
      StringBuilder high = new StringBuilder();
      StringBuilder low = new StringBuilder();
      StringBuilder line = new StringBuilder();
      for (int x = 0; x < xs.size(); x++) {
        Estimate e = estimates[p][x];
        if (e == null) {
          continue;
        }
        String px = coordinate(x(x, xs.size()));
        line.append(line.isEmpty() ? "" : " ")
            .append(px)
            .append(',')
            .append(coordinate(y(e.mean(), axis[1])));
        if (e.hasInterval()) {
          high.append(high.isEmpty() ? "" : " ")
              .append(px)
              .append(',')
              .append(coordinate(y(e.high(), axis[1])));
          low.insert(0, px + "," + coordinate(y(e.low(), axis[1])) + " ");
        }
      }
      if (!high.isEmpty()) {
        out.append("<polygon class=\"band\" data-series=\"")
            .append(Html.escape(policies.get(p)))
            .append("\" fill=\"")
            .append(colour(p))
            .append("\" fill-opacity=\"0.15\" points=\"")
            .append(high)
            .append(' ')
            .append(low.toString().strip())
            .append("\"/>\n");
      }
      out.append("<polyline class=\"series\" data-series=\"")
          .append(Html.escape(policies.get(p)))
          .append("\" fill=\"none\" stroke=\"")
          .append(colour(p))
          .append("\" stroke-width=\"2\" points=\"")
          .append(line)
          .append("\"><title>")
          .append(Html.escape(policies.get(p)))
          .append("</title></polyline>\n");
    }
    out.append("</svg>\n</figure>\n");
  }

  private static String colour(int policy) {
    return HtmlReport.policyColour(policy);
  }

  private static double x(int index, int count) {
    return count == 1
        ? (LEFT + WIDTH - RIGHT) / 2.0
        : LEFT + 20 + index * (WIDTH - RIGHT - LEFT - 40) / (double) (count - 1);
  }

  private static double y(double value, long top) {
    return BOTTOM - value * (BOTTOM - TOP) / top;
  }

  private static String coordinate(double value) {
    return SvgChart.coordinate(value);
  }
}
