package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.schemas.Topics;
import io.camfleet.simulator.generate.Partitions;
import io.camfleet.simulator.world.World;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --shard k/n}: each shard emits exactly the whole stream's records of its partitions, in
 * the same order.
 */
class ShardingTest {
  private static World world;
  private static List<String> whole;

  @BeforeAll
  static void runWholeWorld() {
    world = Worlds.read("default").withCameras(200).withDays(60);
    whole = run(SimulationOptions.defaults());
  }

  private static List<String> run(SimulationOptions options) {
    EncodedSink sink = new EncodedSink(true);
    Simulator.run(world, options, sink, ProgressListener.NONE);
    return sink.records;
  }

  private static int partitionOf(String record) {
    String[] parts = record.split("\\|", 3);
    return parts[1].equals("null")
        ? Partitions.of(parts[0], Topics.DEFAULT_WORLD_PARTITIONS)
        : Integer.parseInt(parts[1]);
  }

  @ParameterizedTest(name = "{0} shards")
  @ValueSource(ints = {2, 3, 4})
  void shardsTogetherEmitExactlyTheWholeStream(int shards) {
    int total = 0;
    for (int k = 0; k < shards; k++) {
      List<String> expected = new ArrayList<>();
      for (String record : whole) {
        if (partitionOf(record) % shards == k) {
          expected.add(record);
        }
      }
      List<String> shard = run(SimulationOptions.defaults().withShard(k, shards));
      assertEquals(expected, shard, "shard " + k + "/" + shards);
      total += shard.size();
    }
    assertEquals(whole.size(), total);
  }

  @Test
  void wholeStreamFillsEveryPartition() {
    long[] events = new long[Topics.DEFAULT_WORLD_PARTITIONS];
    for (String record : whole) {
      events[partitionOf(record)]++;
    }
    for (long n : events) {
      assertTrue(n > 10_000, "events on a partition: " + n);
    }
    assertTrue(whole.size() > 50_000, "events: " + whole.size());
  }

  @Test
  void moreShardsThanPartitionsAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SimulationOptions.defaults().withShard(0, 5));
    assertEquals(
        "shard count must be between 1 and the number of partitions (4), not 5", e.getMessage());
  }
}
