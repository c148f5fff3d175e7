package io.camfleet.streams;

import io.camfleet.schemas.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A catalog topic as Kafka Streams reads and writes it, with its own serdes: the contract module
 * declares topics without depending on Kafka Streams.
 */
public final class TopicStreams {
  private TopicStreams() {}

  /** How a topology reads {@code topic}. */
  public static <K, V> Consumed<K, V> consumed(Topic<K, V> topic) {
    return Consumed.with(topic.keySerde(), topic.valueSerde());
  }

  /**
   * How a topology reads only the values of {@code topic}: each key stays the bytes the broker
   * holds, never decoded. For a processor that takes everything it needs from the value, as both
   * services do with the world's events (each names its camera, household and clip): decoding the
   * camera id of every record cost the sharing service's stream thread about 8 % of its CPU.
   */
  public static <V> Consumed<byte[], V> valuesOf(Topic<?, V> topic) {
    return Consumed.with(Serdes.ByteArray(), topic.valueSerde());
  }

  /** How a topology writes {@code topic}. */
  public static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde());
  }
}
