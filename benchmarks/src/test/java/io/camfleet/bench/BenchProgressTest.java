package io.camfleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BenchProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void everyMeasuredRunIsAStep() {
    // small: 3 runs, a warm-up round in item 3
    assertEquals(2 * 2 * 4, BenchProgress.steps(Set.of(1), BenchSize.SMALL));
    assertEquals(3, BenchProgress.steps(Set.of(2), BenchSize.SMALL));
    assertEquals(1 + 2 * 4 * 4, BenchProgress.steps(Set.of(3), BenchSize.SMALL));
    assertEquals(3, BenchProgress.steps(Set.of(4), BenchSize.SMALL));
    assertEquals(0, BenchProgress.steps(Set.of(5), BenchSize.FULL));
    // tiny: 1 run, no warm-up round in item 3
    assertEquals(8 + 1 + 9 + 3, BenchProgress.steps(Set.of(1, 2, 3, 4, 5), BenchSize.TINY));
  }

  @Test
  void eachStepPrintsTheShareDoneAndTheTimeLeftAtThePaceSoFar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(100 * SECOND);
    BenchProgress progress =
        new BenchProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4, now::get);

    now.addAndGet(30 * SECOND);
    progress.step(BenchProgress.rate("retention-service", 39_703.4, "events"));
    now.addAndGet(10 * SECOND);
    progress.step("4. warm-up pass");

    assertEquals(
        List.of(
            "bench: 1 of 4 steps done (25%), ETA 1:30 | retention-service 39,703 events/s",
            "bench: 2 of 4 steps done (50%), ETA 0:40 | 4. warm-up pass"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
    assertEquals(2, progress.done());
  }

  @Test
  void aStepBeyondThePlanIsAMistake() {
    BenchProgress progress =
        new BenchProgress(new PrintStream(new ByteArrayOutputStream()), 1, () -> 0L);
    progress.step("the only one");
    assertThrows(IllegalStateException.class, () -> progress.step("one more"));
  }

  @Test
  void theLogLiesBesideTheResults() {
    Path dir = Path.of("some", "bench").toAbsolutePath();
    assertEquals(dir.resolve("results.log"), BenchCommand.logFile(dir.resolve("results.md")));
    assertEquals(dir.resolve("results.log"), BenchCommand.logFile(dir.resolve("results")));
    assertEquals(dir.resolve("x.log.log"), BenchCommand.logFile(dir.resolve("x.log")));
  }
}
