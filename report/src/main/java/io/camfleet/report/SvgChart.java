package io.camfleet.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart over simulated days as an inline SVG element: one polyline per series, axes and a
 * legend.
 */
final class SvgChart {
  static final int WIDTH = 640;
  private static final int LEFT = 64;
  private static final int RIGHT = 40;
  private static final int TOP = 12;
  private static final int PLOT_BOTTOM = 212;
  private static final int LEGEND_TOP = PLOT_BOTTOM + 44;
  private static final int LEGEND_ROW = 18;
  private static final int MAX_DATE_TICKS = 6;

  /** One line of the chart, a value per day. */
  record Series(String id, String label, String color, List<Long> values) {
    Series {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(color, "color");
      values = List.copyOf(values);
    }
  }

  private SvgChart() {}

  /**
   * Renders the chart; {@code yMax} is the top of the value axis, shared by the charts of one kind
   * so that their heights compare across policies.
   */
  static String render(
      String policy,
      String kind,
      String title,
      List<LocalDate> days,
      List<Series> series,
      long yMax) {
    for (Series line : series) {
      if (line.values().size() != days.size()) {
        throw new IllegalArgumentException(
            "series "
                + line.id()
                + " has "
                + line.values().size()
                + " values for "
                + days.size()
                + " days");
      }
    }
    long[] axis = valueAxis(yMax);
    long step = axis[0];
    long top = axis[1];
    List<String> legend = new ArrayList<>();
    List<int[]> legendAt = layoutLegend(series, legend);
    int rows = legendAt.isEmpty() ? 0 : legendAt.get(legendAt.size() - 1)[1] + 1;
    int height = LEGEND_TOP + rows * LEGEND_ROW;

    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" data-policy=\"")
        .append(Html.escape(policy))
        .append("\" data-chart=\"")
        .append(Html.escape(kind))
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title + ", " + policy))
        .append("\">\n");
    svg.append("<title>").append(Html.escape(title + ", " + policy)).append("</title>\n");

    // value axis: gridlines and labels at round numbers
    svg.append("<g class=\"axis y\">\n");
    for (long value = 0; value <= top; value += step) {
      String y = coordinate(y(value, top));
      svg.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\"/>")
          .append("<text x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(y)
          .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
          .append(axisNumber(value))
          .append("</text>\n");
    }
    svg.append("</g>\n");

    // time axis: the first and last day and evenly spaced days between
    svg.append("<g class=\"axis x\">\n");
    svg.append("<line class=\"baseline\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y1=\"")
        .append(PLOT_BOTTOM)
        .append("\" y2=\"")
        .append(PLOT_BOTTOM)
        .append("\"/>\n");
    for (int index : dateTicks(days.size())) {
      String x = coordinate(x(days, index));
      svg.append("<line class=\"tick\" x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x)
          .append("\" y1=\"")
          .append(PLOT_BOTTOM)
          .append("\" y2=\"")
          .append(PLOT_BOTTOM + 5)
          .append("\"/>")
          .append("<text x=\"")
          .append(x)
          .append("\" y=\"")
          .append(PLOT_BOTTOM + 18)
          .append("\" text-anchor=\"middle\">")
          .append(days.get(index))
          .append("</text>\n");
    }
    svg.append("</g>\n");

    for (Series line : series) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < days.size(); i++) {
        if (i > 0) {
          points.append(' ');
        }
        points
            .append(coordinate(x(days, i)))
            .append(',')
            .append(coordinate(y(line.values().get(i), top)));
      }
      int last = days.size() - 1;
      svg.append("<polyline class=\"series\" data-series=\"")
          .append(Html.escape(line.id()))
          .append("\" fill=\"none\" stroke=\"")
          .append(line.color())
          .append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"")
          .append(points)
          .append("\">")
          .append("<title>")
          .append(Html.escape(line.label()))
          .append("</title></polyline>\n")
          .append("<circle class=\"end\" cx=\"")
          .append(coordinate(x(days, last)))
          .append("\" cy=\"")
          .append(coordinate(y(line.values().get(last), top)))
          .append("\" r=\"3\" fill=\"")
          .append(line.color())
          .append("\"/>\n");
    }

    svg.append("<g class=\"legend\">\n");
    for (int i = 0; i < series.size(); i++) {
      int x = legendAt.get(i)[0];
      int y = LEGEND_TOP + legendAt.get(i)[1] * LEGEND_ROW;
      svg.append("<line x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x + 18)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\" stroke=\"")
          .append(series.get(i).color())
          .append("\" stroke-width=\"3\"/>")
          .append("<text x=\"")
          .append(x + 24)
          .append("\" y=\"")
          .append(y)
          .append("\" dominant-baseline=\"middle\">")
          .append(Html.escape(legend.get(i)))
          .append("</text>\n");
    }
    svg.append("</g>\n</svg>");
    return svg.toString();
  }

  /**
   * The legend entries (label and final value) and where each goes: x and row, wrapping at the
   * width.
   */
  private static List<int[]> layoutLegend(List<Series> series, List<String> labels) {
    List<int[]> at = new ArrayList<>();
    int x = LEFT;
    int row = 0;
    for (Series line : series) {
      String label =
          line.label() + ": " + groupedNumber(line.values().get(line.values().size() - 1));
      int width = 24 + (int) Math.ceil(label.length() * 6.6) + 16;
      if (x > LEFT && x + width > WIDTH) {
        x = LEFT;
        row++;
      }
      labels.add(label);
      at.add(new int[] {x, row});
      x += width;
    }
    return at;
  }

  private static double x(List<LocalDate> days, int index) {
    long first = days.get(0).toEpochDay();
    long span = days.get(days.size() - 1).toEpochDay() - first;
    if (span == 0) {
      return (LEFT + WIDTH - RIGHT) / 2.0;
    }
    return LEFT + (days.get(index).toEpochDay() - first) * (double) (WIDTH - RIGHT - LEFT) / span;
  }

  private static double y(long value, long top) {
    return PLOT_BOTTOM - value * (double) (PLOT_BOTTOM - TOP) / top;
  }

  /** Indexes of the days labelled on the time axis. */
  static List<Integer> dateTicks(int days) {
    List<Integer> ticks = new ArrayList<>();
    int count = Math.min(days, MAX_DATE_TICKS);
    if (count == 1) {
      ticks.add(0);
      return ticks;
    }
    for (int i = 0; i < count; i++) {
      ticks.add((int) Math.round(i * (days - 1) / (double) (count - 1)));
    }
    return ticks;
  }

  /**
   * The step and top of a value axis reaching {@code max}: the step is the smallest 1, 2 or 5 times
   * a power of ten that covers {@code max} in at most five steps; the top is the first multiple of
   * the step at or above {@code max}.
   */
  static long[] valueAxis(long max) {
    long top = Math.max(max, 1);
    for (long magnitude = 1; ; magnitude *= 10) {
      for (long factor : new long[] {1, 2, 5}) {
        long step = magnitude * factor;
        if (step * 5 >= top) {
          return new long[] {step, (top + step - 1) / step * step};
        }
      }
    }
  }

  static String axisNumber(long value) {
    if (value >= 1_000_000) {
      return trimmed(value / 1_000_000.0) + "M";
    }
    if (value >= 10_000) {
      return trimmed(value / 1_000.0) + "k";
    }
    return groupedNumber(value);
  }

  static String groupedNumber(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String trimmed(double value) {
    String text = String.format(Locale.ROOT, "%.2f", value);
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String coordinate(double value) {
    String text = String.format(Locale.ROOT, "%.1f", value);
    return text.equals("-0.0") ? "0.0" : text;
  }
}
