package io.camfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theEtaIsThePaceSoFarTimesWhatIsLeft() {
    assertEquals(
        "sweep: 2 of 4 variants done (50%), ETA 3:10",
        ProgressLine.steps("sweep", 2, 4, "variants", 190 * SECOND));
    assertEquals(
        "bench: 1 of 3 steps done (33%), ETA 0:20",
        ProgressLine.steps("bench", 1, 3, "steps", 10 * SECOND));
    assertEquals(
        "bench: 3 of 3 steps done (100%), ETA 0:00",
        ProgressLine.steps("bench", 3, 3, "steps", 95 * SECOND));
  }

  @Test
  void anHourOrMoreShowsItsHours() {
    assertEquals("59:59", ProgressLine.clock(3599));
    assertEquals("1:00:00", ProgressLine.clock(3600));
    assertEquals("2:03:04", ProgressLine.clock(2 * 3600 + 3 * 60 + 4));
    assertEquals(
        "sweep: 1 of 2 variants done (50%), ETA 1:15:00",
        ProgressLine.steps("sweep", 1, 2, "variants", 4500 * SECOND));
  }

  @Test
  void nothingDoneOrMoreThanAllIsAMistake() {
    assertThrows(
        IllegalArgumentException.class, () -> ProgressLine.steps("bench", 0, 3, "steps", SECOND));
    assertThrows(
        IllegalArgumentException.class, () -> ProgressLine.steps("bench", 4, 3, "steps", SECOND));
  }
}
