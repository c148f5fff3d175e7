package io.camfleet.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ReceiptKind;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policy;
import io.camfleet.policy.Retention;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import io.camfleet.streams.metrics.MetricsEndpoint;
import io.camfleet.streams.metrics.PrometheusSamples;
import io.camfleet.testkafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The retention service's /metrics over real HTTP, after a handful of events on a real broker. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RetentionMetricsIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Instant DAY_0 = Instant.parse("2019-05-01T00:00:00Z");
  private static final String SIXTY = "sixty-days";
  private static final String THIRTY = "thirty-days-on-time";
  private static final List<Policy> POLICIES =
      List.of(
          new Policy(
              SIXTY,
              null,
              new Retention(60, null, Retention.SharedOriginals.EXEMPT),
              null,
              null,
              null,
              null),
          new Policy(
              THIRTY,
              null,
              new Retention(30, null, Retention.SharedOriginals.EXPIRE_ON_TIME),
              null,
              null,
              null,
              null));

  @TempDir Path state;

  @Test
  void countsReceiptsByPolicyAndKindAndDeadLettersByReasonNextToKafkaStreamsMetrics()
      throws Exception {
    String run = TestKafka.unique("retention-metrics");
    RetentionTopics topics = RetentionTopics.prefixed(TopicPrefix.of(run));
    Topic<byte[], byte[]> deadLetters = topics.deadLetters();
    TestKafka.createTopics(topics.all());

    try (RetentionService service =
        RetentionService.start(
            POLICIES,
            new ClientConfig(TestKafka.bootstrapServers(), null),
            new RetentionOptions(
                topics,
                run,
                Processing.inStateDir(state),
                Optional.of(HttpEndpoint.loopback(0))))) {
      publish(topics.worldEvents());

      // the receipts topic has several partitions: compare in name order
      var receiptValues = topics.receipts().valueSerde().deserializer();
      List<String> receipts =
          TestKafka.awaitRecords(topics.receipts().name(), r -> r.size() >= 5, WAIT).stream()
              .map(r -> receiptValues.deserialize(r.topic(), r.value()))
              .map((RetentionReceipt r) -> r.getPolicy() + " " + r.getClipId() + " " + r.getKind())
              .sorted()
              .toList();
      assertEquals(
          List.of(
              SIXTY + " clip-1 RETAINED_SHARED",
              SIXTY + " clip-2 CLIP_EXPIRED",
              THIRTY + " clip-1 CLIP_EXPIRED",
              THIRTY + " clip-1 SHARE_RECORDED",
              THIRTY + " clip-2 CLIP_EXPIRED"),
          receipts);
      TestKafka.awaitRecords(deadLetters.name(), r -> r.size() >= 2, WAIT);

      PrometheusSamples samples = MetricsEndpoint.scrape(service.metricsUri().orElseThrow());

      Map<Map<String, String>, Double> expected = new HashMap<>();
      for (String policy : List.of(SIXTY, THIRTY)) {
        for (ReceiptKind kind : ReceiptKind.values()) {
          expected.put(Map.of("policy", policy, "kind", kind.name()), 0.0);
        }
      }
      expected.put(Map.of("policy", SIXTY, "kind", "RETAINED_SHARED"), 1.0);
      expected.put(Map.of("policy", SIXTY, "kind", "CLIP_EXPIRED"), 1.0);
      expected.put(Map.of("policy", THIRTY, "kind", "SHARE_RECORDED"), 1.0);
      expected.put(Map.of("policy", THIRTY, "kind", "CLIP_EXPIRED"), 2.0);
      assertEquals(expected, samples.series("camfleet_retention_receipts_total"));
      assertEquals(
          MetricsEndpoint.deadLetters("retention-service", 1, 1),
          samples.series("camfleet_dead_letter_records_total"));
      MetricsEndpoint.assertOneStreamThreadProcessedAtLeast(samples, 5);
    }
  }

  /**
   * Two clips on day 0; the first posted to the feed on day 1, then an unreadable record and a
   * share of a clip never recorded; 60.5 days after day 0 the clock's last tick.
   */
  private static void publish(Topic<String, WorldEvent> input) throws Exception {
    Instant shared = DAY_0.plus(Duration.ofDays(1));
    Instant end = DAY_0.plus(Duration.ofDays(60)).plus(Duration.ofHours(12));
    var serializer = input.valueSerde().serializer();
    List<ProducerRecord<String, byte[]>> records =
        List.of(
            record(
                input,
                "cam-1",
                DAY_0,
                serializer.serialize(input.name(), event(DAY_0, recorded("clip-1")))),
            record(
                input,
                "cam-1",
                DAY_0,
                serializer.serialize(input.name(), event(DAY_0, recorded("clip-2")))),
            record(
                input,
                "cam-1",
                shared,
                serializer.serialize(input.name(), event(shared, postedToFeed("clip-1")))),
            record(input, "cam-1", shared, "not avro at all".getBytes(StandardCharsets.UTF_8)),
            record(
                input,
                "cam-1",
                shared,
                serializer.serialize(input.name(), event(shared, postedToFeed("clip-never")))),
            record(
                input,
                "tick-0",
                end,
                serializer.serialize(input.name(), event(end, new ClockTick(0, true)))));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            TestKafka.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<String, byte[]> record : records) {
        producer.send(record).get();
      }
    }
  }

  private static ClipRecorded recorded(String clipId) {
    return new ClipRecorded(clipId, "cam-1", "home-1", "US", DAY_0.toEpochMilli(), 20, 1000L);
  }

  private static ClipShared postedToFeed(String clipId) {
    return new ClipShared(
        "copy-of-" + clipId,
        clipId,
        "cam-1",
        "home-1",
        DAY_0.toEpochMilli(),
        "US",
        ShareChannel.NEIGHBOURHOOD_POST,
        "feed-1",
        HolderType.NEIGHBOURHOOD_FEED,
        false,
        null);
  }

  /** Every record on partition 0, stamped with its event time, as the simulator does. */
  private static ProducerRecord<String, byte[]> record(
      Topic<String, WorldEvent> input, String key, Instant at, byte[] value) {
    return new ProducerRecord<>(input.name(), 0, at.toEpochMilli(), key, value);
  }

  private static WorldEvent event(Instant at, Object payload) {
    return WorldEvent.newBuilder().setEventTime(at.toEpochMilli()).setEvent(payload).build();
  }
}
