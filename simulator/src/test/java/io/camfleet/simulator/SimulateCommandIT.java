package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.cli.SimulateCommand;
import io.camfleet.testkafka.TestKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code camfleet simulate --bootstrap-servers}: creates the catalog's topics and publishes the
 * world.
 */
class SimulateCommandIT {

  @Test
  @Timeout(180)
  void createsTheCatalogTopicsAndPublishesTheWorld() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new SimulateCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exit =
        command.execute(
            "--world",
            Worlds.file("default").toString(),
            "--cameras",
            "40",
            "--days",
            "3",
            "--bootstrap-servers",
            TestKafka.bootstrapServers());
    assertEquals(0, exit, err.toString());

    try (Admin admin = Admin.create(TestKafka.clientConfig())) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      for (Topic<?, ?> topic : Topics.all()) {
        assertTrue(topics.contains(topic.name()), topic.name());
      }
    }
    long expected =
        RecordingSink.run(
                Worlds.read("default").withCameras(40).withDays(3), SimulationOptions.defaults())
            .size();
    assertTrue(
        out.toString()
            .contains(
                String.format(
                    "%,d events to topic world-events at %s",
                    expected, TestKafka.bootstrapServers())),
        out.toString());
    assertEquals(
        expected,
        KafkaTopicReader.readAll(Topics.WORLD_EVENTS, expected, Duration.ofSeconds(60)).size());
  }
}
