package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.Placement.Placed;
import io.camfleet.simulator.cli.SimulateCommand;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.testkafka.TestKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Several simulators publish their shards of one world at once into a topic of more partitions than
 * the catalog's default, and the topic then holds exactly the unsharded world; a shard count or a
 * partition count the topic cannot have is refused before anything is published.
 */
class ConcurrentShardsIT {
  private static final int PARTITIONS = 6;
  private static final int SHARDS = 3;

  @Test
  @Timeout(180)
  void threeShardsPublishedAtOnceMakeExactlyTheWholeWorld() throws Exception {
    Topic<String, WorldEvent> catalogs =
        Topics.WORLD_EVENTS.renamed(TestKafka.unique("world-events"));
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), null);
    assertEquals(
        PARTITIONS,
        TopicAdmin.createInput(client.toProperties(), catalogs, OptionalInt.of(PARTITIONS), 30));
    Topic<String, WorldEvent> topic = catalogs.withPartitions(PARTITIONS);
    TestKafka.createTopics(List.of(topic));
    World world = Worlds.read("default").withCameras(60).withDays(10);

    Map<Integer, List<Placed>> expected = Placement.expected(world, PARTITIONS);

    ExecutorService simulators = Executors.newFixedThreadPool(SHARDS);
    long published = 0;
    try {
      List<Future<SimulationSummary>> shards = new ArrayList<>();
      for (int k = 0; k < SHARDS; k++) {
        // the catalog's default partition count in the options: the sink's topic decides
        SimulationOptions options = SimulationOptions.defaults().withShard(k, SHARDS);
        shards.add(
            simulators.submit(
                () -> {
                  try (KafkaEventSink sink = new KafkaEventSink(client, topic)) {
                    return Simulator.run(world, options, sink, ProgressListener.NONE);
                  }
                }));
      }
      for (Future<SimulationSummary> shard : shards) {
        published += shard.get(120, TimeUnit.SECONDS).totalEvents();
      }
    } finally {
      simulators.shutdownNow();
    }

    Map<Integer, List<Placed>> onTopic =
        Placement.published(topic, published, Duration.ofSeconds(120));
    assertEquals(PARTITIONS, onTopic.size());
    assertEquals(expected, onTopic);
  }

  @Test
  @Timeout(120)
  void moreShardsOrOtherPartitionsThanTheExistingTopicHasAreUsageErrors() {
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), null);
    int existing =
        TopicAdmin.createInput(client.toProperties(), Topics.WORLD_EVENTS, OptionalInt.empty(), 30);
    String more = String.valueOf(existing + 1);

    StringWriter err = new StringWriter();
    assertEquals(2, simulate(err, "--partitions", more));
    assertEquals(
        "simulate: topic world-events at "
            + TestKafka.bootstrapServers()
            + " exists with "
            + existing
            + " partitions, not the "
            + more
            + " asked for with --partitions: leave --partitions out to use its "
            + existing
            + ", or delete the topic first",
        err.toString().lines().findFirst().orElse(""));

    err = new StringWriter();
    assertEquals(2, simulate(err, "--shard", "1/" + more));
    String line = err.toString().lines().findFirst().orElse("");
    assertTrue(
        line.contains(
            "asks for "
                + more
                + " shards, but topic world-events at "
                + TestKafka.bootstrapServers()
                + " has "
                + existing
                + " partitions"),
        line);
  }

  private static int simulate(StringWriter err, String... options) {
    CommandLine command = new CommandLine(new SimulateCommand());
    command.setOut(new PrintWriter(new StringWriter(), true));
    command.setErr(new PrintWriter(err, true));
    command.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println("simulate: " + e.getMessage());
          return 2;
        });
    List<String> args =
        new ArrayList<>(
            List.of(
                "--world",
                Worlds.file("default").toString(),
                "--cameras",
                "10",
                "--days",
                "1",
                "--bootstrap-servers",
                TestKafka.bootstrapServers()));
    args.addAll(List.of(options));
    return command.execute(args.toArray(String[]::new));
  }
}
