package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClockTick;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.generate.Partitions;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.testkafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Published to a real broker, every partition holds its share of the stream in order, stamped with
 * event time, ticked to the end.
 */
class KafkaEventSinkIT {

  /**
   * What the contract says about one record, comparable between what was generated and what the
   * broker holds.
   */
  record Placed(int partition, String key, long timestamp, WorldEvent event) {}

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
    Map<Integer, List<Placed>> expected = new TreeMap<>();
    for (Recorded r :
        RecordingSink.run(world, SimulationOptions.defaults().withPartitions(PARTITIONS))) {
      int partition = r.partition() != null ? r.partition() : Partitions.of(r.key(), PARTITIONS);
      expected
          .computeIfAbsent(partition, p -> new ArrayList<>())
          .add(new Placed(partition, r.key(), r.time(), r.event()));
    }

    SimulationSummary summary;
    try (KafkaEventSink sink =
        new KafkaEventSink(new ClientConfig(TestKafka.bootstrapServers(), null), topic)) {
      summary = Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    }
    assertTrue(summary.requests() > 0 && summary.shares() > 0, summary.render());

    Map<Integer, List<Placed>> published = new TreeMap<>();
    for (ConsumerRecord<String, WorldEvent> r :
        KafkaTopicReader.readAll(topic, summary.totalEvents(), Duration.ofSeconds(120))) {
      published
          .computeIfAbsent(r.partition(), p -> new ArrayList<>())
          .add(new Placed(r.partition(), r.key(), r.timestamp(), r.value()));
    }
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
