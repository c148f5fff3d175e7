package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StallWatchTest {
  private static final long SECOND = 1_000_000_000L;

  private long now = 1_000 * SECOND;
  private long committed;
  private int reads;

  private final StallWatch watch = new StallWatch(Duration.ofMinutes(30), () -> now);

  private boolean checkAfter(Duration elapsed) throws Exception {
    now += elapsed.toNanos();
    return watch.stalled(
        () -> {
          reads++;
          return committed;
        });
  }

  @Test
  void runThatKeepsProgressingPastTheLimitIsNeverStalled() throws Exception {
    List<Boolean> answers = new ArrayList<>();
    for (int minute = 1; minute <= 120; minute++) {
      committed += 1_000;
      answers.add(checkAfter(Duration.ofMinutes(1)));
    }
    assertEquals(List.of(false), answers.stream().distinct().toList());
  }

  @Test
  void stallsOnceNothingChangedForTheLimitSinceTheLastProgress() throws Exception {
    committed = 5_000;
    checkAfter(Duration.ofSeconds(1));
    committed = 9_000;
    checkAfter(Duration.ofMinutes(10));

    assertEquals(false, checkAfter(Duration.ofMinutes(29).plusSeconds(59)));
    assertEquals(Duration.ofMinutes(29).plusSeconds(59), watch.idle());
    assertEquals(true, checkAfter(Duration.ofSeconds(1)));
  }

  @Test
  void progressAfterAQuietSpellStartsTheWaitAgain() throws Exception {
    checkAfter(Duration.ofSeconds(1));
    assertEquals(false, checkAfter(Duration.ofMinutes(25)));
    committed = 1;
    assertEquals(false, checkAfter(Duration.ofMinutes(25)));
    assertEquals(false, checkAfter(Duration.ofMinutes(29)));
    assertEquals(true, checkAfter(Duration.ofMinutes(1)));
  }

  @Test
  void aMeasureThatGoesBackCountsAsProgress() throws Exception {
    committed = 100;
    checkAfter(Duration.ofSeconds(1));
    committed = 40; // a group reset by a restarted instance still shows work going on
    assertEquals(false, checkAfter(Duration.ofMinutes(31)));
  }

  @Test
  void readsTheMeasureAtMostOnceASecond() throws Exception {
    for (int i = 0; i < 10; i++) {
      checkAfter(Duration.ofMillis(100));
    }
    assertEquals(1, reads);
    checkAfter(Duration.ofMillis(100));
    assertEquals(2, reads);
  }

  @Test
  void refusesALimitOfZero() {
    assertThrows(IllegalArgumentException.class, () -> new StallWatch(Duration.ZERO, () -> 0));
  }
}
