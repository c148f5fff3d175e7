package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.retention.topology.RetentionTopology;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.streams.ApplicationIds;
import io.camfleet.testkafka.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under crashes: the retention service runs as its own JVM, is killed with SIGKILL
 * three times mid-run and restarted on the same state folder; an independent verifier then finds no
 * receipt missing, none duplicated and none wrong.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RetentionCrashIT {
  @TempDir Path tmp;

  /** Input records each incarnation commits before it is killed: some 4% of the default world. */
  private static final long RECORDS_BETWEEN_KILLS = 5_000;

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

    Path state = Files.createTempDirectory(tmp, "crash-state-");
    // A killed member leaves the group only when its session expires: keep that short here.
    Path config =
        Files.writeString(
            state.resolveSibling(state.getFileName() + ".properties"),
            "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
    String group =
        ApplicationIds.of(
            RetentionTopology.SERVICE,
            ReceiptCheck.UNCAPPED_POLICIES.stream()
                .map(RetentionVerifier.SimplePolicy::name)
                .toList());
    try (GroupProgress progress = new GroupProgress(client, group, Topics.WORLD_EVENTS.name());
        ServiceProcess service =
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
      // each incarnation commits some work of its own before it is killed, well before the end
      long restartedFrom = 0;
      while (service.kills() < 3) {
        long committed =
            progress.awaitCommitted(restartedFrom + RECORDS_BETWEEN_KILLS, service::isAlive);
        assertTrue(
            committed < progress.end(),
            "the service had consumed the whole world before kill " + (service.kills() + 1));
        service.killAndRestart();
        restartedFrom = progress.committed();
      }
      ReceiptCheck.awaitFinalStats(client, ReceiptCheck.UNCAPPED_POLICIES.size(), service::isAlive);
      assertEquals(3, service.kills());
    }
    ReceiptCheck.assertExactlyTheExpectedReceipts(client);
  }
}
