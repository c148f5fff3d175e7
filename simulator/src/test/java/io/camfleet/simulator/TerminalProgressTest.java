package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.simulator.cli.TerminalProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar redraws in place on a terminal and prints a plain line every five seconds elsewhere. */
class TerminalProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void terminalRedrawsOneLineWithCarriageReturns() {
    TerminalProgress progress = new TerminalProgress(err, true, 100, () -> now);
    progress.progress(25, 1_000, 4_000);
    progress.progress(50, 2_500_000, 1_234_567.8);
    progress.finished(null);
    assertEquals("\r[#######.......................] day 25/100  1,000 events  4,000 events/s"
        + "\r[###############...............] day 50/100  2,500,000 events  1,234,568 events/s"
        + System.lineSeparator(), printed());
  }

  @Test
  void logGetsALineEveryFiveSeconds() {
    TerminalProgress progress = new TerminalProgress(err, false, 10, () -> now);
    now += 1_000_000_000L;
    progress.progress(1, 10, 10);
    now += 4_500_000_000L;
    progress.progress(2, 20, 10);
    now += 1_000_000_000L;
    progress.progress(3, 30, 10);
    progress.finished(null);
    assertEquals("[######........................] day 2/10  20 events  10 events/s" + System.lineSeparator(), printed());
  }
}
