package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.testkafka.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly-once under crashes: the retention service runs as its own JVM, is killed with SIGKILL
 * three times mid-run and restarted on the same state folder; an independent verifier then finds no
 * receipt missing, none duplicated and none wrong.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RetentionCrashIT {

  @Test
  void killedThreeTimesTheServiceStillDecidesEveryClipExactlyOnce() throws Exception {
    // The catalog's topic names: the service process runs with its defaults. This is the only test
    // on the shared broker that uses them.
    TestKafka.createTopics(Topics.all());
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), new Properties());
    World world = World.read(Path.of("../worlds/default.yaml"));
    try (KafkaEventSink sink = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
      Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    }

    Path state = Files.createTempDirectory("crash-state-");
    // A killed member leaves the group only when its session expires: keep that short here.
    Path config =
        Files.writeString(
            state.resolveSibling(state.getFileName() + ".properties"),
            "session.timeout.ms=10000\nheartbeat.interval.ms=2000\n");
    try (ServiceProcess service =
        ServiceProcess.start(
            "retention-crash-service",
            () ->
                List.of(
                    "retention-service",
                    "--policy",
                    "../policies/status-quo-2019.yaml",
                    "--policy",
                    "../policies/eu-30-days.yaml",
                    "--bootstrap-servers",
                    TestKafka.bootstrapServers(),
                    "--state-dir",
                    state.toString(),
                    "--kafka-config",
                    config.toString(),
                    "--http-port",
                    "0"))) {
      while (service.kills() < 3) {
        Thread.sleep(7_000); // let it get into the work before the next SIGKILL
        service.killAndRestart();
      }
      ReceiptCheck.awaitFinalStats(client, ReceiptCheck.UNCAPPED_POLICIES.size(), service::isAlive);
      assertEquals(3, service.kills());
    }
    ReceiptCheck.assertExactlyTheExpectedReceipts(client);
  }
}
