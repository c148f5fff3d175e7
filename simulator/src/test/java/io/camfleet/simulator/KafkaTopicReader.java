package io.camfleet.simulator;

import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.Topic;
import io.camfleet.testkafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic of the shared test broker from the beginning until it holds the expected number of
 * records.
 */
final class KafkaTopicReader {
  private KafkaTopicReader() {}

  static List<ConsumerRecord<String, WorldEvent>> readAll(
      Topic<String, WorldEvent> topic, long expected, Duration timeout) {
    Properties props = TestKafka.clientConfig();
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, WorldEvent>> records = new ArrayList<>();
    try (KafkaConsumer<String, WorldEvent> consumer =
        new KafkaConsumer<>(
            props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < topic.partitions(); p++) {
        partitions.add(new TopicPartition(topic.name(), p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
