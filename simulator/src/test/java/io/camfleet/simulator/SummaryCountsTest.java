package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.RequestAnswer;
import io.camfleet.schemas.Runs;
import io.camfleet.simulator.world.World;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The summary counts exactly the events the sink received, by type and by answer, for one run (the
 * generator gives each event's type) and for merged runs (the type found from the event).
 */
class SummaryCountsTest {

  private static void assertCountsMatch(RecordingSink sink, SimulationSummary summary) {
    Map<String, Long> byType = new TreeMap<>();
    for (String type : Simulator.EVENT_TYPES) {
      byType.put(type, 0L);
    }
    Map<String, Long> answers = new TreeMap<>(Map.of("SHARED", 0L, "DECLINED", 0L, "IGNORED", 0L));
    for (Recorded r : sink.events) {
      Object body = r.event().getEvent();
      byType.merge(body.getClass().getSimpleName(), 1L, Long::sum);
      if (body instanceof RequestAnswer answer) {
        answers.merge(answer.getAnswer().name(), 1L, Long::sum);
      }
    }
    assertEquals(byType, new TreeMap<>(summary.eventsByType()));
    assertEquals(answers, new TreeMap<>(summary.answers()));
    assertEquals(byType.get("PoliceRequest"), summary.requests());
    assertEquals(byType.get("RequestNotification"), summary.notifications());
    assertEquals(byType.get("ClipShared"), summary.shares());
    assertEquals(byType.get("CopyMade"), summary.copies());
  }

  @Test
  void oneRunCountsWhatTheSinkReceived() {
    World world = Worlds.read("default").withDays(40);
    RecordingSink sink = new RecordingSink();
    SimulationSummary summary =
        Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    assertCountsMatch(sink, summary);
  }

  @Test
  void mergedRunsCountWhatTheSinkReceived() {
    World world = Worlds.read("default").withDays(40);
    RecordingSink sink = new RecordingSink();
    SimulationSummary summary =
        Simulator.runAll(
            List.of(world, world.withSeed(7)),
            List.of(Runs.forSeed(42), Runs.forSeed(7)),
            SimulationOptions.defaults(),
            sink,
            ProgressListener.NONE);
    assertCountsMatch(sink, summary);
  }
}
