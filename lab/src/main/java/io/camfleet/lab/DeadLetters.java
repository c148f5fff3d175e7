package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records of a run's dead-letter topic: each is an input record that no figure
 * includes.
 */
final class DeadLetters {
  private DeadLetters() {}

  static long count(ClientConfig client, String topic, Duration timeout) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Under read_committed the end offsets are the last stable offsets: every committed record
      // lies before them.
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      long count = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read the dead-letter topic " + topic + " within " + timeout);
        }
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
            count++;
          }
        }
      }
      return count;
    }
  }
}
