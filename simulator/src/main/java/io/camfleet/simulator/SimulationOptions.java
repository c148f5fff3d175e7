package io.camfleet.simulator;

import io.camfleet.schemas.Topics;
import io.camfleet.simulator.generate.Partitions;

/**
 * How to run a world: which shard ({@code shardIndex} from 0 to {@code shardCount - 1}; a shard
 * owns the partitions {@code p} with {@code p % shardCount == shardIndex}, so there are at most as
 * many shards as partitions), how fast ({@code speed} times real time, 0 for as fast as possible),
 * and how many partitions the world's topic has. A sink that knows its topic's partition count (a
 * {@link EventSink#partitions()}) overrides the last one.
 */
public record SimulationOptions(int shardIndex, int shardCount, double speed, int partitions) {

  public SimulationOptions {
    if (partitions < 1 || partitions > Partitions.MAX) {
      throw new IllegalArgumentException(
          "partitions must be between 1 and " + Partitions.MAX + ", not " + partitions);
    }
    if (shardCount < 1 || shardCount > partitions) {
      throw new IllegalArgumentException(
          "shard count must be between 1 and the number of partitions ("
              + partitions
              + "), not "
              + shardCount);
    }
    if (shardIndex < 0 || shardIndex >= shardCount) {
      throw new IllegalArgumentException(
          "shard index must be between 0 and " + (shardCount - 1) + ", not " + shardIndex);
    }
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException(
          "speed must be 0 (as fast as possible) or a positive factor, not " + speed);
    }
  }

  /**
   * The whole world, as fast as possible, on as many partitions as a new world-events has (a Kafka
   * sink replaces them with its topic's count).
   */
  public static SimulationOptions defaults() {
    return new SimulationOptions(0, 1, 0, Topics.DEFAULT_WORLD_PARTITIONS);
  }

  public SimulationOptions withShard(int index, int count) {
    return new SimulationOptions(index, count, speed, partitions);
  }

  public SimulationOptions withSpeed(double newSpeed) {
    return new SimulationOptions(shardIndex, shardCount, newSpeed, partitions);
  }

  public SimulationOptions withPartitions(int newPartitions) {
    return new SimulationOptions(shardIndex, shardCount, speed, newPartitions);
  }
}
