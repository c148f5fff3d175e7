package io.camfleet.streams;

import io.camfleet.schemas.Topic;
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

  /** How a topology writes {@code topic}. */
  public static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde());
  }
}
