package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClockTick;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.Placement.Placed;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.testkafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Published to a real broker, every partition holds its share of the stream in order, stamped with
 * event time, ticked to the end.
 */
class KafkaEventSinkIT {

  private static final int PARTITIONS = 6;

  @Test
  @Timeout(180)
  void publishedWorldHasContractKeysPartitionsTimestampsOrderAndTicks() {
    // not the catalog's 4: the sink finds the topic's own count, and the world runs on it
    Topic<String, WorldEvent> topic =
        Topics.WORLD_EVENTS.renamed(TestKafka.unique("world-events")).withPartitions(PARTITIONS);
    TestKafka.createTopics(List.of(topic));
    World world = Worlds.read("default").withCameras(120).withDays(30);

    // the same world generated in memory: where each record must land under the contract
    Map<Integer, List<Placed>> expected = Placement.expected(world, PARTITIONS);

    SimulationSummary summary;
    try (KafkaEventSink sink =
        new KafkaEventSink(new ClientConfig(TestKafka.bootstrapServers(), null), topic)) {
      summary = Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    }
    assertTrue(summary.requests() > 0 && summary.shares() > 0, summary.render());

    Map<Integer, List<Placed>> published =
        Placement.published(topic, summary.totalEvents(), Duration.ofSeconds(120));
    assertEquals(expected, published);

    long horizon = world.horizon().toEpochMilli();
    assertEquals(PARTITIONS, published.size(), "records on every partition");
    for (int p = 0; p < PARTITIONS; p++) {
      List<Placed> records = published.get(p);
      long previous = Long.MIN_VALUE;
      int ticks = 0;
      for (Placed r : records) {
        assertEquals(r.event().getEventTime(), r.timestamp());
        assertTrue(r.timestamp() >= previous, "partition " + p + " out of order at " + r);
        previous = r.timestamp();
        if (r.event().getEvent() instanceof ClockTick tick) {
          assertEquals(p, tick.getPartition());
          assertEquals("tick-" + p, r.key());
          ticks++;
        } else if (r.event().getEvent() instanceof PoliceRequest request) {
          assertEquals(request.getRequestId(), r.key());
        }
      }
      assertEquals(30 * 24, ticks, "hourly ticks on partition " + p);
      Placed last = records.get(records.size() - 1);
      assertEquals(new ClockTick(p, true), last.event().getEvent());
      assertEquals(horizon, last.timestamp());
    }
  }
}
