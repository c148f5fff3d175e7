package io.camfleet.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
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
import io.camfleet.testkafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad records on the input go to the dead-letter topic once each, and the service goes on. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RetentionDeadLetterIT {
  @TempDir Path tmp;

  private static final Instant START = Instant.parse("2019-05-01T00:00:00Z");
  private static final Policy POLICY =
      new Policy("status-quo", null, new Retention(60, null, null), null, null, null, null);

  @Test
  void sendsEachUnreadableOrImpossibleRecordToTheDeadLetterTopicOnceAndKeepsEnforcing()
      throws Exception {
    String run = TestKafka.unique("retention-dlq");
    RetentionTopics topics =
        new RetentionTopics(
            Topics.WORLD_EVENTS.renamed(run + "-world-events").withPartitions(1),
            Topics.RETENTION_RECEIPTS.renamed(run + "-receipts"),
            Topics.RETENTION_STATS.renamed(run + "-stats"),
            Topics.DEAD_LETTERS.renamed(run + "-dead-letters"));
    Topic<byte[], byte[]> deadLetters = topics.deadLetters();
    TestKafka.createTopics(topics.all());
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), new Properties());

    List<String> expectedBad = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            client.toProperties(), new StringSerializer(), new ByteArraySerializer())) {
      var serde = topics.worldEvents().valueSerde().serializer();
      String in = topics.worldEvents().name();
      send(
          producer,
          in,
          "cam-1",
          START,
          serde.serialize(
              in,
              event(
                  START,
                  new ClipRecorded(
                      "clip-1", "cam-1", "home-1", "US", START.toEpochMilli(), 20, 1000L))));
      expectedBad.add(
          "garbage@"
              + send(
                  producer,
                  in,
                  "cam-1",
                  START,
                  "not avro at all".getBytes(StandardCharsets.UTF_8)));
      byte[] unknownFingerprint =
          serde.serialize(in, event(START.plusSeconds(1), new ClockTick(0, false)));
      unknownFingerprint[5] ^= 0x5A;
      expectedBad.add(
          "fingerprint@" + send(producer, in, "cam-1", START.plusSeconds(1), unknownFingerprint));
      expectedBad.add(
          "unknown-clip@"
              + send(
                  producer,
                  in,
                  "cam-9",
                  START.plusSeconds(2),
                  serde.serialize(
                      in,
                      event(
                          START.plusSeconds(2),
                          new ClipShared(
                              "copy-x",
                              "clip-never",
                              "cam-9",
                              "home-9",
                              START.toEpochMilli(),
                              "US",
                              ShareChannel.NEIGHBOURHOOD_POST,
                              "feed-1",
                              HolderType.NEIGHBOURHOOD_FEED,
                              false,
                              null)))));
      send(
          producer,
          in,
          "cam-1",
          START.plus(Duration.ofDays(1)),
          serde.serialize(
              in,
              event(
                  START.plus(Duration.ofDays(1)),
                  new ClipRecorded(
                      "clip-2",
                      "cam-1",
                      "home-1",
                      "US",
                      START.plus(Duration.ofDays(1)).toEpochMilli(),
                      20,
                      1000L))));
      send(
          producer,
          in,
          "tick-0",
          START.plus(Duration.ofDays(60)).plus(Duration.ofHours(12)),
          serde.serialize(
              in,
              event(
                  START.plus(Duration.ofDays(60)).plus(Duration.ofHours(12)),
                  new ClockTick(0, true))));
    }

    try (RetentionService service =
        RetentionService.start(
            List.of(POLICY),
            client,
            new RetentionOptions(
                topics,
                run,
                Processing.inStateDir(Files.createTempDirectory(tmp, "dlq-state-")),
                Optional.empty()))) {
      DailyStats last = finalStats(client, topics);
      assertEquals(2L, last.getMeasures().get("clipsRecorded"));
      assertEquals(
          1L,
          last.getMeasures().get("clipsExpired"),
          "clip-1 expired at 60 days; clip-2 is due a day later");
      assertEquals(1L, last.getMeasures().get("clipsAlive"));

      List<String> dead = readDeadLetters(client, deadLetters, 3);
      assertEquals(
          expectedBad.stream().map(s -> s.substring(s.indexOf('@') + 1)).toList(),
          dead.stream().map(s -> s.substring(0, s.indexOf(' '))).toList(),
          "each bad record once, by source position");
      assertTrue(dead.get(0).contains("SerializationException"), dead.get(0));
      assertTrue(dead.get(1).contains("unknown schema fingerprint"), dead.get(1));
      assertTrue(dead.get(2).contains("clip-never, which was never recorded"), dead.get(2));
    }
  }

  private static WorldEvent event(Instant at, Object payload) {
    return WorldEvent.newBuilder().setEventTime(at.toEpochMilli()).setEvent(payload).build();
  }

  /** Sends one record stamped with its event time, as the simulator does; returns its position. */
  private static String send(
      KafkaProducer<String, byte[]> producer, String topic, String key, Instant at, byte[] value)
      throws Exception {
    RecordMetadata meta =
        producer.send(new ProducerRecord<>(topic, 0, at.toEpochMilli(), key, value)).get();
    return topic + "/" + meta.partition() + "/" + meta.offset();
  }

  private static DailyStats finalStats(ClientConfig client, RetentionTopics topics) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "stats-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, DailyStats> consumer =
        new KafkaConsumer<>(
            p, new StringDeserializer(), topics.stats().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.stats().name()));
      while (true) {
        for (ConsumerRecord<String, DailyStats> r : consumer.poll(Duration.ofMillis(300))) {
          if (r.value().getLast()) {
            return r.value();
          }
        }
      }
    }
  }

  /**
   * "topic/partition/offset exception: message" for each dead letter, in order, once {@code count}
   * arrived.
   */
  private static List<String> readDeadLetters(
      ClientConfig client, Topic<byte[], byte[]> topic, int count) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic.name()));
      // Read past the expected count for a moment more, to see that nothing arrives twice.
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < quietUntil) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
          seen.add(
              header(r, "__streams.errors.topic")
                  + "/"
                  + header(r, "__streams.errors.partition")
                  + "/"
                  + header(r, "__streams.errors.offset")
                  + " "
                  + header(r, "__streams.errors.exception")
                  + ": "
                  + header(r, "__streams.errors.message"));
        }
        if (seen.size() >= count && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        }
      }
    }
    return seen;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
