package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClockTick;
import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay publishes each recorded event with the key and partition the simulator gave it. */
class RecordedEventsTest {

  @Test
  void replayKeysAndPartitionsAreTheSimulatorsForEveryEvent() {
    World world = World.read(Path.of("../worlds/default.yaml")).withSeed(5).withSize(20, 30);
    List<String> differences = new ArrayList<>();
    long[] events = {0};
    EventSink check =
        new EventSink() {
          @Override
          public void send(String key, Integer partition, WorldEvent event) {
            events[0]++;
            Integer replayed =
                event.getEvent() instanceof ClockTick tick ? tick.getPartition() : null;
            String derived = RecordedEvents.keyOf(event);
            if (!key.equals(derived) || !java.util.Objects.equals(partition, replayed)) {
              differences.add(key + "@" + partition + " replayed as " + derived + "@" + replayed);
            }
          }

          @Override
          public void close() {}
        };
    Simulator.run(world, SimulationOptions.defaults(), check, (day, count, rate) -> {});

    assertTrue(events[0] > 1000, "events: " + events[0]);
    assertEquals(List.of(), differences);
  }
}
