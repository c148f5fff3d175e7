package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.simulator.cli.TerminalProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The progress bar shows the share done and the time left; it redraws in place on a terminal and
 * prints a plain line every five seconds elsewhere; its day never goes back.
 */
class TerminalProgressTest {
  private static final long SECOND = 1_000_000_000L;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void terminalRedrawsOneLineWithPercentageAndTimeLeft() {
    TerminalProgress progress = new TerminalProgress(err, true, 100, () -> now);
    now += 10 * SECOND;
    progress.progress(25, 1_000, 4_000);
    now += 10 * SECOND;
    progress.progress(50, 2_500_000, 1_234_567.8);
    progress.finished(null);
    assertEquals(
        "\r[#######.......................]  25%  day 25/100  1,000 events  4,000 events/s  ETA 30s"
            + "\r[###############...............]  50%  day 50/100  2,500,000 events  1,234,568 events/s  ETA 20s"
            + System.lineSeparator(),
        printed());
  }

  @Test
  void timeLeftIsUnknownBeforeTheFirstDayAndZeroAtTheEnd() {
    TerminalProgress progress = new TerminalProgress(err, true, 4, () -> now);
    now += SECOND;
    progress.progress(0, 10, 10);
    now += SECOND;
    progress.progress(4, 20, 10);
    assertEquals(
        "\r[..............................]   0%  day 0/4  10 events  10 events/s  ETA --"
            + "\r[##############################] 100%  day 4/4  20 events  10 events/s  ETA 0s",
        printed());
  }

  @Test
  void timeLeftIsGivenInMinutesAndHoursOnLongRuns() {
    TerminalProgress progress = new TerminalProgress(err, false, 1_000, () -> now);
    now += 90 * SECOND;
    progress.progress(100, 1, 1);
    now += 3_600 * SECOND - 90 * SECOND;
    progress.progress(400, 2, 1);
    String nl = System.lineSeparator();
    assertEquals(
        "[###...........................]  10%  day 100/1000  1 events  1 events/s  ETA 13m30s"
            + nl
            + "[############..................]  40%  day 400/1000  2 events  1 events/s  ETA 1h30m"
            + nl,
        printed());
  }

  @Test
  void dayNeverGoesBackAndAShorterLineClearsTheLonger() {
    TerminalProgress progress = new TerminalProgress(err, true, 100, () -> now);
    now += 60 * SECOND;
    progress.progress(60, 100, 10);
    progress.progress(40, 200, 10);
    now += 60 * SECOND;
    progress.progress(99, 300, 10);
    assertEquals(
        "\r[##################............]  60%  day 60/100  100 events  10 events/s  ETA 40s"
            + "\r[##################............]  60%  day 60/100  200 events  10 events/s  ETA 40s"
            + "\r[#############################.]  99%  day 99/100  300 events  10 events/s  ETA 2s ",
        printed());
  }

  @Test
  void logGetsALineEveryFiveSeconds() {
    TerminalProgress progress = new TerminalProgress(err, false, 10, () -> now);
    now += SECOND;
    progress.progress(1, 10, 10);
    now += 4_500_000_000L;
    progress.progress(2, 20, 10);
    now += SECOND;
    progress.progress(3, 30, 10);
    progress.finished(null);
    assertEquals(
        "[######........................]  20%  day 2/10  20 events  10 events/s  ETA 22s"
            + System.lineSeparator(),
        printed());
  }
}
