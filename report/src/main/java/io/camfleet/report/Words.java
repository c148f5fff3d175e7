package io.camfleet.report;

import io.camfleet.schemas.stats.MeasureUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Numbers and sentences as the report prints them: values in their unit (bytes as kB, MB, GB or
 * TB), signed differences, percentages, intervals, findings.
 */
final class Words {
  /** The minus sign printed before negative differences. */
  static final String MINUS = "\u2212";

  private static final String[] BYTE_UNITS = {"bytes", "kB", "MB", "GB", "TB", "PB"};

  private Words() {}

  /**
   * A policy's stages in one sentence, {@code Stages: 2021-06-03, 2024-01-24 (each from that day's
   * midnight, UTC).}, a label that is not its date followed by the date; empty without stages.
   */
  static String stages(PolicyInfo policy) {
    if (policy.stages().isEmpty()) {
      return "";
    }
    return (policy.stages().size() == 1 ? "Stage: " : "Stages: ")
        + policy.stages().stream()
            .map(
                s ->
                    s.label().equals(s.from().toString())
                        ? s.label()
                        : s.label() + " (from " + s.from() + ")")
            .collect(Collectors.joining(", "))
        + (policy.stages().size() == 1 ? " (from that day's" : " (each from that day's")
        + " midnight, UTC; the rules before the first are the base).";
  }

  /** A value of {@code key}: bytes in the largest decimal unit under it, others grouped. */
  static String value(ReportKey key, double value) {
    return key.measure().unit() == MeasureUnit.BYTES ? bytes(value) : number(value);
  }

  /** A difference of {@code key}, with its sign. */
  static String signed(ReportKey key, double value) {
    String magnitude = value(key, Math.abs(value));
    return (value > 0 ? "+" : value < 0 ? MINUS : "") + magnitude;
  }

