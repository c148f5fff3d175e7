package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second instance joins mid-run and leaves again; tasks move twice and every receipt, copy and
 * final counter is still right, once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ScaleOutInIT {
  @TempDir Path tmp;

  @Test
  void instanceAddedAndRemovedMidRunLosesAndDuplicatesNothing() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      List<Policy> policies =
          Policies.read(
              List.of(
                  Path.of("../policies/status-quo-2019.yaml"),
                  Path.of("../policies/eu-30-days.yaml")));
      String appId = "retention-service-scale-test";
      // held at 15 % and 50 %: the second instance joins while the state is small (its tasks move
      // at once), works on the next 35 % and leaves before the rest is published
      try (WorldFeed input = WorldFeed.heldAt(client, 0.15, 0.5);
          GroupProgress progress = new GroupProgress(client, appId, Topics.WORLD_EVENTS.name());
          RetentionService first = start(policies, client, appId)) {
        BooleanSupplier firstRunning = () -> first.streams().state().isRunningOrRebalancing();
        long joinedAt = progress.awaitCommitted(10_000, firstRunning);
        long leftAt;
        try (RetentionService second = start(policies, client, appId)) {
          // the second instance owns tasks and has processed records of them before it leaves
          awaitOwnsTasks(second.streams());
          input.release();
          awaitProcessedRecords(second.streams());
          leftAt = progress.committed();
        }
        input.release();
        input.awaitPublished();
        ReceiptCheck.awaitFinalStats(client, policies.size());
        System.out.println(
            "retention scale test: second instance joined at "
                + joinedAt
                + " and left at "
                + leftAt
                + " committed input records");
      }
      ReceiptCheck.assertExactlyTheExpectedReceipts(client);
    }
  }

  @Test
  void sharingInstanceAddedAndRemovedMidRunLosesAndDuplicatesNothing() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      List<Policy> policies = CopyCheck.bundledPolicies();
      String appId = "sharing-service-scale-test";
      try (WorldFeed input = WorldFeed.heldAt(client, 0.15, 0.5);
          GroupProgress progress = new GroupProgress(client, appId, Topics.WORLD_EVENTS.name());
          SharingService first = startSharing(policies, client, appId)) {
        BooleanSupplier firstRunning = () -> first.streams().state().isRunningOrRebalancing();
        long joinedAt = progress.awaitCommitted(10_000, firstRunning);
        long leftAt;
        try (SharingService second = startSharing(policies, client, appId)) {
          // the second instance owns tasks and has processed records of them before it leaves
          awaitOwnsTasks(second.streams());
          input.release();
          awaitProcessedRecords(second.streams());
          leftAt = progress.committed();
        }
        input.release();
        input.awaitPublished();
        CopyCheck.awaitFinalStats(client, policies.size(), firstRunning);
        System.out.println(
            "sharing scale test: second instance joined at "
                + joinedAt
                + " and left at "
                + leftAt
                + " committed input records");
      }
      CopyCheck.assertExactlyTheExpectedCopies(client, policies);
    }
  }

  private SharingService startSharing(List<Policy> policies, ClientConfig client, String appId)
      throws Exception {
    return SharingService.start(
        policies,
        client,
        new SharingOptions(
            SharingTopics.defaults(),
            appId,
            Processing.inStateDir(Files.createTempDirectory(tmp, "scale-state-")),
            Optional.of(HttpEndpoint.loopback(0))));
  }

  /** Waits until one of {@code instance}'s stream threads owns an active task. */
  private static void awaitOwnsTasks(KafkaStreams instance) throws InterruptedException {
    while (instance.metadataForLocalThreads().stream().allMatch(t -> t.activeTasks().isEmpty())) {
      assertTrue(instance.state().isRunningOrRebalancing(), "the second instance stopped");
      Thread.sleep(200);
    }
  }

  /** Waits until {@code instance}'s stream threads have processed records. */
  private static void awaitProcessedRecords(KafkaStreams instance) throws InterruptedException {
    while (true) {
      double processed =
          instance.metrics().entrySet().stream()
              .filter(
                  m ->
                      m.getKey().group().equals("stream-thread-metrics")
                          && m.getKey().name().equals("process-total"))
              .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
              .sum();
      if (processed > 1_000) {
        return;
      }
      assertTrue(instance.state().isRunningOrRebalancing(), "the second instance stopped");
      Thread.sleep(200);
    }
  }

  private RetentionService start(List<Policy> policies, ClientConfig client, String appId)
      throws Exception {
    return RetentionService.start(
        policies,
        client,
        new RetentionOptions(
            RetentionTopics.defaults(),
            appId,
            Processing.inStateDir(Files.createTempDirectory(tmp, "scale-state-")),
            Optional.empty()));
  }
}
