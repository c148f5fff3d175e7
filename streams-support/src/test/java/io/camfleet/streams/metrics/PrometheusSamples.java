package io.camfleet.streams.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The samples of a Prometheus text exposition (format 0.0.4), read line by line: metric name,
 * labels, value. Comments and the optional timestamp are skipped; a malformed line fails the read.
 */
public final class PrometheusSamples {
  private final Map<String, Map<Map<String, String>, Double>> byName;

  private PrometheusSamples(Map<String, Map<Map<String, String>, Double>> byName) {
    this.byName = byName;
  }

  public static PrometheusSamples parse(String text) {
    Map<String, Map<Map<String, String>, Double>> byName = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      try {
        new Line(line).readInto(byName);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " is no sample: " + line + " (" + e.getMessage() + ")", e);
      }
    }
    return new PrometheusSamples(byName);
  }

  /** Every metric name with at least one sample. */
  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  /**
   * Each series of {@code name} (its labels, sorted by name) and its value; empty if there is none.
   */
  public Map<Map<String, String>, Double> series(String name) {
    return Collections.unmodifiableMap(byName.getOrDefault(name, Map.of()));
  }

  /**
   * The value of the series of {@code name} with exactly {@code labels}; fails if there is none.
   */
  public double value(String name, Map<String, String> labels) {
    Double value = series(name).get(new TreeMap<>(labels));
    if (value == null) {
      throw new AssertionError(
          "no sample "
              + name
              + labels
              + "; the series of "
              + name
              + " are "
              + series(name).keySet());
    }
    return value;
  }

  /** A cursor over one sample line. */
  private static final class Line {
    private final String text;
    private int at;

    Line(String text) {
      this.text = text;
    }

    void readInto(Map<String, Map<Map<String, String>, Double>> byName) {
      String name = name();
      Map<String, String> labels = new TreeMap<>();
      if (peek() == '{') {
        at++;
        while (peek() != '}') {
          String label = name();
          expect('=');
          labels.put(label, quoted());
          if (peek() == ',') {
            at++;
          }
        }
        at++;
      }
      expect(' ');
      String[] rest = text.substring(at).trim().split(" ");
      if (rest.length > 2) {
        throw new IllegalArgumentException("more than a value and a timestamp after the labels");
      }
      Double previous =
          byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(labels, number(rest[0]));
      if (previous != null) {
        throw new IllegalArgumentException("the series appears twice");
      }
    }

    private String name() {
      int start = at;
      while (at < text.length()
          && (Character.isLetterOrDigit(text.charAt(at)) || "_:".indexOf(text.charAt(at)) >= 0)) {
        at++;
      }
      if (at == start) {
        throw new IllegalArgumentException("a name expected at column " + (at + 1));
      }
      return text.substring(start, at);
    }

    private String quoted() {
      expect('"');
      StringBuilder value = new StringBuilder();
      while (peek() != '"') {
        char c = text.charAt(at++);
        if (c == '\\') {
          char escaped = text.charAt(at++);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      at++;
      return value.toString();
    }

    private static double number(String text) {
      return switch (text) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(text);
      };
    }

    private char peek() {
      if (at >= text.length()) {
        throw new IllegalArgumentException("the line ends early");
      }
      return text.charAt(at);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("'" + c + "' expected at column " + (at + 1));
      }
      at++;
    }
  }
}
