package io.camfleet.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policy;
import io.camfleet.policy.Retention;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.streams.Processing;
import io.camfleet.streams.StateFolder;
import io.camfleet.testkafka.GroupMembers;
import io.camfleet.testkafka.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention service on a real broker: two instances of one application decide exactly as one.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RetentionServiceIT {
  @TempDir Path tmp;

  private static final Instant START = Instant.parse("2019-05-01T00:00:00Z");
  private static final int DAYS = 70;
  private static final List<Policy> POLICIES =
      List.of(
          new Policy(
              "status-quo",
              null,
              new Retention(60, Map.of("EU", 30), null),
              null,
              null,
              null,
              null),
          new Policy("thirty-days", null, new Retention(30, null, null), null, null, null, null));

  @Test
  void twoInstancesWriteTheSameReceiptsAsOne() throws Exception {
    String run = TestKafka.unique("retention-it");
    Topic<String, WorldEvent> input = Topics.WORLD_EVENTS.renamed(run + "-world-events");
    TestKafka.createTopics(List.of(input));
    int clips = publishWorld(input);

    Set<String> single = runInstances(input, run + "-single", 1);
    Set<String> pair = runInstances(input, run + "-pair", 2);

    assertEquals(
        clips * POLICIES.size(),
        single.stream()
                .filter(r -> r.contains("CLIP_EXPIRED") || r.contains("RETAINED_SHARED"))
                .count()
            + aliveAtEnd(single),
        "every clip has one fate per policy");
    assertEquals(single, pair);
  }

  /**
   * A new instance joins its consumer group once: it finds its repartition topic made before Kafka
   * Streams starts (when Kafka Streams made it in the first rebalance, the changed metadata made
   * the group rebalance a second time). A stopped instance leaves the group at once, so that the
   * others take over its tasks without waiting for its session to expire (45 s by default): Kafka
   * Streams does not leave by itself.
   */
  @Test
  void aNewInstanceJoinsItsGroupOnceAndAStoppedOneLeavesItAtOnce() throws Exception {
    String run = TestKafka.unique("retention-leave-it");
    Topic<String, WorldEvent> input = Topics.WORLD_EVENTS.renamed(run + "-world-events");
    TestKafka.createTopics(List.of(input));
    RetentionTopics topics = createdTopics(input, run);
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), new Properties());
    String group = run + "-service";
    try (Admin admin = Admin.create(client.toProperties())) {
      try (RetentionService service =
          RetentionService.start(
              POLICIES,
              client,
              new RetentionOptions(
                  topics,
                  group,
                  Processing.inStateDir(Files.createTempDirectory(tmp, "retention-leave-it-")),
                  Optional.empty()))) {
        assertEquals(
            List.of(Optional.of(StateFolder.memberName(service.stateFolder()) + "-1")),
            GroupMembers.names(client.toProperties(), group),
            "the running instance is a static member, named after its state folder and thread");
        assertEquals(List.of(1.0), joins(service), "joins of the one stream thread's consumer");
        String deltas = group + "-retention-service-stats-deltas-repartition";
        assertEquals(
            1,
            admin
                .describeTopics(List.of(deltas))
                .allTopicNames()
                .get()
                .get(deltas)
                .partitions()
                .size());
      }
      assertEquals(
          List.of(),
          GroupMembers.names(client.toProperties(), group),
          "members right after the instance stopped");
    }
  }

  /** The service's topics over {@code input}, named after {@code name}, created on the broker. */
  private static RetentionTopics createdTopics(Topic<String, WorldEvent> input, String name) {
    RetentionTopics topics =
        new RetentionTopics(
            input,
            Topics.RETENTION_RECEIPTS.renamed(name + "-receipts"),
            Topics.RETENTION_STATS.renamed(name + "-stats"),
            Topics.DEAD_LETTERS);
    TestKafka.createTopics(topics.own());
    return topics;
  }

  /** The joins of each main consumer, from Kafka Streams' client metrics. */
  private static List<Double> joins(RetentionService service) {
    List<Double> joins = new ArrayList<>();
    service
        .streams()
        .metrics()
        .forEach(
            (name, metric) -> {
              if (name.group().equals("consumer-coordinator-metrics")
                  && name.name().equals("join-total")) {
                joins.add((Double) metric.metricValue());
              }
            });
    return joins;
  }

  private static long aliveAtEnd(Set<String> receipts) {
    // Clips recorded in the last 60 days are still alive under status-quo; the count is implied by
    // the statistics, so compare receipts only through their decisions.
    return receipts.stream().filter(r -> r.startsWith("ALIVE")).count();
  }

  /**
   * Runs {@code instances} copies of one application over the input; returns its receipts and final
   * statistics.
   */
  private Set<String> runInstances(Topic<String, WorldEvent> input, String name, int instances)
      throws Exception {
    RetentionTopics topics = createdTopics(input, name);
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), new Properties());
    List<RetentionService> running = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        Path state = Files.createTempDirectory(tmp, "retention-it-state-");
        running.add(
            RetentionService.start(
                POLICIES,
                client,
                new RetentionOptions(
                    topics, name, Processing.inStateDir(state), Optional.empty())));
      }
      return readUntilFinal(topics, client);
    } finally {
      running.forEach(RetentionService::close);
    }
  }

  private static Set<String> readUntilFinal(RetentionTopics topics, ClientConfig client) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Set<String> seen = new TreeSet<>();
    Set<String> finals = new TreeSet<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            p,
            new StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.receipts().name(), topics.stats().name()));
      // The final statistics can be fetched before receipts committed earlier: once they are in,
      // read on to the end of every partition, so no receipt is left unread.
      Map<TopicPartition, Long> end = null;
      while (finals.size() < POLICIES.size() || end == null || !reachedEnd(consumer, end)) {
        if (end == null && finals.size() == POLICIES.size()) {
          end = consumer.endOffsets(consumer.assignment());
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.topic().equals(topics.receipts().name())) {
            RetentionReceipt r =
                topics
                    .receipts()
                    .valueSerde()
                    .deserializer()
                    .deserialize(record.topic(), record.value());
            seen.add(r.getKind() + " " + record.key() + " @" + r.getDecidedAt());
          } else {
            DailyStats s =
                topics
                    .stats()
                    .valueSerde()
                    .deserializer()
                    .deserialize(record.topic(), record.value());
            if (s.getLast()) {
              finals.add(s.getPolicy());
              seen.add(
                  "STATS "
                      + s.getPolicy()
                      + " "
                      + s.getDay()
                      + " "
                      + new java.util.TreeMap<>(s.getMeasures()));
              long alive = s.getMeasures().get("clipsAlive");
              for (long i = 0; i < alive; i++) {
                seen.add("ALIVE " + s.getPolicy() + " " + i);
              }
            }
          }
        }
      }
    }
    assertTrue(seen.stream().anyMatch(r -> r.startsWith("CLIP_EXPIRED")));
    return seen;
  }

  private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /**
   * 40 cameras, one clip a day each for 70 days, every tenth clip shared; hourly ticks on every
   * partition.
   */
  private static int publishWorld(Topic<String, WorldEvent> input) {
    Properties p = new ClientConfig(TestKafka.bootstrapServers(), new Properties()).toProperties();
    // One transaction: the broker keeps an open transaction's producer state whatever the records'
    // event times (docs/reliability.md), and a batch lost to a leadership change fails the commit
    // instead of silently thinning the world.
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "retention-it-world-" + UUID.randomUUID());
    int clips = 0;
    try (KafkaProducer<String, WorldEvent> producer =
        new KafkaProducer<>(p, input.keySerde().serializer(), input.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int hour = 0; hour <= DAYS * 24; hour++) {
        Instant now = START.plus(Duration.ofHours(hour));
        if (hour % 24 == 12 && hour < DAYS * 24) {
          for (int cam = 0; cam < 40; cam++) {
            String camera = "cam-" + cam;
            String clip = "clip-" + cam + "-" + hour;
            String region = cam % 4 == 0 ? "EU" : "US";
            send(
                producer,
                input,
                camera,
                null,
                now,
                new ClipRecorded(
                    clip, camera, "home-" + cam, region, now.toEpochMilli(), 20, 1000L));
            clips++;
            if ((cam + hour / 24) % 10 == 0) {
              Instant later = now.plus(Duration.ofMinutes(30));
              send(
                  producer,
                  input,
                  camera,
                  null,
                  later,
                  new ClipShared(
                      "copy-" + clip,
                      clip,
                      camera,
                      "home-" + cam,
                      now.toEpochMilli(),
                      region,
                      ShareChannel.NEIGHBOURHOOD_POST,
                      "feed-1",
                      HolderType.NEIGHBOURHOOD_FEED,
                      false,
                      null));
            }
          }
        }
        for (int partition = 0; partition < input.partitions(); partition++) {
          send(
              producer,
              input,
              "tick-" + partition,
              partition,
              now,
              new ClockTick(partition, hour == DAYS * 24));
        }
      }
      producer.commitTransaction();
    }
    return clips;
  }

  private static void send(
      KafkaProducer<String, WorldEvent> producer,
      Topic<String, WorldEvent> topic,
      String key,
      Integer partition,
      Instant at,
      Object event) {
    WorldEvent value =
        WorldEvent.newBuilder().setEventTime(at.toEpochMilli()).setEvent(event).build();
    producer.send(new ProducerRecord<>(topic.name(), partition, at.toEpochMilli(), key, value));
  }
}
