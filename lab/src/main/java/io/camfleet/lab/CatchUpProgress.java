package io.camfleet.lab;

import io.camfleet.cli.ProgressLine;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The services' catch-up after the simulation: the share of the published events that they have
 * committed, with an ETA from the pace since the catch-up began; redrawn in place on a terminal, a
 * line every few seconds otherwise. The share never goes backwards on screen.
 */
final class CatchUpProgress {
  private static final long LINE_EVERY_NANOS = 5_000_000_000L;
  private static final long REDRAW_EVERY_NANOS = 1_000_000_000L;

  /** Reads the share done, from 0 to 1. */
  interface Fraction {
    double get() throws Exception;
  }

  private final PrintStream err;
  private final String what;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long startedNanos;
  private double startFraction = -1;
  private double shown;
  private long lastLineNanos;
  private boolean drawn;

  CatchUpProgress(PrintStream err, boolean terminal, LongSupplier nanoClock) {
    this(err, "services' catch-up: %5.1f%% of the events processed", terminal, nanoClock);
  }

  /** {@code what}: the line's format, with {@code %5.1f%%} where the percentage goes. */
  CatchUpProgress(PrintStream err, String what, boolean terminal, LongSupplier nanoClock) {
    this.err = err;
    this.what = what;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.startedNanos = nanoClock.getAsLong();
    this.lastLineNanos = startedNanos;
  }

  static CatchUpProgress onStderr() {
    return new CatchUpProgress(System.err, System.console() != null, System::nanoTime);
  }

  /** Another long phase's progress, {@code what} formatted as for the constructor. */
  static CatchUpProgress onStderr(String what) {
    return new CatchUpProgress(System.err, what, System.console() != null, System::nanoTime);
  }

  /**
   * Shows the progress now if it is time to (every second on a terminal, every few seconds
   * otherwise).
   */
  void show(Fraction fraction) throws Exception {
    long now = nanoClock.getAsLong();
    if (now - lastLineNanos < (terminal ? REDRAW_EVERY_NANOS : LINE_EVERY_NANOS)) {
      return;
    }
    String line = line(fraction.get(), now);
    if (terminal) {
      err.print("\r" + line);
      drawn = true;
    } else {
      err.println(line);
    }
    err.flush();
    lastLineNanos = now;
  }

  void finished() {
    if (drawn) {
      err.println();
    }
  }

  /** The line for {@code fraction} done at {@code now}. */
  String line(double fraction, long now) {
    shown = Math.max(shown, Math.min(1.0, Math.max(0.0, fraction)));
    if (startFraction < 0) {
      startFraction = shown;
    }
    double seconds = (now - startedNanos) / 1e9;
    String eta = "ETA --:--";
    if (shown > startFraction && seconds > 0) {
      eta =
          "ETA "
              + ProgressLine.clock(Math.round((1.0 - shown) * seconds / (shown - startFraction)));
    }
    return String.format(Locale.ROOT, "  " + what + "  %s", shown * 100, eta);
  }
}
