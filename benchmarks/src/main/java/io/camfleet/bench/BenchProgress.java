package io.camfleet.bench;

import io.camfleet.cli.ProgressLine;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The bench's progress, a line after each step: a run of one side of a comparison (warm-up runs
 * included), a pass of item 4, or item 3's preloading of its topic. The ETA is the pace of the
 * steps so far, which differ in length, so it is an estimate. Item 5's whole runs of {@code
 * camfleet run} are not steps: the run it starts prints its own progress.
 */
final class BenchProgress {
  private final PrintStream out;
  private final int total;
  private final LongSupplier nanoTime;
  private final long started;
  private int done;

  BenchProgress(PrintStream out, int total, LongSupplier nanoTime) {
    if (total < 0) {
      throw new IllegalArgumentException("a bench of " + total + " steps");
    }
    this.out = out;
    this.total = total;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  /** The steps of {@code items} (1 to 4; 5 has none) at {@code size}. */
  static int steps(Set<Integer> items, BenchSize size) {
    int steps = 0;
    if (items.contains(1)) {
      steps += 2 * 2 * (size.runs + 1); // two worlds; the simulator and ProducerPerformance
    }
    if (items.contains(2)) {
      steps += size.runs;
    }
    if (items.contains(3)) {
      // the preloading, then per guarantee and round: ConsumerPerformance, the count, two services
      steps += 1 + 2 * 4 * (size.runs + (size.warmUpRound ? 1 : 0));
    }
    if (items.contains(4)) {
      steps += 3; // a discarded pass, then the two sizes
    }
    return steps;
  }

  /** Counts one step as done and prints the line: {@code what} says which, and what it measured. */
  void step(String what) {
    if (done == total) {
      throw new IllegalStateException("a bench of " + total + " steps took one more: " + what);
    }
    done++;
    out.println(
        ProgressLine.steps("bench", done, total, "steps", nanoTime.getAsLong() - started)
            + " | "
            + what);
  }

  /** {@code what} and a rate in the bench's words: "sharing-service 72,829 events/s". */
  static String rate(String what, double perSecond, String unit) {
    return String.format(Locale.ROOT, "%s %,.0f %s/s", what, perSecond, unit);
  }

  int done() {
    return done;
  }
}
