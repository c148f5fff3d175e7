package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.world.World;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A world of more than 70 years (past 2^41 ms) keeps its events in time order and its progress
 * moving forward.
 */
class LongRunTest {
  private static final int DAYS = 26_000;
  private static final long DAY_MS = 86_400_000L;

  private static World world;

  /** The first few events earlier than one before them, as "day D after day E". */
  private static final List<String> backwardSteps = new ArrayList<>();

  private static long lastEventTime;

  /**
   * The first few progress reports of a day before the one reported last, as "day D after day E".
   */
  private static final List<String> backwardReports = new ArrayList<>();

  private static int lastReportedDay = -1;

  /**
   * Real time that moves on 300 ms each time it is read, so the simulator reports at every check.
   */
  private static final class RushingClock implements WallClock {
    long now;

    @Override
    public long nanoTime() {
      return now += 300_000_000L;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
    }
  }

  @BeforeAll
  static void runOneCameraForTwentySixThousandDays() {
    world = Worlds.read("default").withCameras(1).withDays(DAYS);
    EventSink sink =
        new EventSink() {
          @Override
          public void send(String key, Integer partition, WorldEvent event) {
            if (event.getEventTime() < lastEventTime && backwardSteps.size() < 3) {
              backwardSteps.add(
                  "day " + dayOf(event.getEventTime()) + " after day " + dayOf(lastEventTime));
            }
            lastEventTime = Math.max(lastEventTime, event.getEventTime());
          }

          @Override
          public void close() {}
        };
    ProgressListener progress =
        (day, events, rate) -> {
          if (day < lastReportedDay && backwardReports.size() < 3) {
            backwardReports.add("day " + day + " after day " + lastReportedDay);
          }
          lastReportedDay = day;
        };
    Simulator.run(world, SimulationOptions.defaults(), sink, progress, new RushingClock());
  }

  private static long dayOf(long time) {
    return (time - world.startInstant().toEpochMilli()) / DAY_MS;
  }

  @Test
  void eventsStayInTimeOrderToTheHorizon() {
    assertEquals(List.of(), backwardSteps);
    assertEquals(world.startInstant().toEpochMilli() + DAYS * DAY_MS, lastEventTime);
  }

  @Test
  void reportedDayNeverGoesBackAndEndsAtTheLastDay() {
    assertEquals(List.of(), backwardReports);
    assertEquals(DAYS, lastReportedDay);
  }
}
