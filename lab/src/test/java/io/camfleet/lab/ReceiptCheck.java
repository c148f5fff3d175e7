package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a finished run's topics and holds its receipts against what the verifier expects. */
final class ReceiptCheck {
  static final List<RetentionVerifier.SimplePolicy> UNCAPPED_POLICIES =
      List.of(
          new RetentionVerifier.SimplePolicy("status-quo-2019", 60, Map.of("EU", 30), true),
          new RetentionVerifier.SimplePolicy("eu-30-days", 30, Map.of(), true));

  private ReceiptCheck() {}

  /** What a check read: input records, the bad ones skipped among them, and receipts compared. */
  record Checked(long inputRecords, long skipped, long receipts) {}

  /** Blocks until retention-stats holds the final day of each policy. */
  static void awaitFinalStats(ClientConfig client, int policies) {
    awaitFinalStats(client, policies, () -> true);
  }

  /** As above, failing at once if {@code serviceAlive} says the service stopped. */
  static void awaitFinalStats(ClientConfig client, int policies, BooleanSupplier serviceAlive) {
    awaitFinalStats(client, Topics.RETENTION_STATS.name(), policies, serviceAlive);
  }

  /** Blocks until the statistics topic {@code statsTopic} holds the final day of each policy. */
  static void awaitFinalStats(
      ClientConfig client, String statsTopic, int policies, BooleanSupplier serviceAlive) {
    Set<String> finals = new HashSet<>();
    try (KafkaConsumer<String, DailyStats> consumer =
        new KafkaConsumer<>(
            consumerProps(client),
            new StringDeserializer(),
            Topics.RETENTION_STATS.valueSerde().deserializer())) {
      consumer.subscribe(List.of(statsTopic));
      while (finals.size() < policies) {
        assertTrue(serviceAlive.getAsBoolean(), "the service stopped before its final statistics");
        for (ConsumerRecord<String, DailyStats> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value().getLast()) {
            finals.add(r.value().getPolicy());
          }
        }
      }
    }
  }

  /**
   * Asserts that retention-receipts holds exactly the verifier's receipts: none missing, unexpected
   * or duplicated.
   */
  static Checked assertExactlyTheExpectedReceipts(ClientConfig client) {
    return assertExactlyTheExpectedReceipts(client, Set.of());
  }

  /**
   * As above, for a world-events topic with bad records at {@code badPositions} (see {@link
   * #positionOf}): those are skipped, and must all be found; every other record must decode.
   */
  static Checked assertExactlyTheExpectedReceipts(ClientConfig client, Set<String> badPositions) {
    return assertExactlyTheExpectedReceipts(client, badPositions, UNCAPPED_POLICIES, 10_000);
  }

  /**
   * As above, for the {@code policies} the service ran, expecting a run of at least {@code atLeast}
   * receipts.
   */
  static Checked assertExactlyTheExpectedReceipts(
      ClientConfig client,
      Set<String> badPositions,
      List<RetentionVerifier.SimplePolicy> policies,
      int atLeast) {
    RetentionVerifier verifier = new RetentionVerifier();
    Set<String> skipped = new HashSet<>();
    long inputs =
        readAll(
            client,
            Topics.WORLD_EVENTS.name(),
            r -> {
              if (badPositions.contains(positionOf(r))) {
                skipped.add(positionOf(r));
              } else {
                verifier.accept(
                    Topics.WORLD_EVENTS.valueSerde().deserializer().deserialize("", r.value()));
              }
            });
    assertEquals(badPositions, skipped, "bad input records where they were written");
    Map<String, Integer> expected = verifier.expected(policies);
    Map<String, Integer> actual = new TreeMap<>();
    long receipts =
        readAll(
            client,
            Topics.RETENTION_RECEIPTS.name(),
            r -> {
              RetentionReceipt receipt =
                  Topics.RETENTION_RECEIPTS.valueSerde().deserializer().deserialize("", r.value());
              actual.merge(
                  receipt.getPolicy()
                      + " "
                      + receipt.getClipId()
                      + " "
                      + receipt.getKind()
                      + " "
                      + receipt.getDecidedAt()
                      + " "
                      + receipt.getStage(),
                  1,
                  Integer::sum);
            });
    Set<String> missing = new HashSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    Set<String> unexpected = new HashSet<>(actual.keySet());
    unexpected.removeAll(expected.keySet());
    long duplicated =
        actual.entrySet().stream()
            .filter(e -> e.getValue() > expected.getOrDefault(e.getKey(), 0))
            .count();
    assertTrue(expected.size() > atLeast, "a run with real work: " + expected.size() + " receipts");
    assertEquals(Set.of(), missing, "missing receipts");
    assertEquals(Set.of(), unexpected, "receipts the verifier does not expect");
    assertEquals(0, duplicated, "duplicated receipts");
    return new Checked(inputs, skipped.size(), receipts);
  }

  /** Where a record sits: "topic/partition/offset", as the dead-letter headers name its source. */
  static String positionOf(ConsumerRecord<?, ?> r) {
    return r.topic() + "/" + r.partition() + "/" + r.offset();
  }

  /**
   * Hands every committed record of {@code topic}, up to its end now, to {@code each}; returns how
   * many.
   */
  static long readAll(
      ClientConfig client, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerProps(client), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          each.accept(r);
          count++;
        }
      }
    }
    return count;
  }

  private static Properties consumerProps(ClientConfig client) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "verifier-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }
}
