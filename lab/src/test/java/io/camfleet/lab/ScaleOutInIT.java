package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A second instance joins mid-run and leaves again; tasks move twice and every receipt is still right, once. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ScaleOutInIT {

  @Test
  void instanceAddedAndRemovedMidRunLosesAndDuplicatesNothing() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      try (KafkaEventSink sink = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
        Simulator.run(World.read(Path.of("../worlds/default.yaml")), SimulationOptions.defaults(), sink,
            ProgressListener.NONE);
      }
      List<Policy> policies = Policies.read(
          List.of(Path.of("../policies/status-quo-2019.yaml"), Path.of("../policies/eu-30-days.yaml")));
      String appId = "retention-service-scale-test";
      try (RetentionService first = start(policies, client, appId)) {
        Thread.sleep(5_000); // into the work
        try (RetentionService second = start(policies, client, appId)) {
          Thread.sleep(6_000); // the second instance takes tasks and processes some of them
        }
        ReceiptCheck.awaitFinalStats(client, policies.size());
      }
      ReceiptCheck.assertExactlyTheExpectedReceipts(client);
    }
  }

  private static RetentionService start(List<Policy> policies, ClientConfig client, String appId) throws Exception {
    return RetentionService.start(policies, client,
        new RetentionService.Options(null, Files.createTempDirectory("scale-state-"), RetentionTopics.defaults(), appId));
  }
}
