package io.camfleet.cli;

import java.util.Locale;

/** How every command words its progress: the share done, and the time left as an ETA. */
public final class ProgressLine {
  private ProgressLine() {}

  /**
   * "sweep: 2 of 4 variants done (50%), ETA 3:10", the ETA from the pace so far: {@code done} of
   * {@code total} steps took {@code elapsedNanos}.
   */
  public static String steps(String command, int done, int total, String steps, long elapsedNanos) {
    if (done < 1 || done > total) {
      throw new IllegalArgumentException(done + " of " + total + " " + steps + " done");
    }
    long seconds = Math.round(elapsedNanos / 1e9 / done * (total - done));
    return String.format(
        Locale.ROOT,
        "%s: %d of %d %s done (%.0f%%), ETA %s",
        command,
        done,
        total,
        steps,
        100.0 * done / total,
        clock(seconds));
  }

  /** A duration as m:ss, or h:mm:ss from an hour on. */
  public static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
