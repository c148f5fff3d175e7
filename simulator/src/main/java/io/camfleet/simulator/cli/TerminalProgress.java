package io.camfleet.simulator.cli;

import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationSummary;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr: redrawn in place with carriage returns on a terminal, a plain line
 * every few seconds otherwise (a log file or CI output).
 */
public final class TerminalProgress implements ProgressListener {
  private static final int WIDTH = 30;
  private static final long LINE_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream err;
  private final boolean terminal;
  private final int totalDays;
  private final LongSupplier nanoClock;
  private long lastLineNanos;
  private boolean drawn;

  public TerminalProgress(PrintStream err, boolean terminal, int totalDays, LongSupplier nanoClock) {
    this.err = err;
    this.terminal = terminal;
    this.totalDays = Math.max(1, totalDays);
    this.nanoClock = nanoClock;
    this.lastLineNanos = nanoClock.getAsLong();
  }

  /** Progress on this process's stderr, as a bar when the process runs in a terminal. */
  public static TerminalProgress onStderr(int totalDays) {
    return new TerminalProgress(System.err, System.console() != null, totalDays, System::nanoTime);
  }

  @Override
  public void progress(int simulatedDay, long events, double eventsPerSecond) {
    if (terminal) {
      err.print("\r" + line(simulatedDay, events, eventsPerSecond));
      err.flush();
      drawn = true;
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - lastLineNanos >= LINE_EVERY_NANOS) {
      err.println(line(simulatedDay, events, eventsPerSecond));
      lastLineNanos = now;
    }
  }

  @Override
  public void finished(SimulationSummary summary) {
    if (drawn) {
      err.println();
    }
  }

  String line(int simulatedDay, long events, double eventsPerSecond) {
    int day = Math.min(Math.max(simulatedDay, 0), totalDays);
    int filled = (int) ((long) day * WIDTH / totalDays);
    return String.format(Locale.ROOT, "[%s%s] day %d/%d  %,d events  %,.0f events/s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), day, totalDays, events, eventsPerSecond);
  }
}
