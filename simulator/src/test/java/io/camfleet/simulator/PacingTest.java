package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.simulator.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --speed N} runs simulated time N times faster than real time; progress comes a few times a
 * second.
 */
class PacingTest {

  /** Real time that passes only when the simulator sleeps. */
  private static final class FakeClock implements WallClock {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
    }
  }

  @Test
  void twoSimulatedDaysAtOneDayPerSecondTakeTwoSeconds() {
    World world = Worlds.read("default").withCameras(20).withDays(2);
    FakeClock clock = new FakeClock();
    List<Integer> days = new ArrayList<>();
    SimulationSummary summary =
        Simulator.run(
            world,
            SimulationOptions.defaults().withSpeed(86_400),
            EventSink.discard(),
            (day, events, rate) -> days.add(day),
            clock);
    assertEquals(Duration.ofSeconds(2), summary.wallTime());
    // progress at most four times a second, plus the final report
    assertTrue(days.size() <= 2 * 4 + 1, "reports: " + days.size());
    assertTrue(days.size() >= 2 * 4 - 1, "reports: " + days.size());
    assertEquals(2, days.get(days.size() - 1));
  }

  @Test
  void speedZeroNeverSleeps() {
    World world = Worlds.read("default").withCameras(20).withDays(2);
    FakeClock clock = new FakeClock();
    SimulationSummary summary =
        Simulator.run(
            world, SimulationOptions.defaults(), EventSink.discard(), ProgressListener.NONE, clock);
    assertEquals(Duration.ZERO, summary.wallTime());
  }
}
