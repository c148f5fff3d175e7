package io.camfleet.simulator.generate;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's default partitioner gives a string key, so shards can own whole partitions.
 */
public final class Partitions {
  private Partitions() {}

  /** The most partitions a world can be spread over (the generator keeps a camera's in a byte). */
  public static final int MAX = 127;

  /** Same as the producer's built-in partitioner for a key serialized as UTF-8. */
  public static int of(String key, int partitions) {
    return ofKey(key.getBytes(StandardCharsets.UTF_8), partitions);
  }

  /** Same as the producer's built-in partitioner for a serialized key. */
  public static int ofKey(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }
}
