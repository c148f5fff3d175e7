package io.camfleet.bench;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.schemas.stats.StatsService;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Item 3: each service's records per second over a preloaded topic, from its start until it has
 * written the final statistics of every policy, alternated with ConsumerPerformance reading the
 * same topic and with a plain Kafka Streams application counting it by key under the services'
 * settings ({@link StreamsCountBaseline}).
 */
final class ServiceBench {
  /**
   * Both services' comparisons under one processing guarantee, against ConsumerPerformance and
   * against the counting Streams application, and the CPU profile of the last run of each.
   */
  record Result(
      String guarantee,
      Ratios.Comparison retention,
      Ratios.Comparison sharing,
      Ratios.Comparison retentionVsStreams,
      Ratios.Comparison sharingVsStreams,
      String retentionProfile,
      String sharingProfile) {}

  private final ClientConfig client;
  private final Topic<String, WorldEvent> preloaded;
  private final long events;
  private final List<Policy> policies;
  private int runId;

  ServiceBench(
      ClientConfig client,
      Topic<String, WorldEvent> preloaded,
      long events,
      List<Policy> policies) {
    this.client = client;
    this.preloaded = preloaded;
    this.events = events;
    this.policies = policies;
  }

  Result measure(String guarantee, int runs, boolean warmUpRound, BenchProgress progress)
      throws Exception {
    List<Double> consumer = new ArrayList<>();
    List<Double> counting = new ArrayList<>();
    List<Double> retention = new ArrayList<>();
    List<Double> sharing = new ArrayList<>();
    String[] profiles = new String[2];
    // round -1, when run, is not counted: each side's first run in the JVM also compiles its code
    // (the counting application's first run was about half as fast as its later ones)
    for (int i = warmUpRound ? -1 : 0; i < runs; i++) {
      String round =
          "3. " + guarantee + ", " + (i < 0 ? "warm-up" : "run " + (i + 1) + " of " + runs) + ": ";
      double consumerRate =
          KafkaTools.consumerPerformance(client.bootstrapServers(), preloaded.name(), events);
      progress.step(round + BenchProgress.rate("ConsumerPerformance", consumerRate, "records"));
      double countingRate =
          StreamsCountBaseline.rate(client, preloaded, events, guarantee, "bench-" + (++runId));
      progress.step(round + BenchProgress.rate("Streams count", countingRate, "records"));
      double retentionRate = run(StatsService.RETENTION, guarantee, profiles);
      progress.step(round + BenchProgress.rate("retention-service", retentionRate, "events"));
      double sharingRate = run(StatsService.SHARING, guarantee, profiles);
      progress.step(round + BenchProgress.rate("sharing-service", sharingRate, "events"));
      if (i >= 0) {
        consumer.add(consumerRate);
        counting.add(countingRate);
        retention.add(retentionRate);
        sharing.add(sharingRate);
      }
    }
    return new Result(
        guarantee,
        new Ratios.Comparison(retention, consumer),
        new Ratios.Comparison(sharing, consumer),
        new Ratios.Comparison(retention, counting),
        new Ratios.Comparison(sharing, counting),
        profiles[0],
        profiles[1]);
  }

  /** Records per second of one service run, from its start to its last final statistics. */
  private double run(StatsService service, String guarantee, String[] profiles) throws Exception {
    String prefix = "bench-" + (++runId);
    Path stateDir = Files.createTempDirectory("camfleet-bench-state-");
    List<String> names = policies.stream().map(Policy::name).toList();
    try {
      if (service == StatsService.RETENTION) {
        RetentionTopics topics =
            new RetentionTopics(
                preloaded,
                renamed(Topics.RETENTION_RECEIPTS, prefix),
                renamed(Topics.RETENTION_STATS, prefix),
                Topics.DEAD_LETTERS);
        TopicAdmin.createTopics(client.toProperties(), topics.all(), 30);
        try (FinalStats finals = new FinalStats(client, topics.stats())) {
          ThreadProfile cpu = ThreadProfile.start();
          long start = System.nanoTime();
          try (RetentionService ignored =
              RetentionService.start(
                  policies,
                  client,
                  new RetentionOptions(
                      topics,
                      prefix + "-retention",
                      Processing.inStateDir(stateDir).withGuarantee(guarantee),
                      Optional.empty()))) {
            finals.await(names);
            double rate = events / ((System.nanoTime() - start) / 1e9);
            profiles[0] = cpu.top(4);
            return rate;
          }
        }
      }
      SharingTopics defaults = SharingTopics.defaults();
      SharingTopics topics =
          new SharingTopics(
              preloaded,
              renamed(defaults.copyLedger(), prefix),
              renamed(defaults.copyReceipts(), prefix),
              renamed(defaults.exposureStats(), prefix),
              renamed(defaults.deadLetters(), prefix));
      TopicAdmin.createTopics(client.toProperties(), topics.all(), 30);
      try (FinalStats finals = new FinalStats(client, topics.exposureStats())) {
        ThreadProfile cpu = ThreadProfile.start();
        long start = System.nanoTime();
        try (SharingService ignored =
            SharingService.start(
                policies,
                client,
                new SharingOptions(
                    topics,
                    prefix + "-sharing",
                    Processing.inStateDir(stateDir).withGuarantee(guarantee),
                    Optional.of(HttpEndpoint.loopback(0))))) {
          finals.await(names);
          double rate = events / ((System.nanoTime() - start) / 1e9);
          profiles[1] = cpu.top(4);
          return rate;
        }
      }
    } finally {
      deleteRecursively(stateDir);
    }
  }

  private static <K, V> Topic<K, V> renamed(Topic<K, V> topic, String prefix) {
    return topic.renamed(prefix + "-" + topic.name());
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      // best effort: a temporary folder
    }
  }

  /**
   * Waits for a statistics topic to hold the final day of every policy (committed records only).
   */
  static final class FinalStats implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private final KafkaConsumer<String, DailyStats> consumer;

    FinalStats(ClientConfig client, Topic<String, DailyStats> topic) {
      Properties p = client.toProperties();
      p.put(ConsumerConfig.GROUP_ID_CONFIG, "camfleet-bench-" + UUID.randomUUID());
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      consumer =
          new KafkaConsumer<>(p, new StringDeserializer(), topic.valueSerde().deserializer());
      consumer.subscribe(List.of(topic.name()));
    }

    void await(List<String> policies) {
      List<String> missing = new ArrayList<>(policies);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!missing.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "no final statistics for " + missing + " within " + TIMEOUT);
        }
        for (ConsumerRecord<String, DailyStats> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.value().getLast()) {
            missing.remove(record.value().getPolicy());
          }
        }
      }
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
