package io.camfleet.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import io.camfleet.streams.metrics.MetricsEndpoint;
import io.camfleet.streams.metrics.PrometheusSamples;
import io.camfleet.testkafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sharing service's /metrics, on the custody API's port, after a handful of events on a real
 * broker.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SharingMetricsIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final long RECORDED_AT = Instant.parse("2019-06-01T20:00:00Z").toEpochMilli();
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final String STATUS_QUO = "status-quo-2019";
  private static final String NO_FORWARDING = "no-forwarding";

  @TempDir Path state;

  @Test
  void countsCopiesByHolderTypeReceiptsByKindAndDeadLettersByReasonNextToKafkaStreamsMetrics()
      throws Exception {
    String run = TestKafka.unique("sharing-metrics");
    SharingTopics topics = SharingTopics.prefixed(TopicPrefix.of(run));
    TestKafka.createTopics(topics.all());
    List<Policy> policies =
        Policies.read(
            List.of(
                Path.of("../policies/status-quo-2019.yaml"),
                Path.of("../policies/no-forwarding.yaml")));
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), null);

    try (SharingService service =
        SharingService.start(
            policies,
            client,
            new SharingOptions(
                topics,
                run,
                Processing.inStateDir(state),
                Optional.of(HttpEndpoint.loopback(0))))) {
      publish(topics.worldEvents());

      var ledgerValues = topics.copyLedger().valueSerde().deserializer();
      List<String> ledger =
          awaitRecords(topics.copyLedger(), 7).stream()
              .map(r -> ledgerValues.deserialize(r.topic(), r.value()))
              .map(
                  (CopyLedgerEntry copy) ->
                      copy.getPolicy() + " " + copy.getCopyId() + " " + copy.getHolderType())
              .sorted()
              .toList();
      assertEquals(
          List.of(
              NO_FORWARDING + " copy-feed NEIGHBOURHOOD_FEED",
              NO_FORWARDING + " copy-police REQUESTING_POLICE",
              NO_FORWARDING + " copy-public PUBLIC",
              STATUS_QUO + " copy-feed NEIGHBOURHOOD_FEED",
              STATUS_QUO + " copy-police REQUESTING_POLICE",
              STATUS_QUO + " copy-public PUBLIC",
              STATUS_QUO + " copy-sheriff OTHER_AGENCY"),
          ledger);
      List<ConsumerRecord<byte[], byte[]>> receipts = awaitRecords(topics.copyReceipts(), 1);
      CopyReceipt blocked =
          topics
              .copyReceipts()
              .valueSerde()
              .deserializer()
              .deserialize(topics.copyReceipts().name(), receipts.get(0).value());
      assertEquals(
          NO_FORWARDING + " copy-sheriff " + CopyReceiptKind.FORWARD_BLOCKED,
          blocked.getPolicy() + " " + blocked.getCopyId() + " " + blocked.getKind());
      awaitRecords(topics.deadLetters(), 2);

      assertEquals(
          service.httpPort(), service.metricsUri().getPort(), "served next to the custody API");
      PrometheusSamples samples = MetricsEndpoint.scrape(service.metricsUri());

      Map<Map<String, String>, Double> copies = new HashMap<>();
      Map<Map<String, String>, Double> copyReceipts = new HashMap<>();
      for (String policy : List.of(STATUS_QUO, NO_FORWARDING)) {
        for (HolderType holder : HolderType.values()) {
          copies.put(Map.of("policy", policy, "holder_type", holder.name()), 0.0);
        }
        for (CopyReceiptKind kind : CopyReceiptKind.values()) {
          copyReceipts.put(Map.of("policy", policy, "kind", kind.name()), 0.0);
        }
      }
      for (HolderType holder :
          List.of(
              HolderType.REQUESTING_POLICE,
              HolderType.OTHER_AGENCY,
              HolderType.NEIGHBOURHOOD_FEED,
              HolderType.PUBLIC)) {
        copies.put(Map.of("policy", STATUS_QUO, "holder_type", holder.name()), 1.0);
      }
      for (HolderType holder :
          List.of(HolderType.REQUESTING_POLICE, HolderType.NEIGHBOURHOOD_FEED, HolderType.PUBLIC)) {
        copies.put(Map.of("policy", NO_FORWARDING, "holder_type", holder.name()), 1.0);
      }
      copyReceipts.put(Map.of("policy", NO_FORWARDING, "kind", "FORWARD_BLOCKED"), 1.0);
      assertEquals(copies, samples.series("camfleet_sharing_copies_total"));
      assertEquals(copyReceipts, samples.series("camfleet_sharing_copy_receipts_total"));
      assertEquals(
          MetricsEndpoint.deadLetters("sharing-service", 1, 1),
          samples.series("camfleet_dead_letter_records_total"));
      MetricsEndpoint.assertOneStreamThreadProcessedAtLeast(samples, 5);
    }
  }

  /**
   * A clip shared with the police, who forward it to the sheriff, and posted to the feed, from
   * which someone downloads it; then one unreadable record, and a copy of a copy never made.
   */
  private static void publish(Topic<String, WorldEvent> input) throws Exception {
    long shared = RECORDED_AT + DAY;
    long copied = RECORDED_AT + 2 * DAY;
    RequestTerms terms =
        new RequestTerms(
            "req-1", RECORDED_AT - 3_600_000L, RECORDED_AT + 3_600_000L, 0.25, shared, 0.1);
    List<WorldEvent> events =
        List.of(
            new WorldEvent(
                shared,
                new ClipShared(
                    "copy-police",
                    "clip-1",
                    "cam-1",
                    "house-1",
                    RECORDED_AT,
                    "US",
                    ShareChannel.POLICE_REQUEST,
                    "agency-fll",
                    HolderType.REQUESTING_POLICE,
                    true,
                    terms)),
            new WorldEvent(
                shared,
                new ClipShared(
                    "copy-feed",
                    "clip-1",
                    "cam-1",
                    "house-1",
                    RECORDED_AT,
                    "US",
                    ShareChannel.NEIGHBOURHOOD_POST,
                    "feed-1",
                    HolderType.NEIGHBOURHOOD_FEED,
                    false,
                    null)),
            new WorldEvent(
                copied,
                new CopyMade(
                    "copy-sheriff",
                    "copy-police",
                    "clip-1",
                    "cam-1",
                    "house-1",
                    RECORDED_AT,
                    CopyKind.FORWARD,
                    "agency-sheriff",
                    HolderType.OTHER_AGENCY)),
            new WorldEvent(
                copied,
                new CopyMade(
                    "copy-public",
                    "copy-feed",
                    "clip-1",
                    "cam-1",
                    "house-1",
                    RECORDED_AT,
                    CopyKind.DOWNLOAD,
                    "someone",
                    HolderType.PUBLIC)));
    WorldEvent orphan =
        new WorldEvent(
            copied,
            new CopyMade(
                "copy-orphan",
                "copy-never-made",
                "clip-1",
                "cam-1",
                "house-1",
                RECORDED_AT,
                CopyKind.FORWARD,
                "agency-x",
                HolderType.OTHER_AGENCY));
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (WorldEvent event : events) {
      records.add(
          record(
              input,
              event.getEventTime(),
              input.valueSerde().serializer().serialize(input.name(), event)));
    }
    records.add(record(input, copied, "not avro".getBytes(StandardCharsets.UTF_8)));
    records.add(
        record(input, copied, input.valueSerde().serializer().serialize(input.name(), orphan)));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            TestKafka.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<String, byte[]> record : records) {
        producer.send(record).get();
      }
    }
  }

  private static ProducerRecord<String, byte[]> record(
      Topic<String, WorldEvent> input, long at, byte[] value) {
    return new ProducerRecord<>(input.name(), null, at, "cam-1", value);
  }

  private static List<ConsumerRecord<byte[], byte[]>> awaitRecords(Topic<?, ?> topic, int count) {
    return TestKafka.awaitRecords(topic.name(), records -> records.size() >= count, WAIT);
  }
}
