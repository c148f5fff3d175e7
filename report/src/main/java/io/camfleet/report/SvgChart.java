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

  /**
   * One line of the chart, a value per day, and optionally a band around it (the 95% interval of
   * each day's mean over the seeds): {@code low} and {@code high} are empty for no band.
   */
  record Series(
      String id,
      String label,
      String color,
      List<Double> values,
      List<Double> low,
      List<Double> high) {
    Series {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(color, "color");
      values = List.copyOf(values);
      low = List.copyOf(low);
      high = List.copyOf(high);
      if (low.size() != high.size() || (!low.isEmpty() && low.size() != values.size())) {
        throw new IllegalArgumentException(
            "series " + id + ": a band needs a low and high per value");
      }
    }

    /** A line without a band. */
    static Series of(String id, String label, String color, List<Long> values) {
      return new Series(
          id, label, color, values.stream().map(Long::doubleValue).toList(), List.of(), List.of());
    }

    /** A line of means over the seeds, with their interval as a band where there is one. */
    static Series of(
        String id, String label, String color, List<Estimate> estimates, boolean band) {
      List<Double> means = estimates.stream().map(Estimate::mean).toList();
      if (!band || estimates.stream().noneMatch(Estimate::hasInterval)) {
        return new Series(id, label, color, means, List.of(), List.of());
      }
      return new Series(
          id,
          label,
          color,
          means,
          estimates.stream().map(Estimate::low).toList(),
          estimates.stream().map(Estimate::high).toList());
    }

    boolean banded() {
      return !low.isEmpty();
    }
  }

  /**
   * A policy stage taking over on {@code from}: drawn as a dashed vertical line at that day's
   * midnight (the points left of it close days under the earlier rules), labelled {@code label};
   * {@code policies} names the policies whose stage it is, {@code color} draws it.
   */
  record Marker(LocalDate from, String label, String policies, String color) {
    Marker {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(policies, "policies");
      Objects.requireNonNull(color, "color");
    }
  }

  private SvgChart() {}

  /** The top of the value axis for these series: the largest value or band edge. */
  static long maxOf(List<Series> series) {
    double max = 0;
    for (Series line : series) {
      for (double v : line.values()) {
        max = Math.max(max, v);
      }
      for (double v : line.high()) {
        max = Math.max(max, v);
      }
    }
    return (long) Math.ceil(max);
  }

  /**
   * Renders the chart, {@code yMax} the top of its value axis, with the value axis labelled by
   * {@code axisLabel} and the legend's final values by {@code valueLabel}.
   */
  static String render(
      String kind,
      String title,
      List<LocalDate> days,
      List<Series> series,
      long yMax,
      java.util.function.LongFunction<String> axisLabel,
      java.util.function.DoubleFunction<String> valueLabel) {
    return render(kind, title, days, series, List.of(), yMax, axisLabel, valueLabel);
  }

  /** As above, with the stages that take over within the days marked. */
  static String render(
      String kind,
      String title,
      List<LocalDate> days,
      List<Series> series,
      List<Marker> markers,
      long yMax,
      java.util.function.LongFunction<String> axisLabel,
      java.util.function.DoubleFunction<String> valueLabel) {
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
    List<int[]> legendAt = layoutLegend(series, legend, valueLabel);
    int rows = legendAt.isEmpty() ? 0 : legendAt.get(legendAt.size() - 1)[1] + 1;
    int height = LEGEND_TOP + rows * LEGEND_ROW;

    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" data-chart=\"")
        .append(Html.escape(kind))
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\">\n");
    svg.append("<title>").append(Html.escape(title)).append("</title>\n");

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
          .append(axisLabel.apply(value))
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

    stages(svg, days, markers);

    svg.append("<g class=\"bands\">\n");
    for (Series line : series) {
      if (!line.banded()) {
        continue;
      }
      StringBuilder band = new StringBuilder();
      for (int i = 0; i < days.size(); i++) {
        band.append(i > 0 ? " " : "")
            .append(coordinate(x(days, i)))
            .append(',')
            .append(coordinate(y(line.high().get(i), top)));
      }
      for (int i = days.size() - 1; i >= 0; i--) {
        band.append(' ')
            .append(coordinate(x(days, i)))
            .append(',')
            .append(coordinate(y(line.low().get(i), top)));
      }
      svg.append("<polygon class=\"band\" data-series=\"")
          .append(Html.escape(line.id()))
          .append("\" fill=\"")
          .append(line.color())
          .append("\" fill-opacity=\"0.18\" stroke=\"none\" points=\"")
          .append(band)
          .append("\"/>\n");
    }
    svg.append("</g>\n");
    // the first series (the baseline) last, on top of the others
    for (int k = series.size() - 1; k >= 0; k--) {
      Series line = series.get(k);
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
   * The markers of stages that take over after the first day closes and no later than the last day:
   * the others change nothing the chart shows.
   */
  private static void stages(StringBuilder svg, List<LocalDate> days, List<Marker> markers) {
    List<Marker> shown =
        markers.stream()
            .filter(
                m -> m.from().isAfter(days.get(0)) && !m.from().isAfter(days.get(days.size() - 1)))
            .toList();
    if (shown.isEmpty()) {
      return;
    }
    svg.append("<g class=\"stages\">\n");
    for (Marker marker : shown) {
      double at = x(days.get(0), days.get(days.size() - 1), marker.from().toEpochDay() - 1);
      String x = coordinate(at);
      boolean right = at > WIDTH - RIGHT - 80;
      svg.append("<g class=\"stage\" data-stage=\"")
          .append(Html.escape(marker.label()))
          .append("\" data-from=\"")
          .append(marker.from())
          .append("\" data-policies=\"")
          .append(Html.escape(marker.policies()))
          .append("\"><title>")
          .append(
              Html.escape(
                  marker.policies() + ": stage " + marker.label() + " from " + marker.from()))
          .append("</title><line x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x)
          .append("\" y1=\"")
          .append(TOP)
          .append("\" y2=\"")
          .append(PLOT_BOTTOM)
          .append("\" stroke=\"")
          .append(marker.color())
          .append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"")
          .append(coordinate(right ? at - 3 : at + 3))
          .append("\" y=\"")
          .append(TOP + 10)
          .append("\" text-anchor=\"")
          .append(right ? "end" : "start")
          .append("\" fill=\"")
          .append(marker.color())
          .append("\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">")
          .append(Html.escape(marker.label()))
          .append("</text></g>\n");
    }
    svg.append("</g>\n");
  }

  /**
   * The legend entries (label and final value) and where each goes: x and row, wrapping at the
   * width.
   */
  private static List<int[]> layoutLegend(
      List<Series> series,
      List<String> labels,
      java.util.function.DoubleFunction<String> valueLabel) {
    List<int[]> at = new ArrayList<>();
    int x = LEFT;
    int row = 0;
    for (Series line : series) {
      String label =
          line.label() + ": " + valueLabel.apply(line.values().get(line.values().size() - 1));
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
    return x(days.get(0), days.get(days.size() - 1), days.get(index).toEpochDay());
  }

  /**
   * Where the point of the day {@code epochDay} goes on a time axis from {@code first} to {@code
   * last}.
   */
  private static double x(LocalDate first, LocalDate last, long epochDay) {
    long span = last.toEpochDay() - first.toEpochDay();
    if (span == 0) {
      return (LEFT + WIDTH - RIGHT) / 2.0;
    }
    return LEFT + (epochDay - first.toEpochDay()) * (double) (WIDTH - RIGHT - LEFT) / span;
  }

  private static double y(double value, long top) {
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

  /** A value as the legend shows it: grouped digits, one decimal where it is not whole. */
  static String groupedNumber(double value) {
    return value == Math.rint(value)
        ? groupedNumber((long) value)
        : String.format(Locale.ROOT, "%,.1f", value);
  }

  private static String trimmed(double value) {
    String text = String.format(Locale.ROOT, "%.2f", value);
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  static String coordinate(double value) {
    String text = String.format(Locale.ROOT, "%.1f", value);
    return text.equals("-0.0") ? "0.0" : text;
  }
}
