package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.ReceiptKind;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy whose retention shortens from 60 to 30 days (30 to 15 in the EU), whose police copies
 * live 20 days instead of 40 and whose forwarding stops mid-world, run by both services under both
 * {@code existingClips} settings at once, against the verifiers' own staged rules: every receipt
 * and ledger entry, with the stage that decided it, and no other.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StagedPolicyIT {
  @TempDir Path tmp;

  private static final String STAGE = "2019-07-16";
  private static final long STAGE_AT = Instant.parse(STAGE + "T00:00:00Z").toEpochMilli();

  /**
   * The staged policy under one existingClips setting; under keep-old-rules the stage also stops
   * shares exempting originals (follow-new-rules refuses that change).
   */
  private static final String POLICY =
      """
      name: staged-%1$s
      existingClips: %1$s-%2$s-rules
      retention: {days: 60, regions: {EU: 30}, sharedOriginals: exempt}
      copies: {lifetimeDays: {REQUESTING_POLICE: 40}}
      stages:
        - from: %3$s
          retention: {days: 30, regions: {EU: 15}, sharedOriginals: %4$s}
          copies: {lifetimeDays: {REQUESTING_POLICE: 20}}
          forwarding: none
      """;

  private static final String FOLLOW = POLICY.formatted("follow", "new", STAGE, "exempt");
  private static final String KEEP = POLICY.formatted("keep", "old", STAGE, "expire-on-time");

  @Test
  void verifiersAgreeWithBothServicesUnderBothExistingClipsSettings() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "staged-policy-");
    List<Policy> policies =
        Policies.read(
            List.of(
                Files.writeString(dir.resolve("follow.yaml"), FOLLOW),
                Files.writeString(dir.resolve("keep.yaml"), KEEP)));
    List<RetentionVerifier.SimplePolicy> expected =
        List.of(
            new RetentionVerifier.SimplePolicy(
                "staged-follow",
                60,
                Map.of("EU", 30),
                true,
                List.of(
                    new RetentionVerifier.SimpleStage(STAGE, STAGE_AT, 30, Map.of("EU", 15), true)),
                true),
            new RetentionVerifier.SimplePolicy(
                "staged-keep",
                60,
                Map.of("EU", 30),
                true,
                List.of(
                    new RetentionVerifier.SimpleStage(
                        STAGE, STAGE_AT, 30, Map.of("EU", 15), false)),
                false));
    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      // the default world at half its fleet: the stage falls on its day 45 of 100
      World world = World.read(Path.of("../worlds/default.yaml")).withCameras(75);
      try (KafkaEventSink sink = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
        Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
      }
      try (RetentionService retention =
              RetentionService.start(
                  policies,
                  client,
                  RetentionOptions.of(
                      TopicPrefix.NONE,
                      policies,
                      Processing.inStateDir(
                          Files.createTempDirectory(tmp, "staged-retention-state-")),
                      Optional.empty()));
          SharingService sharing =
              SharingService.start(
                  policies,
                  client,
                  SharingOptions.of(
                      TopicPrefix.NONE,
                      policies,
                      Processing.inStateDir(
                          Files.createTempDirectory(tmp, "staged-sharing-state-")),
                      Optional.of(HttpEndpoint.loopback(0))))) {
        ReceiptCheck.awaitFinalStats(
            client, policies.size(), () -> retention.streams().state().isRunningOrRebalancing());
        CopyCheck.awaitFinalStats(
            client, policies.size(), () -> sharing.streams().state().isRunningOrRebalancing());
      }
      ReceiptCheck.assertExactlyTheExpectedReceipts(client, Set.of(), expected, 1_000);
      CopyCheck.assertExactlyTheExpectedCopies(client, policies);

      // The cases the stage is about were there to check: clips recorded before it and deleted
      // after it, by the new stage (follow-new-rules) or the old one (keep-old-rules), and under
      // follow-new-rules clips already past the new period deleted at the stage's start.
      Map<String, Integer> counts = new HashMap<>();
      ReceiptCheck.readAll(
          client,
          Topics.RETENTION_RECEIPTS.name(),
          r -> {
            RetentionReceipt receipt =
                Topics.RETENTION_RECEIPTS.valueSerde().deserializer().deserialize("", r.value());
            if (receipt.getKind() == ReceiptKind.CLIP_EXPIRED
                && receipt.getRecordedAt() < STAGE_AT
                && receipt.getDecidedAt() >= STAGE_AT) {
              String at = receipt.getDecidedAt() == STAGE_AT ? "at" : "after";
              counts.merge(
                  receipt.getPolicy() + " " + at + " " + receipt.getStage(), 1, Integer::sum);
            }
          });
      assertTrue(counts.getOrDefault("staged-follow at " + STAGE, 0) > 0, counts.toString());
      assertTrue(counts.getOrDefault("staged-follow after " + STAGE, 0) > 0, counts.toString());
      assertTrue(counts.getOrDefault("staged-keep after base", 0) > 0, counts.toString());

      // Copies made after the stage under both settings: the new lifetime for clips recorded
      // after it, and for older clips too under follow-new-rules only.
      Map<String, Integer> copies = new HashMap<>();
      ReceiptCheck.readAll(
          client,
          Topics.COPY_LEDGER.name(),
          r -> {
            CopyLedgerEntry copy =
                Topics.COPY_LEDGER.valueSerde().deserializer().deserialize("", r.value());
            if (copy.getMadeAt() >= STAGE_AT && copy.getClipRecordedAt() < STAGE_AT) {
              copies.merge(copy.getPolicy() + " " + copy.getStage(), 1, Integer::sum);
            }
          });
      assertTrue(copies.getOrDefault("staged-follow " + STAGE, 0) > 0, copies.toString());
      assertTrue(copies.getOrDefault("staged-keep base", 0) > 0, copies.toString());
    }
  }
}
