package io.camfleet.simulator.cli;

import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationSummary;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr with the share of simulated days done and the time left at the pace so
 * far: redrawn in place with carriage returns on a terminal, a plain line every few seconds
 * otherwise (a log file or CI output). The day shown never goes back.
 */
public final class TerminalProgress implements ProgressListener {
  private static final int WIDTH = 30;
  private static final long LINE_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream err;
  private final boolean terminal;
  private final int totalDays;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private long lastLineNanos;
  private int day;
  private int drawnLength;
  private boolean drawn;

  public TerminalProgress(
      PrintStream err, boolean terminal, int totalDays, LongSupplier nanoClock) {
    this.err = err;
    this.terminal = terminal;
    this.totalDays = Math.max(1, totalDays);
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.lastLineNanos = startNanos;
  }

  /** Progress on this process's stderr, as a bar when the process runs in a terminal. */
  public static TerminalProgress onStderr(int totalDays) {
    return new TerminalProgress(System.err, System.console() != null, totalDays, System::nanoTime);
  }

  @Override
  public void progress(int simulatedDay, long events, double eventsPerSecond) {
    day = Math.max(day, Math.min(Math.max(simulatedDay, 0), totalDays));
    long now = nanoClock.getAsLong();
    if (terminal) {
      String line = line(events, eventsPerSecond, now);
      // pad over the end of a longer line drawn before
      err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
      err.flush();
      drawnLength = line.length();
      drawn = true;
      return;
    }
    if (now - lastLineNanos >= LINE_EVERY_NANOS) {
      err.println(line(events, eventsPerSecond, now));
      lastLineNanos = now;
    }
  }

  @Override
  public void finished(SimulationSummary summary) {
    if (drawn) {
      err.println();
    }
  }

  private String line(long events, double eventsPerSecond, long now) {
    int filled = (int) ((long) day * WIDTH / totalDays);
    return String.format(
        Locale.ROOT,
        "[%s%s] %3d%%  day %d/%d  %,d events  %,.0f events/s  ETA %s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        (long) day * 100 / totalDays,
        day,
        totalDays,
        events,
        eventsPerSecond,
        eta(now));
  }

  /**
   * The time left if the remaining days take as long each as the days so far: unknown before the
   * first day is done.
   */
  private String eta(long now) {
    if (day == 0) {
      return "--";
    }
    double leftNanos = (double) (now - startNanos) * (totalDays - day) / day;
    long seconds = (long) Math.ceil(leftNanos / 1e9 - 1e-6);
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
