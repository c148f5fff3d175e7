package io.camfleet.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A Kafka topic as a typed value: its name, serdes, partition count and cleanup policy. */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    Cleanup cleanup,
    String description) {

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
    return new Topic<>(newName, keySerde, valueSerde, partitions, cleanup, description);
  }

  /** The same topic with another partition count. */
  public Topic<K, V> withPartitions(int count) {
    return new Topic<>(name, keySerde, valueSerde, count, cleanup, description);
  }

  /**
   * The same topic whose Avro serdes look up unknown writer schemas in {@code schemas} and register
   * the schemas they write there; other serdes are kept as they are.
   */
  public Topic<K, V> withSchemas(SchemaSource schemas) {
    return new Topic<>(
        name, bind(keySerde, schemas), bind(valueSerde, schemas), partitions, cleanup, description);
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
