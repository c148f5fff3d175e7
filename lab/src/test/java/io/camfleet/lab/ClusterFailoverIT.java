package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedCluster;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.world.World;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-broker KRaft cluster in this JVM: every catalog topic is created with three replicas of
 * which two must acknowledge a write; both services enforce two policies while the default world is
 * published, and the broker leading the first partition of world-events is stopped mid-run. The run
 * completes on the other two; every event is on world-events once, and the verifiers find no
 * receipt, ledger entry, copy receipt or final counter missing, duplicated or wrong.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterFailoverIT {
  @TempDir Path tmp;

  /** Input records the retention service commits before the broker goes. */
  private static final long RECORDS_BEFORE_FAULT = 5_000;

  @Test
  void oneBrokerOfThreeStoppedMidRunLosesAndDuplicatesNothing() throws Exception {
    long began = System.nanoTime();
    try (EmbeddedCluster cluster = EmbeddedCluster.startTemporary(3)) {
      phase(began, "three brokers up at " + cluster.bootstrapServers());
      ClientConfig client = new ClientConfig(cluster.bootstrapServers(), new Properties());
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      assertEquals(expectedReplication(), replication(client), "replicas and min.insync.replicas");

      List<Policy> policies =
          Policies.read(
              List.of(
                  Path.of("../policies/status-quo-2019.yaml"),
                  Path.of("../policies/eu-30-days.yaml")));
      Path state = Files.createTempDirectory(tmp, "cluster-failover-state-");
      int stopped;
      try (RetentionService retention =
              RetentionService.start(
                  policies,
                  client,
                  RetentionOptions.of(
                      TopicPrefix.NONE,
                      policies,
                      Processing.inStateDir(state.resolve("retention")),
                      Optional.empty()));
          SharingService sharing =
              SharingService.start(
                  policies,
                  client,
                  SharingOptions.of(
                      TopicPrefix.NONE,
                      policies,
                      Processing.inStateDir(state.resolve("sharing")),
                      Optional.of(HttpEndpoint.loopback(0))));
          GroupProgress progress =
              new GroupProgress(client, retention.applicationId(), Topics.WORLD_EVENTS.name());
          WorldFeed input = WorldFeed.start(client, Duration.ofSeconds(60))) {
        phase(began, "services running, world being published");
        progress.awaitCommitted(
            RECORDS_BEFORE_FAULT, () -> retention.streams().state().isRunningOrRebalancing());
        assertTrue(input.publishing(), "the world was still being published at the fault");
        stopped = leaderOfFirstInputPartition(client) - 1;
        phase(began, "stopping broker " + cluster.nodeId(stopped) + ", the input's first leader");
        cluster.stop(stopped);
        phase(
            began,
            "broker "
                + cluster.nodeId(stopped)
                + " stopped"
                + (input.publishing() ? "; the world is still being published" : ""));

        input.awaitPublished();
        phase(began, "world published on two brokers");
        ReceiptCheck.awaitFinalStats(
            client, policies.size(), () -> retention.streams().state().isRunningOrRebalancing());
        CopyCheck.awaitFinalStats(
            client, policies.size(), () -> sharing.streams().state().isRunningOrRebalancing());
        phase(began, "final statistics of both services");
      }
      assertTrue(!cluster.running(stopped), "the broker stayed down to the end");
      assertEquals(
          worldEvents(),
          ReceiptCheck.readAll(client, Topics.WORLD_EVENTS.name(), r -> {}),
          "each published event on world-events once");
      ReceiptCheck.Checked receipts = ReceiptCheck.assertExactlyTheExpectedReceipts(client);
      CopyCheck.assertExactlyTheExpectedCopies(client, policies);
      phase(
          began,
          "verified: "
              + receipts.inputRecords()
              + " input records, "
              + receipts.receipts()
              + " receipts");
    }
  }

  /** The events of the default world, counted as the simulator makes them. */
  private static long worldEvents() {
    return Simulator.run(
            World.read(Path.of("../worlds/default.yaml")),
            SimulationOptions.defaults(),
            EventSink.discard(),
            ProgressListener.NONE)
        .totalEvents();
  }

  private static Map<String, String> expectedReplication() {
    Map<String, String> expected = new TreeMap<>();
    Topics.all().forEach(t -> expected.put(t.name(), "replicas 3, min.insync.replicas 2"));
    return expected;
  }

  /** For each catalog topic: the fewest replicas of any partition, and its min.insync.replicas. */
  private static Map<String, String> replication(ClientConfig client) throws Exception {
    List<String> names = Topics.all().stream().map(Topic::name).toList();
    Map<String, String> found = new TreeMap<>();
    try (Admin admin = Admin.create(client.toProperties())) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  names.stream()
                      .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                      .toList())
              .all()
              .get(30, TimeUnit.SECONDS);
      for (String name : names) {
        int replicas =
            topics.get(name).partitions().stream()
                .mapToInt(p -> p.replicas().size())
                .min()
                .orElse(0);
        String minInSync =
            configs
                .get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                .get("min.insync.replicas")
                .value();
        found.put(name, "replicas " + replicas + ", min.insync.replicas " + minInSync);
      }
    }
    return found;
  }

  private static int leaderOfFirstInputPartition(ClientConfig client) throws Exception {
    try (Admin admin = Admin.create(client.toProperties())) {
      return admin
          .describeTopics(List.of(Topics.WORLD_EVENTS.name()))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(Topics.WORLD_EVENTS.name())
          .partitions()
          .get(0)
          .leader()
          .id();
    }
  }

  private static void phase(long began, String what) {
    System.out.printf("ClusterFailoverIT %5.1f s: %s%n", (System.nanoTime() - began) / 1e9, what);
  }
}
