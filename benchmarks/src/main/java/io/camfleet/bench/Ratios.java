package io.camfleet.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Paired runs of ours against a reference, and their medians: the statistic every comparison row
 * reports.
 */
public final class Ratios {
  private Ratios() {}

  /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** {@code ours[i] / reference[i]} for each alternating pair of runs. */
  public static List<Double> paired(List<Double> ours, List<Double> reference) {
    if (ours.size() != reference.size() || ours.isEmpty()) {
      throw new IllegalArgumentException(
          "need as many runs of ours as of the reference, and at least one");
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      if (!(reference.get(i) > 0)) {
        throw new IllegalArgumentException("reference run " + (i + 1) + " measured no throughput");
      }
      ratios.add(ours.get(i) / reference.get(i));
    }
    return ratios;
  }

  /**
   * One measured comparison: our runs, the reference's runs (alternated with ours), and the median
   * ratio.
   */
  public record Comparison(List<Double> ours, List<Double> reference) {
    public Comparison {
      ours = List.copyOf(ours);
      reference = List.copyOf(reference);
      paired(ours, reference);
    }

    public double medianRatio() {
      return median(paired(ours, reference));
    }

    public double medianOurs() {
      return median(ours);
    }

    public double medianReference() {
      return median(reference);
    }
  }
}
