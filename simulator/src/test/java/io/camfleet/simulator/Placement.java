package io.camfleet.simulator;

import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.Topic;
import io.camfleet.simulator.generate.Partitions;
import io.camfleet.simulator.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Records by partition as the contract places them: where a world's events must land, and where a
 * topic holds them, in comparable form.
 */
final class Placement {
  private Placement() {}

  /** What the contract says about one record. */
  record Placed(int partition, String key, long timestamp, WorldEvent event) {}

  /** The world generated in memory on {@code partitions}: where each record must land. */
  static Map<Integer, List<Placed>> expected(World world, int partitions) {
    Map<Integer, List<Placed>> expected = new TreeMap<>();
    for (Recorded r :
        RecordingSink.run(world, SimulationOptions.defaults().withPartitions(partitions))) {
      int partition = r.partition() != null ? r.partition() : Partitions.of(r.key(), partitions);
      expected
          .computeIfAbsent(partition, p -> new ArrayList<>())
          .add(new Placed(partition, r.key(), r.time(), r.event()));
    }
    return expected;
  }

  /** The first {@code count} committed records of {@code topic}, by partition. */
  static Map<Integer, List<Placed>> published(
      Topic<String, WorldEvent> topic, long count, Duration timeout) {
    Map<Integer, List<Placed>> published = new TreeMap<>();
    for (ConsumerRecord<String, WorldEvent> r : KafkaTopicReader.readAll(topic, count, timeout)) {
      published
          .computeIfAbsent(r.partition(), p -> new ArrayList<>())
          .add(new Placed(r.partition(), r.key(), r.timestamp(), r.value()));
    }
    return published;
  }
}
