package io.camfleet.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.KafkaProbe;
import io.camfleet.streams.Processing;
import io.camfleet.streams.TinyWorld;
import io.camfleet.testkafka.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sharing service on a world-events topic that has another number of partitions than the
 * catalog declares (4): it builds its topology, household repartition included, for the partitions
 * the topic has, so every day's statistics wait for the clock ticks of each of them, and the
 * outputs do not depend on how many there are.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SharingPartitionsIT {
  private static final int CAMERAS = 6;
  private static final int DAYS = 40;
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final List<Policy> POLICIES =
      Policies.read(
          List.of(
              Path.of("../policies/status-quo-2019.yaml"),
              Path.of("../policies/copies-inherit-expiry.yaml")));

  @TempDir Path state;

  /**
   * What one run wrote: every ledger entry, copy receipt (and how many of each policy and kind) and
   * day's statistics, the final measures of each policy, and the dead letters.
   */
  private record Output(
      List<String> ledger,
      List<String> receipts,
      Map<String, Long> receiptKinds,
      List<String> stats,
      Map<String, Map<String, Long>> last,
      int deadLetters) {}

  @Test
  void twoOrSixPartitionsOfWorldEventsGiveTheLedgerReceiptsAndStatisticsOfFour() {
    Output four = run(4);
    Output two = run(2);
    Output six = run(6);

    // 6 cameras, 40 days: 48 clips shared on the neighbourhood feed, a copy each. Under status quo
    // every copy is kept; under copies-inherit-expiry a copy expires with its original: the copies
    // of
    // the 6 clips the EU cameras shared on days 0 to 9 (30 days) by the horizon.
    assertEquals(48L, four.last().get("status-quo-2019").get("copiesCreated"));
    assertEquals(48L, four.last().get("status-quo-2019").get("copiesAlive"));
    assertEquals(48L, four.last().get("copies-inherit-expiry").get("copiesCreated"));
    assertEquals(42L, four.last().get("copies-inherit-expiry").get("copiesAlive"));
    assertEquals(Map.of("copies-inherit-expiry COPY_EXPIRED", 6L), four.receiptKinds());
    assertEquals(POLICIES.size() * DAYS, four.stats().size());
    assertEquals(0, four.deadLetters());
    assertEquals(four, two);
    assertEquals(four, six);
  }

  /**
   * Publishes the tiny world to a world-events of {@code partitions} partitions and runs the
   * service over it.
   */
  private Output run(int partitions) {
    TopicPrefix prefix = TopicPrefix.of(TestKafka.unique("sharing-partitions-" + partitions));
    SharingOptions options =
        SharingOptions.of(
            prefix,
            POLICIES,
            Processing.inStateDir(state.resolve(prefix.value())),
            Optional.of(HttpEndpoint.loopback(0)));
    SharingTopics topics = options.topics();
    Topic<String, WorldEvent> input = topics.worldEvents().withPartitions(partitions);
    TestKafka.createTopics(List.of(input));
    String servers = TestKafka.bootstrapServers();
    try (SharingService service =
        SharingService.start(POLICIES, new ClientConfig(servers, null), options)) {
      // the service created its own topics: everything on them from here on is this run's
      Map<TopicPartition, Long> from =
          KafkaProbe.endOffsets(
              servers,
              List.of(
                  topics.copyLedger().name(),
                  topics.copyReceipts().name(),
                  topics.exposureStats().name(),
                  topics.deadLetters().name()));
      TinyWorld.publish(servers, input, CAMERAS, DAYS);
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaProbe.read(
              servers, from, read -> finals(topics, read).size() == POLICIES.size(), WAIT);
      List<String> ledger =
          records.stream()
              .filter(r -> r.topic().equals(topics.copyLedger().name()))
              .map(
                  r ->
                      topics
                          .copyLedger()
                          .valueSerde()
                          .deserializer()
                          .deserialize(r.topic(), r.value()))
              .map(CopyLedgerEntry::toString)
              .sorted()
              // copy-ledger is compacted by key: the same entry written again changes nothing a
              // reader of the topic sees (one CI run wrote one ALIVE entry twice on 2 or 6
              // partitions; receipts and statistics were identical)
              .distinct()
              .toList();
      List<CopyReceipt> receipts =
          records.stream()
              .filter(r -> r.topic().equals(topics.copyReceipts().name()))
              .map(
                  r ->
                      topics
                          .copyReceipts()
                          .valueSerde()
                          .deserializer()
                          .deserialize(r.topic(), r.value()))
              .toList();
      List<String> stats =
          records.stream()
              .filter(r -> r.topic().equals(topics.exposureStats().name()))
              .map(r -> stats(topics, r).toString())
              .sorted()
              .toList();
      int deadLetters =
          (int) records.stream().filter(r -> r.topic().equals(topics.deadLetters().name())).count();
      return new Output(
          ledger,
          receipts.stream().map(CopyReceipt::toString).sorted().toList(),
          receipts.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.getPolicy() + " " + r.getKind(), TreeMap::new, Collectors.counting())),
          stats,
          finals(topics, records),
          deadLetters);
    }
  }

  /** The measures of each policy's final statistics among {@code records}. */
  private static Map<String, Map<String, Long>> finals(
      SharingTopics topics, List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .filter(r -> r.topic().equals(topics.exposureStats().name()))
        .map(r -> stats(topics, r))
        .filter(DailyStats::getLast)
        .collect(
            Collectors.toMap(
                DailyStats::getPolicy,
                s -> new TreeMap<>(s.getMeasures()),
                (a, b) -> {
                  throw new AssertionError(
                      "two final statistics of one policy: " + a + " and " + b);
                },
                TreeMap::new));
  }

  private static DailyStats stats(SharingTopics topics, ConsumerRecord<byte[], byte[]> record) {
    return topics
        .exposureStats()
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
  }
}
