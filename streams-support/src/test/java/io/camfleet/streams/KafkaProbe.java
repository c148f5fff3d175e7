package io.camfleet.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What service tests ask of a broker: ids, topic names, and the committed records of topics. */
public final class KafkaProbe {
  private static final long TIMEOUT_SECONDS = 30;

  private KafkaProbe() {}

  public static String clusterId(String bootstrapServers) throws Exception {
    try (Admin admin = admin(bootstrapServers)) {
      return admin.describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  public static String topicId(String bootstrapServers, String topic) throws Exception {
    try (Admin admin = admin(bootstrapServers)) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(topic)
          .topicId()
          .toString();
    }
  }

  public static Set<String> topicNames(String bootstrapServers) throws Exception {
    try (Admin admin = admin(bootstrapServers)) {
      return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Deletes {@code topic} and returns once the cluster no longer lists it. */
  public static void deleteTopic(String bootstrapServers, String topic, Duration timeout)
      throws Exception {
    try (Admin admin = admin(bootstrapServers)) {
      admin.deleteTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).contains(topic)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(topic + " still listed " + timeout + " after its deletion");
        }
      }
    }
  }

  /**
   * The end offsets of every partition of {@code topics}: where records written from now on start.
   */
  public static Map<TopicPartition, Long> endOffsets(
      String bootstrapServers, Collection<String> topics) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }

  /**
   * The committed records from {@code from} (a start offset for each partition to read), read until
   * {@code done} holds of them and then on to the end offsets of that moment, so that nothing
   * committed before the record that made {@code done} true is left out; fails after {@code
   * timeout}.
   */
  public static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrapServers,
      Map<TopicPartition, Long> from,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
      Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      long deadline = System.nanoTime() + timeout.toNanos();
      Map<TopicPartition, Long> end = null;
      while (end == null
          || end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "read " + records.size() + " records in " + timeout + ", not yet what was awaited");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        if (end == null && done.test(records)) {
          end = consumer.endOffsets(from.keySet());
        }
      }
    }
    return records;
  }

  private static Admin admin(String bootstrapServers) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return Admin.create(p);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
