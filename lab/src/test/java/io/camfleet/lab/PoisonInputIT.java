package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.SimulationSummary;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.world.World;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * About 0.1 % bad records among a world's events, while the retention and sharing services run:
 * each service stays up, sends each record it cannot take to its dead-letter topic exactly once
 * with the record's source topic, partition and offset, takes every good record, and the verifier
 * finds no receipt missing, duplicated or wrong.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonInputIT {
  @TempDir Path tmp;

  /** One bad record before every thousandth event. */
  private static final int EVERY = 1000;

  // One dead-letter topic per service here (the catalog gives both the same one), so each dead
  // letter tells which service wrote it.
  private static final Topic<byte[], byte[]> RETENTION_DEAD_LETTERS =
      Topics.DEAD_LETTERS.renamed("retention-dead-letters");
  private static final Topic<byte[], byte[]> SHARING_DEAD_LETTERS =
      Topics.DEAD_LETTERS.renamed("sharing-dead-letters");
  private static final String UNREADABLE = "org.apache.kafka.common.errors.SerializationException";
  private static final String IMPOSSIBLE = "io.camfleet.streams.InvariantViolation";

  @Test
  void eachBadRecordIsDeadLetteredOnceByEachServiceItBreaksAndEveryGoodRecordIsDecidedRight()
      throws Exception {
    long began = System.nanoTime();
    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      RetentionTopics retentionTopics =
          new RetentionTopics(
              Topics.WORLD_EVENTS,
              Topics.RETENTION_RECEIPTS,
              Topics.RETENTION_STATS,
              RETENTION_DEAD_LETTERS);
      SharingTopics sharingTopics =
          new SharingTopics(
              Topics.WORLD_EVENTS,
              Topics.COPY_LEDGER,
              Topics.COPY_RECEIPTS,
              Topics.EXPOSURE_STATS,
              SHARING_DEAD_LETTERS);
      List<Topic<?, ?>> topics = new ArrayList<>(Topics.all());
      topics.addAll(List.of(RETENTION_DEAD_LETTERS, SHARING_DEAD_LETTERS));
      TopicAdmin.createTopics(client.toProperties(), topics, 30);
      List<Policy> policies =
          Policies.read(
              List.of(
                  Path.of("../policies/status-quo-2019.yaml"),
                  Path.of("../policies/eu-30-days.yaml")));
      World world = World.read(Path.of("../worlds/default.yaml"));

      SimulationSummary summary;
      Map<String, PoisonedSink.Kind> bad;
      try (RetentionService retention =
              RetentionService.start(
                  policies,
                  client,
                  new RetentionOptions(
                      retentionTopics,
                      "retention-service-poison",
                      Processing.inStateDir(Files.createTempDirectory(tmp, "poison-retention-")),
                      Optional.empty()));
          SharingService sharing =
              SharingService.start(
                  policies,
                  client,
                  new SharingOptions(
                      sharingTopics,
                      "sharing-service-poison",
                      Processing.inStateDir(Files.createTempDirectory(tmp, "poison-sharing-")),
                      Optional.of(HttpEndpoint.loopback(0))))) {
        PoisonedSink sink = new PoisonedSink(client, Topics.WORLD_EVENTS, EVERY);
        try (sink) {
          summary = Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
        }
        bad = sink.badRecords();
        ReceiptCheck.awaitFinalStats(
            client,
            Topics.RETENTION_STATS.name(),
            policies.size(),
            () -> retention.streams().state() == KafkaStreams.State.RUNNING);
        ReceiptCheck.awaitFinalStats(
            client,
            Topics.EXPOSURE_STATS.name(),
            policies.size(),
            () -> sharing.streams().state() == KafkaStreams.State.RUNNING);
        assertOneOriginalStreamThread(retention.streams());
        assertOneOriginalStreamThread(sharing.streams());
      }

      assertEquals(summary.totalEvents() / EVERY, bad.size(), "bad records published");
      assertEquals(
          Set.of(PoisonedSink.Kind.values()), Set.copyOf(bad.values()), "every kind of bad record");
      assertEquals(
          summary.totalEvents() + bad.size(),
          ReceiptCheck.readAll(client, Topics.WORLD_EVENTS.name(), r -> {}),
          "input records: the world's events and the bad ones");

      Map<String, String> retentionExpected =
          expectedDeadLetters(
              bad,
              Set.of(
                  PoisonedSink.Kind.GARBAGE,
                  PoisonedSink.Kind.UNKNOWN_FINGERPRINT,
                  PoisonedSink.Kind.SHARE_OF_UNKNOWN_CLIP));
      Map<String, String> sharingExpected =
          expectedDeadLetters(bad, Set.of(PoisonedSink.Kind.values()));
      assertEquals(
          retentionExpected,
          deadLetters(client, RETENTION_DEAD_LETTERS),
          "retention-service dead letters");
      assertEquals(
          sharingExpected,
          deadLetters(client, SHARING_DEAD_LETTERS),
          "sharing-service dead letters");

      ReceiptCheck.Checked checked =
          ReceiptCheck.assertExactlyTheExpectedReceipts(client, bad.keySet());
      assertEquals(
          0, poisonInTheLedger(client), "ledger entries or copy receipts left by a bad record");
      System.out.printf(
          "PoisonInputIT: %d input records, %d bad (%s); dead letters: retention %d, sharing %d;"
              + " %d receipts checked; %.1f s%n",
          checked.inputRecords(),
          bad.size(),
          bad.values().stream()
              .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting())),
          retentionExpected.size(),
          sharingExpected.size(),
          checked.receipts(),
          (System.nanoTime() - began) / 1e9);
    }
  }

  /** Source position to "exception class" for each bad record of the given kinds. */
  private static Map<String, String> expectedDeadLetters(
      Map<String, PoisonedSink.Kind> bad, Set<PoisonedSink.Kind> kinds) {
    Map<String, String> expected = new TreeMap<>();
    bad.forEach(
        (position, kind) -> {
          if (kinds.contains(kind)) {
            boolean unreadable =
                kind == PoisonedSink.Kind.GARBAGE || kind == PoisonedSink.Kind.UNKNOWN_FINGERPRINT;
            expected.put(position, unreadable ? UNREADABLE : IMPOSSIBLE);
          }
        });
    return expected;
  }

  /**
   * Source position (from the Kafka Streams headers) to exception class, failing on a position
   * dead-lettered twice.
   */
  private static Map<String, String> deadLetters(ClientConfig client, Topic<byte[], byte[]> topic) {
    Map<String, String> found = new TreeMap<>();
    ReceiptCheck.readAll(
        client,
        topic.name(),
        r -> {
          String position =
              header(r, "__streams.errors.topic")
                  + "/"
                  + header(r, "__streams.errors.partition")
                  + "/"
                  + header(r, "__streams.errors.offset");
          String before = found.put(position, header(r, "__streams.errors.exception"));
          assertEquals(null, before, position + " dead-lettered twice in " + topic.name());
        });
    return found;
  }

  private static long poisonInTheLedger(ClientConfig client) {
    long[] found = new long[1];
    ReceiptCheck.readAll(
        client,
        Topics.COPY_LEDGER.name(),
        r -> {
          CopyLedgerEntry entry =
              Topics.COPY_LEDGER.valueSerde().deserializer().deserialize("", r.value());
          if (entry != null
              && (entry.getClipId().startsWith("poison-")
                  || entry.getCopyId().startsWith("poison-"))) {
            found[0]++;
          }
        });
    ReceiptCheck.readAll(
        client,
        Topics.COPY_RECEIPTS.name(),
        r -> {
          CopyReceipt receipt =
              Topics.COPY_RECEIPTS.valueSerde().deserializer().deserialize("", r.value());
          if (receipt.getClipId().startsWith("poison-")
              || receipt.getCopyId().startsWith("poison-")) {
            found[0]++;
          }
        });
    return found[0];
  }

  /** The service never lost a stream thread: a replaced one would be numbered 2. */
  private static void assertOneOriginalStreamThread(KafkaStreams streams) {
    assertEquals(KafkaStreams.State.RUNNING, streams.state());
    List<String> threads =
        streams.metadataForLocalThreads().stream().map(t -> t.threadName()).toList();
    assertEquals(1, threads.size(), threads.toString());
    assertTrue(threads.get(0).endsWith("-StreamThread-1"), threads.toString());
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
