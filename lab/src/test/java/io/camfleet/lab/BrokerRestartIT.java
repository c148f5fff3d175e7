package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
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

/** The broker stops mid-run and comes back on the same data; the run completes and every receipt is right, once. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerRestartIT {

  @Test
  void brokerStoppedAndRestartedMidRunLosesAndDuplicatesNothing() throws Exception {
    Path data = Files.createTempDirectory("restart-broker-");
    try (EmbeddedBroker broker = EmbeddedBroker.start(data, true, 0)) {
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      World world = World.read(Path.of("../worlds/default.yaml"));
      try (KafkaEventSink sink = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
        Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
      }
      List<Policy> policies = Policies.read(
          List.of(Path.of("../policies/status-quo-2019.yaml"), Path.of("../policies/eu-30-days.yaml")));
      try (RetentionService service = RetentionService.start(policies, client,
          RetentionService.Options.defaults().withStateDir(Files.createTempDirectory("restart-state-")))) {
        Thread.sleep(6_000); // into the work
        broker.stop();
        Thread.sleep(5_000); // down long enough for every client to notice
        broker.restart();
        ReceiptCheck.awaitFinalStats(client, policies.size());
      }
      ReceiptCheck.assertExactlyTheExpectedReceipts(client);
    }
  }
}