  /** Grouped digits; one decimal when not whole (a mean). */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value).replace("-", MINUS);
    }
    return String.format(Locale.ROOT, "%,.1f", value).replace("-", MINUS);
  }

  /** Bytes in decimal units: {@code 387.7 GB}, {@code 1.25 TB}; three significant digits. */
  static String bytes(double value) {
    double magnitude = Math.abs(value);
    int unit = 0;
    while (unit < BYTE_UNITS.length - 1 && magnitude >= 1000) {
      magnitude /= 1000;
      unit++;
    }
    String digits =
        unit == 0
            ? number(magnitude)
            : magnitude >= 100
                ? String.format(Locale.ROOT, "%.0f", magnitude)
                : magnitude >= 10
                    ? String.format(Locale.ROOT, "%.1f", magnitude)
                    : String.format(Locale.ROOT, "%.2f", magnitude);
    return (value < 0 ? MINUS : "") + digits + " " + BYTE_UNITS[unit];
  }

  /** A fraction as a signed percentage: {@code +24%}, {@code −3.5%}, {@code 0%}. */
  static String percent(double fraction) {
    double percent = fraction * 100;
    double magnitude = Math.abs(percent);
    String digits =
        magnitude >= 10 || magnitude == 0
            ? String.format(Locale.ROOT, "%.0f", magnitude)
            : String.format(Locale.ROOT, "%.1f", magnitude);
    if (digits.equals("0") || digits.equals("0.0")) {
      return percent == 0 ? "0%" : (percent > 0 ? "+" : MINUS) + "<0.1%";
    }
    return (percent > 0 ? "+" : MINUS) + digits + "%";
  }

  /** An estimate's interval of values of {@code key}, or {@code n/a}. */
  static String interval(ReportKey key, Estimate estimate, boolean signed) {
    if (!estimate.hasInterval()) {
      return "n/a";
    }
    return signed
        ? signed(key, estimate.low()) + " to " + signed(key, estimate.high())
        : value(key, estimate.low()) + " to " + value(key, estimate.high());
  }

  /** A difference's relative interval, or {@code n/a}. */
  static String relativeInterval(Difference difference) {
    if (!difference.diff().hasInterval() || !difference.hasRelative()) {
      return "n/a";
    }
    return percent(difference.relativeLow()) + " to " + percent(difference.relativeHigh());
  }

  /** A unit as a person reads it. */
  static String unit(ReportKey key) {
    return key.measure().unit().word();
  }

  /**
   * One finding as a sentence: {@code eu-30-days: clips alive past retention −24% (95% CI −30% to
   * −18%)}; with one seed, the single-seed values instead of an interval.
   */
  static String finding(Comparison comparison, Comparison.Finding finding) {
    Difference d = finding.difference();
    ReportKey key = finding.key();
    StringBuilder text = new StringBuilder(finding.policy()).append(": ").append(key.label());
    double base = d.baselineMean();
    double policy = base + d.diff().mean();
    if (d.hasRelative()) {
      text.append(' ').append(percent(d.relative()));
    } else {
      text.append(' ').append(signed(key, d.diff().mean()));
    }
    if (comparison.n() == 1) {
      text.append(" (")
          .append(value(key, policy))
          .append(" against ")
          .append(value(key, base))
          .append("; one seed, so no interval: this may be seed noise)");
    } else if (d.hasRelative()) {
      text.append(" (95% CI ").append(relativeInterval(d)).append(')');
    } else {
      text.append(" from 0 (95% CI ").append(interval(key, d.diff(), true)).append(')');
    }
    return text.toString();
  }

  /** One line of the main findings: its kind, the policies it is about, the sentence. */
  record Line(String kind, String policy, String text) {}

  /** The sentence that introduces the findings. */
  static String findingsIntro(Comparison comparison) {
    return comparison.n() == 1
        ? "Per policy, its largest changes from the baseline (single-seed differences, no interval)."
        : "Per policy, its largest changes from the baseline whose 95% interval excludes 0.";
  }

  /**
   * The main findings, policy by policy (baseline left out): its findings, or that it had no effect
   * or no clear change; then the groups of policies that gave the same figures.
   */
  static List<Line> findings(Comparison comparison) {
    List<Line> lines = new java.util.ArrayList<>();
    for (PolicyInfo policy : comparison.policies()) {
      String name = policy.name();
      if (name.equals(comparison.baseline())) {
        continue;
      }
      if (comparison.noEffect(name)) {
        lines.add(new Line("no-effect", name, noEffect(comparison, name)));
        continue;
      }
      List<Comparison.Finding> findings = comparison.findings(name);
      if (findings.isEmpty()) {
        lines.add(
            new Line(
                "none",
                name,
                name + ": no change from the baseline whose 95% interval excludes 0."));
      }
      for (Comparison.Finding finding : findings) {
        lines.add(new Line("finding", name, finding(comparison, finding)));
      }
    }
    for (List<String> group : comparison.identicalGroups()) {
      lines.add(new Line("identical", String.join(" ", group), identical(comparison, group)));
    }
    return lines;
  }

  /** The sentence for a policy without effect, or for a group of identical policies. */
  static String noEffect(Comparison comparison, String policy) {
    String reason = comparison.noEffectReason(policy).map(r -> ": " + r).orElse("");
    return policy
        + ": no effect on this world; it gave the same figures as "
        + comparison.baseline()
        + " on every measure in "
        + (comparison.n() == 1 ? "its seed" : "every seed")
        + reason
        + ".";
  }

  static String identical(Comparison comparison, List<String> group) {
    return group.subList(0, group.size() - 1).stream().collect(Collectors.joining(", "))
        + " and "
        + group.get(group.size() - 1)
        + " gave the same figures as each other on every measure in "
        + (comparison.n() == 1 ? "the seed" : "every seed")
        + " (but not those of "
        + comparison.baseline()
        + ").";
  }

  /** The sentence that says what the intervals are. */
  static String method(Comparison comparison) {
    if (comparison.n() == 1) {
      return "One seed: the figures are a single run, differences carry no interval and may be"
          + " seed noise; run with --seeds to get 95% confidence intervals.";
    }
    return "Values are means over "
        + comparison.n()
        + " seeds; intervals are 95% confidence intervals of the mean (Student's t, "
        + (comparison.n() - 1)
        + " degrees of freedom); differences from the baseline are paired by seed"
        + " (same world, same seed), and a relative change is the mean difference over the"
        + " baseline's mean.";
  }

  /** The baseline and why, as one sentence. */
  static String baseline(Comparison comparison) {
    return "Baseline: " + comparison.baseline() + ", " + comparison.baselineReason() + ".";
  }

  /** Seeds as a list: {@code 7, 8, 9}. */
  static String seeds(Comparison comparison) {
    return comparison.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
