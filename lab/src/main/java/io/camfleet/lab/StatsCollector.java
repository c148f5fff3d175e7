package io.camfleet.lab;

import io.camfleet.avro.DailyStats;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Runs;
import io.camfleet.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the services' statistics topics (committed records only) and tells when every policy's
 * final day has been written by both services: the run's end is what the services write, never a
 * fixed wait.
 */
final class StatsCollector implements AutoCloseable {
  private final KafkaConsumer<String, DailyStats> consumer;
  private final List<DailyStats> all = new ArrayList<>();
  private final Set<String> finals = new HashSet<>();

  StatsCollector(ClientConfig client, List<Topic<String, DailyStats>> topics) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "camfleet-run-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), topics.get(0).valueSerde().deserializer());
    consumer.subscribe(topics.stream().map(Topic::name).toList());
  }

  /** Reads what has arrived, for up to {@code wait}. */
  void poll(Duration wait) {
    for (ConsumerRecord<String, DailyStats> record : consumer.poll(wait)) {
      DailyStats stats = record.value();
      all.add(stats);
      if (stats.getLast()) {
        finals.add(runOf(stats) + "/" + stats.getService() + "/" + stats.getPolicy());
      }
    }
  }

  /**
   * Whether each of {@code services} has written the final day of each of {@code policies} in each
   * of {@code runs} ({@link Runs}).
   */
  boolean complete(List<String> runs, List<String> services, List<String> policies) {
    return runs.stream()
        .allMatch(
            r ->
                services.stream()
                    .allMatch(
                        s ->
                            policies.stream()
                                .allMatch(p -> finals.contains(r + "/" + s + "/" + p))));
  }

  int finalsSeen() {
    return finals.size();
  }

  List<DailyStats> stats() {
    return List.copyOf(all);
  }

  /** The statistics of one run ({@link Runs#SINGLE} on a topic of one run). */
  List<DailyStats> stats(String run) {
    return all.stream().filter(s -> runOf(s).equals(run)).toList();
  }

  private static String runOf(DailyStats stats) {
    return stats.getRun() == null ? Runs.SINGLE : stats.getRun();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
