package io.camfleet.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
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
 * The retention service on a world-events topic that has another number of partitions than the
 * catalog declares (4): it builds its topology for the partitions the topic has, so every day's
 * statistics wait for the clock ticks of each of them, and the outputs do not depend on how many
 * there are.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RetentionPartitionsIT {
  private static final int CAMERAS = 6;
  private static final int DAYS = 40;
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final List<Policy> POLICIES =
      Policies.read(
          List.of(
              Path.of("../policies/status-quo-2019.yaml"), Path.of("../policies/eu-30-days.yaml")));

  @TempDir Path state;

  /**
   * What one run wrote: every receipt (and how many of each policy and kind), every day's
   * statistics, the dead letters.
   */
  private record Output(
      List<String> receipts, Map<String, Long> kinds, List<String> stats, int deadLetters) {}

  @Test
  void twoOrSixPartitionsOfWorldEventsGiveTheReceiptsAndStatisticsOfFour() {
    Output four = run(4);
    Output two = run(2);
    Output six = run(6);

    // 6 cameras, 40 days, per policy: 48 shares, each exempting its clip. Under status quo the EU
    // cameras' clips of days 0 to 9 fall due (30 days) by the horizon, 24 of them never shared;
    // under
    // eu-30-days (30 days everywhere) the US cameras' are due as well.
    assertEquals(
        Map.of(
            "status-quo-2019 RETAINED_SHARED",
            48L,
            "status-quo-2019 CLIP_EXPIRED",
            24L,
            "eu-30-days RETAINED_SHARED",
            48L,
            "eu-30-days CLIP_EXPIRED",
            48L),
        four.kinds());
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
    TopicPrefix prefix = TopicPrefix.of(TestKafka.unique("retention-partitions-" + partitions));
    RetentionOptions options =
        RetentionOptions.of(
            prefix,
            POLICIES,
            Processing.inStateDir(state.resolve(prefix.value())),
            Optional.empty());
    RetentionTopics topics = options.topics();
    Topic<String, WorldEvent> input = topics.worldEvents().withPartitions(partitions);
    TestKafka.createTopics(List.of(input));
    String servers = TestKafka.bootstrapServers();
    try (RetentionService service =
        RetentionService.start(POLICIES, new ClientConfig(servers, null), options)) {
      // the service created its own topics: everything on them from here on is this run's
      Map<TopicPartition, Long> from =
          KafkaProbe.endOffsets(
              servers,
              List.of(
                  topics.receipts().name(), topics.stats().name(), topics.deadLetters().name()));
      TinyWorld.publish(servers, input, CAMERAS, DAYS);
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaProbe.read(
              servers,
              from,
              read ->
                  read.stream()
                          .filter(r -> r.topic().equals(topics.stats().name()))
                          .filter(r -> stats(topics, r).getLast())
                          .count()
                      == POLICIES.size(),
              WAIT);
      List<RetentionReceipt> receipts =
          records.stream()
              .filter(r -> r.topic().equals(topics.receipts().name()))
              .map(
                  r ->
                      topics
                          .receipts()
                          .valueSerde()
                          .deserializer()
                          .deserialize(r.topic(), r.value()))
              .toList();
      List<String> stats =
          records.stream()
              .filter(r -> r.topic().equals(topics.stats().name()))
              .map(r -> stats(topics, r).toString())
              .sorted()
              .toList();
      int deadLetters =
          (int) records.stream().filter(r -> r.topic().equals(topics.deadLetters().name())).count();
      return new Output(
          receipts.stream().map(RetentionReceipt::toString).sorted().toList(),
          receipts.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.getPolicy() + " " + r.getKind(), TreeMap::new, Collectors.counting())),
          stats,
          deadLetters);
    }
  }

  private static DailyStats stats(RetentionTopics topics, ConsumerRecord<byte[], byte[]> record) {
    return topics.stats().valueSerde().deserializer().deserialize(record.topic(), record.value());
  }
}
