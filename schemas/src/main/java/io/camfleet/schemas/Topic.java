package io.camfleet.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic as a typed value: its name, serdes, the partition count it is created with, whether
 * that count follows the input's, and its cleanup policy.
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    Sizing sizing,
    Cleanup cleanup,
    String description) {

  /** Where a topic's partition count comes from when it is created. */
  public enum Sizing {
    /** Always the declared count. */
    FIXED,
    /**
     * As many partitions as {@code world-events} has on the cluster (the declared count is that of
     * a new {@code world-events}): a service creates it after reading the input's count.
     */
    LIKE_INPUT
  }

  /** How the broker discards old records of a topic. */
  public enum Cleanup {
    DELETE("delete"),
    COMPACT("compact");

    private final String config;

    Cleanup(String config) {
      this.config = config;
    }

    public String config() {
      return config;
    }
  }

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(sizing, "sizing");
    Objects.requireNonNull(cleanup, "cleanup");
    if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
      throw new IllegalArgumentException("topic names are kebab-case: " + name);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + name);
    }
  }

  /**
   * The same topic under another name, for tests and side-by-side runs that must not share topics.
   */
  public Topic<K, V> renamed(String newName) {
    return new Topic<>(newName, keySerde, valueSerde, partitions, sizing, cleanup, description);
  }

  /** The same topic with another partition count. */
  public Topic<K, V> withPartitions(int count) {
    return new Topic<>(name, keySerde, valueSerde, count, sizing, cleanup, description);
  }

  /**
   * The topic as it is created beside an input of {@code inputPartitions} partitions: with that
   * count if it is sized {@link Sizing#LIKE_INPUT}, else as it is.
   */
  public Topic<K, V> besideInput(int inputPartitions) {
    return sizing == Sizing.LIKE_INPUT ? withPartitions(inputPartitions) : this;
  }

  /**
   * The same topic whose Avro serdes look up unknown writer schemas in {@code schemas} and register
   * the schemas they write there; other serdes are kept as they are.
   */
  public Topic<K, V> withSchemas(SchemaSource schemas) {
    return new Topic<>(
        name,
        bind(keySerde, schemas),
        bind(valueSerde, schemas),
        partitions,
        sizing,
        cleanup,
        description);
  }

  @SuppressWarnings("unchecked")
  private static <X> Serde<X> bind(Serde<X> serde, SchemaSource schemas) {
    return serde instanceof AvroSerde<?> avro ? (Serde<X>) avro.withSchemas(schemas) : serde;
  }

  /** Topic-level configs for creating it. */
  public Map<String, String> configs() {
    return Map.of("cleanup.policy", cleanup.config());
  }
}
