package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.schemas.WriterSchemaStore;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import io.camfleet.testkafka.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema evolution on a live topic: the same world written with the current WorldEvent schema, with
 * a newer one (a field added with a default, registered on the schemas topic as a newer producer
 * does) and with an older one (kept in the schema history), read by the current retention and
 * sharing services. Every receipt, ledger entry and statistic matches the run on the current
 * schema, and nothing is dead-lettered.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SchemaEvolutionIT {
  private static final Instant START = Instant.parse("2019-05-01T00:00:00Z");
  private static final int CAMERAS = 12;
  private static final int DAYS = 70;
  private static final Schema CURRENT = WorldEvent.getClassSchema();
  private static final String SIZE_FIELD = "{\"name\":\"sizeBytes\",\"type\":\"long\"}";

  /** A newer release's WorldEvent: ClipRecorded gained a motion score, defaulting to 0. */
  private static final Schema NEWER =
      new Schema.Parser()
          .parse(
              CURRENT
                  .toString()
                  .replace(
                      SIZE_FIELD,
                      SIZE_FIELD
                          + ",{\"name\":\"motionScore\",\"type\":\"double\",\"default\":0.0}"));

  @TempDir Path state;

  /** One world event, independent of any schema version: the payload's record name and fields. */
  private record Event(
      String key, Integer partition, Instant at, String type, Map<String, Object> fields) {}

  @Test
  void currentServicesReadNewerAndOlderRecordsExactlyAsCurrentOnes() throws Exception {
    List<Schema> history = AvroSerde.SchemaHistory.olderVersionsOf(CURRENT);
    assertEquals(1, history.size(), "the test's schema history holds one older WorldEvent");
    Schema older = history.get(0);
    assertEquals(List.of(), WriterSchemaStore.problemsReading(CURRENT, NEWER));
    assertEquals(List.of(), WriterSchemaStore.problemsReading(CURRENT, older));
    // The one thing an older reader cannot resolve is the newer kind of world event, a camera put
    // on an agency's map (the last union branch): readers are upgraded before a producer writes
    // one (docs/schema-evolution.md), and only worlds with device maps produce it.
    assertEquals(
        List.of(
            "MISSING_UNION_BRANCH at /fields/1/type/"
                + CURRENT.getField("event").schema().getIndexNamed("io.camfleet.avro.CameraMapped")
                + ": reader union lacking writer type: RECORD"),
        WriterSchemaStore.problemsReading(older, CURRENT));

    String run = TestKafka.unique("schema-evolution");
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), new Properties());
    List<Event> world = world();
    try (KafkaSchemaSource schemas = KafkaSchemaSource.of(client)) {
      schemas.register(NEWER); // what a newer release's serde does before its first record
      assertTrue(
          schemas.find(fingerprint(older)).isEmpty(),
          "the older version is known from history only");
    }
    Topic<String, WorldEvent> current = publish(run + "-current", CURRENT, world);
    Topic<String, WorldEvent> newer = publish(run + "-newer", NEWER, world);
    Topic<String, WorldEvent> old = publish(run + "-older", older, world);

    List<Policy> policies = Policies.read(List.of(Path.of("../policies/status-quo-2019.yaml")));
    List<AutoCloseable> services = new ArrayList<>();
    try {
      Map<String, RetentionTopics> retention = new LinkedHashMap<>();
      for (Topic<String, WorldEvent> input : List.of(current, newer, old)) {
        RetentionTopics topics =
            new RetentionTopics(
                input,
                Topics.RETENTION_RECEIPTS.renamed(input.name() + "-receipts"),
                Topics.RETENTION_STATS.renamed(input.name() + "-stats"),
                deadLetters(input));
        TestKafka.createTopics(topics.own());
        services.add(
            RetentionService.start(
                policies,
                client,
                new RetentionOptions(
                    topics,
                    input.name() + "-retention",
                    Processing.inStateDir(state.resolve(input.name() + "-retention")),
                    Optional.empty())));
        retention.put(input.name(), topics);
      }
      Map<String, SharingTopics> sharing = new LinkedHashMap<>();
      for (Topic<String, WorldEvent> input : List.of(current, newer)) {
        SharingTopics topics =
            new SharingTopics(
                input,
                Topics.COPY_LEDGER.renamed(input.name() + "-ledger"),
                Topics.COPY_RECEIPTS.renamed(input.name() + "-copy-receipts"),
                Topics.EXPOSURE_STATS.renamed(input.name() + "-exposure"),
                deadLetters(input).renamed(input.name() + "-sharing-dead-letters"));
        TestKafka.createTopics(topics.all());
        services.add(
            SharingService.start(
                policies,
                client,
                new SharingOptions(
                    topics,
                    input.name() + "-sharing",
                    Processing.inStateDir(state.resolve(input.name() + "-sharing")),
                    Optional.of(HttpEndpoint.loopback(0)))));
        sharing.put(input.name(), topics);
      }

      List<String> expectedReceipts =
          retentionOutput(client, retention.get(current.name()), policies.size());
      assertTrue(
          expectedReceipts.stream().anyMatch(r -> r.startsWith("CLIP_EXPIRED")),
          String.join("\n", expectedReceipts));
      assertTrue(
          expectedReceipts.stream().anyMatch(r -> r.startsWith("RETAINED_SHARED")),
          String.join("\n", expectedReceipts));
      assertTrue(
          expectedReceipts.stream().anyMatch(r -> r.contains("clipsRecorded=" + CAMERAS * DAYS)),
          String.join("\n", expectedReceipts));
      assertEquals(
          expectedReceipts,
          retentionOutput(client, retention.get(newer.name()), policies.size()),
          "newer records");
      assertEquals(
          expectedReceipts,
          retentionOutput(client, retention.get(old.name()), policies.size()),
          "older records");

      List<String> expectedLedger =
          sharingOutput(client, sharing.get(current.name()), policies.size());
      assertTrue(
          expectedLedger.stream().anyMatch(r -> r.contains("DOWNLOAD")),
          String.join("\n", expectedLedger));
      assertEquals(
          expectedLedger,
          sharingOutput(client, sharing.get(newer.name()), policies.size()),
          "newer records");
    } finally {
      for (AutoCloseable service : services) {
        service.close();
      }
    }
  }

  /**
   * Each of 12 cameras records a clip a day for 70 days; every tenth is posted, some posts saved by
   * the public.
   */
  private static List<Event> world() {
    List<Event> events = new ArrayList<>();
    for (int c = 0; c < CAMERAS; c++) {
      String camera = "cam-" + c;
      events.add(
          new Event(
              camera,
              null,
              START,
              "CameraInstalled",
              Map.of(
                  "cameraId",
                  camera,
                  "householdId",
                  "home-" + c,
                  "neighbourhood",
                  "north",
                  "xMiles",
                  1.0 + c,
                  "yMiles",
                  2.0,
                  "jurisdiction",
                  "agency-1",
                  "region",
                  "US",
                  "optedOutOfRequests",
                  false,
                  "feedMember",
                  true)));
      for (int day = 0; day < DAYS; day++) {
        Instant noon = START.plus(Duration.ofDays(day)).plus(Duration.ofHours(12));
        String clip = "clip-" + c + "-" + day;
        events.add(
            new Event(
                camera,
                null,
                noon,
                "ClipRecorded",
                Map.of(
                    "clipId",
                    clip,
                    "cameraId",
                    camera,
                    "householdId",
                    "home-" + c,
                    "region",
                    "US",
                    "recordedAt",
                    noon.toEpochMilli(),
                    "durationSeconds",
                    20,
                    "sizeBytes",
                    1000L + day,
                    "motionScore",
                    0.5 + c / 100.0)));
        if ((c + day) % 10 == 0) {
          events.add(
              new Event(
                  camera,
                  null,
                  noon.plus(Duration.ofMinutes(30)),
                  "ClipShared",
                  Map.of(
                      "copyId",
                      "post-" + clip,
                      "clipId",
                      clip,
                      "cameraId",
                      camera,
                      "householdId",
                      "home-" + c,
                      "clipRecordedAt",
                      noon.toEpochMilli(),
                      "region",
                      "US",
                      "channel",
                      "NEIGHBOURHOOD_POST",
                      "recipientId",
                      "feed-1",
                      "holderType",
                      "NEIGHBOURHOOD_FEED",
                      "addressDisclosed",
                      false)));
          if (day % 20 == c % 20) {
            events.add(
                new Event(
                    camera,
                    null,
                    noon.plus(Duration.ofDays(1)),
                    "CopyMade",
                    Map.of(
                        "copyId",
                        "save-" + clip,
                        "parentCopyId",
                        "post-" + clip,
                        "clipId",
                        clip,
                        "cameraId",
                        camera,
                        "householdId",
                        "home-" + c,
                        "clipRecordedAt",
                        noon.toEpochMilli(),
                        "kind",
                        "DOWNLOAD",
                        "holderId",
                        "public-" + c,
                        "holderType",
                        "PUBLIC")));
          }
        }
      }
    }
    Instant horizon = START.plus(Duration.ofDays(DAYS));
    for (Instant at = START; !at.isAfter(horizon); at = at.plus(Duration.ofHours(6))) {
      for (int p = 0; p < Topics.DEFAULT_WORLD_PARTITIONS; p++) {
        events.add(
            new Event(
                "tick-" + p,
                p,
                at,
                "ClockTick",
                Map.of("partition", p, "last", at.equals(horizon))));
      }
    }
    events.sort(
        Comparator.comparing(Event::at)); // stable: ticks of an instant after its other events
    return events;
  }

  /**
   * Writes the world to a new topic with plain Avro generic records of {@code schema},
   * single-object encoded.
   */
  private static Topic<String, WorldEvent> publish(String name, Schema schema, List<Event> world)
      throws Exception {
    Topic<String, WorldEvent> topic = Topics.WORLD_EVENTS.renamed(name);
    TestKafka.createTopics(List.of(topic));
    BinaryMessageEncoder<GenericRecord> encoder =
        new BinaryMessageEncoder<>(GenericData.get(), schema);
    Properties props =
        new ClientConfig(TestKafka.bootstrapServers(), new Properties()).toProperties();
    // One transaction, as the simulator's sink writes: the records carry event times years back,
    // and
    // outside an open transaction the broker may forget this producer's sequence numbers, refuse
    // its
    // next batch as out of sequence and, after the delivery timeout, drop it without a word. A
    // transaction fails its commit instead.
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, name + "-input");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (Event event : world) {
        byte[] bytes = encode(encoder, record(schema, event));
        assertEquals(
            fingerprint(schema),
            ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        producer.send(
            new ProducerRecord<>(
                name, event.partition(), event.at().toEpochMilli(), event.key(), bytes));
      }
      producer.commitTransaction();
    }
    return topic;
  }

  private static GenericRecord record(Schema worldEvent, Event event) {
    Schema payloadSchema =
        worldEvent.getField("event").schema().getTypes().stream()
            .filter(s -> s.getName().equals(event.type()))
            .findFirst()
            .orElseThrow();
    GenericRecordBuilder payload = new GenericRecordBuilder(payloadSchema);
    event
        .fields()
        .forEach(
            (field, value) -> {
              Schema.Field f = payloadSchema.getField(field);
              if (f != null) {
                payload.set(
                    f,
                    f.schema().getType() == Schema.Type.ENUM
                        ? new GenericData.EnumSymbol(f.schema(), value)
                        : value);
              }
            });
    return new GenericRecordBuilder(worldEvent)
        .set("eventTime", event.at().toEpochMilli())
        .set("event", payload.build())
        .build();
  }

  private static byte[] encode(BinaryMessageEncoder<GenericRecord> encoder, GenericRecord record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  private static Topic<byte[], byte[]> deadLetters(Topic<String, WorldEvent> input) {
    return Topics.DEAD_LETTERS.renamed(input.name() + "-dead-letters");
  }

  /**
   * Every receipt and statistics record, sorted, once the final statistics of each policy arrived.
   */
  private static List<String> retentionOutput(
      ClientConfig client, RetentionTopics topics, int policies) {
    return output(
        client,
        topics.stats(),
        deadLetters(topics.worldEvents()).name(),
        policies,
        Map.of(
            topics.receipts().name(),
            r -> {
              var receipt =
                  topics.receipts().valueSerde().deserializer().deserialize(r.topic(), r.value());
              return receipt.getKind() + " " + key(r) + " " + receipt;
            }));
  }

  /**
   * Every ledger entry, copy receipt and statistics record, sorted, once the final statistics of
   * each policy arrived.
   */
  private static List<String> sharingOutput(
      ClientConfig client, SharingTopics topics, int policies) {
    return output(
        client,
        topics.exposureStats(),
        topics.deadLetters().name(),
        policies,
        Map.of(
            topics.copyLedger().name(),
                r ->
                    "LEDGER "
                        + key(r)
                        + " "
                        + topics
                            .copyLedger()
                            .valueSerde()
                            .deserializer()
                            .deserialize(r.topic(), r.value()),
            topics.copyReceipts().name(),
                r ->
                    "RECEIPT "
                        + key(r)
                        + " "
                        + topics
                            .copyReceipts()
                            .valueSerde()
                            .deserializer()
                            .deserialize(r.topic(), r.value())));
  }

  private static List<String> output(
      ClientConfig client,
      Topic<String, DailyStats> stats,
      String deadLetters,
      int policies,
      Map<String, Function<ConsumerRecord<byte[], byte[]>, String>> outputs) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> seen = new ArrayList<>();
    int finals = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<String> names = new ArrayList<>(outputs.keySet());
      names.add(stats.name());
      names.add(deadLetters);
      consumer.subscribe(names);
      // The final statistics can be fetched before outputs committed earlier: once they are in,
      // read on to the end of every partition.
      Map<TopicPartition, Long> end = null;
      while (finals < policies
          || end == null
          || !end.entrySet().stream()
              .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        if (end == null && finals == policies) {
          end = consumer.endOffsets(consumer.assignment());
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.topic().equals(deadLetters)) {
            throw new AssertionError(
                "dead-lettered at "
                    + header(r, "__streams.errors.topic")
                    + "/"
                    + header(r, "__streams.errors.partition")
                    + "/"
                    + header(r, "__streams.errors.offset")
                    + ": "
                    + header(r, "__streams.errors.message"));
          } else if (r.topic().equals(stats.name())) {
            DailyStats day = decodeStats(stats, r);
            finals += day.getLast() ? 1 : 0;
            seen.add(
                "STATS "
                    + day.getPolicy()
                    + " "
                    + day.getDay()
                    + " "
                    + new TreeMap<>(day.getMeasures())
                        .toString()
                        .replace(", ", " ")
                        .replace("{", "")
                        .replace("}", ""));
          } else {
            seen.add(outputs.get(r.topic()).apply(r));
          }
        }
      }
    }
    seen.sort(Comparator.naturalOrder());
    return seen;
  }

  private static DailyStats decodeStats(
      Topic<String, DailyStats> stats, ConsumerRecord<byte[], byte[]> r) {
    try {
      return stats.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (SerializationException e) {
      throw new AssertionError("unreadable statistics record: " + e.getMessage(), e);
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
