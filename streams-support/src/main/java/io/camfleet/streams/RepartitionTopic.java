package io.camfleet.streams;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * A repartition topic of a topology, named and with a fixed partition count: the topology builds
 * its {@code repartition()} from it ({@link #repartitioned}), and the service creates the topic
 * before Kafka Streams starts ({@link RepartitionTopics#create}).
 *
 * <p>Why before: otherwise the first rebalance's leader creates it while assigning, the consumer
 * then sees its subscribed topics' metadata change, and the group rebalances a second time.
 * Measured on a new sharing service, that second round took 0.3 to 0.9 s of its start.
 */
public record RepartitionTopic(String name, int partitions) {
  /** The suffix Kafka Streams gives a repartition topic's name. */
  static final String SUFFIX = "-repartition";

  public RepartitionTopic {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "repartition topic " + name + " needs at least one partition, not " + partitions);
    }
  }

  /** The {@code repartition()} settings that make Kafka Streams use this topic. */
  public <K, V> Repartitioned<K, V> repartitioned(Serde<K> keys, Serde<V> values) {
    return Repartitioned.with(keys, values).withName(name).withNumberOfPartitions(partitions);
  }

  /**
   * The topic's name in a topology's description: without the application id, as in {@link
   * org.apache.kafka.streams.TopologyDescription}.
   */
  public String describedName() {
    return name + SUFFIX;
  }

  /** The topic's name on the cluster for the application {@code applicationId}. */
  public String topicName(String applicationId) {
    return applicationId + "-" + describedName();
  }
}
