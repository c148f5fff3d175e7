package io.camfleet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Topics created by {@link TopicAdmin} take a write on every partition as soon as the call returns.
 * A producer that met a partition its leader did not serve yet could lose its first batch for good
 * (Kafka's KAFKA-15591); each write here is tried once, so a partition not yet served fails it.
 */
class TopicAdminIT {
  private static final int ROUNDS = 8;
  private static final int PARTITIONS = 12;
  private static EmbeddedBroker broker;

  @BeforeAll
  static void start() {
    broker = EmbeddedBroker.startTemporary();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void everyPartitionOfACatalogTopicTakesAWriteOnceCreateTopicsReturns() throws Exception {
    assertEveryPartitionTakesAWriteRightAfter(
        "catalog-",
        name ->
            TopicAdmin.createTopics(
                client(),
                List.of(Topics.WORLD_EVENTS.renamed(name).withPartitions(PARTITIONS)),
                30));
  }

  @Test
  void everyPartitionOfATopicCreatedAsGivenTakesAWriteOnceTheCallReturns() throws Exception {
    assertEveryPartitionTakesAWriteRightAfter(
        "as-given-",
        name ->
            assertEquals(
                List.of(name),
                TopicAdmin.createAsGiven(
                    client(), List.of(new NewTopic(name, PARTITIONS, (short) 1)), 30)));
  }

  /**
   * Creates {@value #ROUNDS} topics named {@code prefix} and a number with {@code create}, and
   * writes to every partition of each the moment {@code create} returns.
   */
  private static void assertEveryPartitionTakesAWriteRightAfter(
      String prefix, Consumer<String> create) throws InterruptedException {
    List<String> refused = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producerTriedOnce()) {
      for (int round = 0; round < ROUNDS; round++) {
        String name = prefix + round;
        create.accept(name);
        refused.addAll(writeToEveryPartition(producer, name));
      }
    }
    assertEquals(List.of(), refused);
  }

  /** One record to each partition of {@code topic}; the partitions that refused it, and why. */
  private static List<String> writeToEveryPartition(
      KafkaProducer<byte[], byte[]> producer, String topic) throws InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      sent.add(producer.send(new ProducerRecord<>(topic, p, new byte[0], new byte[1])));
    }
    List<String> refused = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      try {
        sent.get(p).get();
      } catch (ExecutionException e) {
        refused.add(topic + "-" + p + ": " + e.getCause().getClass().getSimpleName());
      }
    }
    return refused;
  }

  /** A producer that sends each record once: no retry hides a partition that is not served. */
  private static KafkaProducer<byte[], byte[]> producerTriedOnce() {
    Properties p = new Properties();
    p.putAll(client());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    p.put(ProducerConfig.RETRIES_CONFIG, 0);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Properties client() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return p;
  }
}
