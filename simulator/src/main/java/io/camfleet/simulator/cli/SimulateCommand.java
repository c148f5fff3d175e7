package io.camfleet.simulator.cli;

import io.camfleet.cli.ExitCode;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.SimulationSummary;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.generate.Partitions;
import io.camfleet.simulator.sink.AvroFileSink;
import io.camfleet.simulator.sink.EventFileHeader;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code camfleet simulate}: runs a world file and publishes its events to Kafka or writes them to
 * an Avro file.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Runs a world file (cameras, clips, police requests, answers, shares, forwards, feed posts and clock"
            + " ticks) in event-time order, to Kafka (topic world-events) or to an Avro object container file."
            + " The same world file and seed give the same events; the shards of --shard together give the whole world.")
public final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--world",
      required = true,
      paramLabel = "FILE",
      description = "World file, e.g. worlds/default.yaml.")
  Path world;

  @Mixin WorldOverrides overrides;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Output output;

  /** Exactly one destination. */
  static final class Output {
    @Option(
        names = "--bootstrap-servers",
        paramLabel = "HOSTS",
        description = "Kafka to publish to; topics are created if missing.")
    String bootstrapServers;

    @Option(
        names = "--out-file",
        paramLabel = "FILE",
        description = "Avro object container file to write instead of Kafka.")
    Path outFile;
  }

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description = "Kafka client properties (SASL, SSL, ...) for --bootstrap-servers.")
  Path kafkaConfig;

  @Mixin PartitionsOption partitions;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description =
          "Run only the K-th of N shards (1 <= K <= N <= the partitions of world-events): each shard owns whole"
              + " partitions, so several simulators, one per shard, may publish at once.")
  String shard;

  @Option(
      names = "--speed",
      paramLabel = "N",
      description = "Run N times faster than real time (default: as fast as possible).")
  String speed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (kafkaConfig != null && output.bootstrapServers == null) {
      throw new ParameterException(
          spec.commandLine(), "--kafka-config goes with --bootstrap-servers, not --out-file");
    }
    SimulationOptions options = SimulationOptions.defaults().withSpeed(speed());
    OptionalInt requested = partitions.requested();
    int[] kn = shard();
    if (output.outFile != null) {
      // a file has no topic to ask: the world runs on the partitions asked for, or a new topic's
      options = options.withPartitions(requested.orElse(options.partitions()));
      if (kn != null) {
        if (kn[1] > options.partitions()) {
          throw usage(shardExpectation(options.partitions(), "the file's world"));
        }
        options = options.withShard(kn[0] - 1, kn[1]);
      }
    }
    World w;
    try {
      w = World.read(world);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    }
    w = overrides.apply(w, world, spec);

    String destination;
    EventSink sink;
    if (output.bootstrapServers != null) {
      ClientConfig client;
      try {
        client = ClientConfig.of(output.bootstrapServers, kafkaConfig);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      KafkaEventSink kafka;
      try {
        int count =
            TopicAdmin.createInput(client.toProperties(), Topics.WORLD_EVENTS, requested, 30);
        // ticks and shards follow the topic's real count, which an existing topic may not share
        if (kn != null && kn[1] > count) {
          throw usage(
              shardExpectation(
                  count, "topic " + Topics.WORLD_EVENTS.name() + " at " + client.describe()));
        }
        TopicAdmin.createTopics(client.toProperties(), Topics.all(count), 30);
        kafka = new KafkaEventSink(client, Topics.WORLD_EVENTS);
      } catch (TopicAdmin.PartitionCountException e) {
        throw usage(e.getMessage());
      } catch (TopicAdmin.UnreachableClusterException | IllegalStateException e) {
        err.println(e.getMessage());
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
      options = options.withPartitions(kafka.partitions().getAsInt());
      if (kn != null) {
        options = options.withShard(kn[0] - 1, kn[1]);
      }
      sink = kafka;
      destination = "topic " + Topics.WORLD_EVENTS.name() + " at " + client.describe();
    } else {
      try {
        sink = new AvroFileSink(output.outFile, EventFileHeader.of(w, world, options).toMetadata());
      } catch (UncheckedIOException e) {
        err.println(e.getMessage());
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
      destination = output.outFile.toString();
    }

    SimulationSummary summary;
    // The guard is closed last: a stop asked for ends the JVM only once the line below is out.
    try (ShutdownGuard guard = ShutdownGuard.install("camfleet simulate", System.err)) {
      try (EventSink s = EventSink.checkedBy(sink, guard::check)) {
        summary = Simulator.run(w, options, s, TerminalProgress.onStderr(w.days()));
      } catch (ShutdownGuard.StoppedException e) {
        err.println();
        err.println(
            "camfleet simulate: interrupted: stopped the simulation; "
                + (output.outFile != null
                    ? "no file written (" + output.outFile + " is as it was)"
                    : "the events of the open transaction were aborted; those committed before stay on "
                        + destination));
        err.flush();
        return ExitCode.INTERRUPTED.code();
      } catch (KafkaException | UncheckedIOException e) {
        err.println();
        err.println(e.getMessage());
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
    }
    out.print(summary.render());
    String shardNote =
        options.shardCount() > 1
            ? " (shard " + (options.shardIndex() + 1) + "/" + options.shardCount() + ")"
            : "";
    out.printf(
        "world %s, seed %d, %d cameras%s: %,d events to %s%n",
        w.name(), w.seed(), w.cameras(), shardNote, summary.totalEvents(), destination);
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** {@code --speed}: 0 (the default) runs as fast as possible. */
  private double speed() {
    if (speed == null) {
      return 0;
    }
    double factor;
    try {
      factor = Double.parseDouble(speed.strip());
    } catch (NumberFormatException e) {
      factor = Double.NaN;
    }
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw usage(
          "--speed must be a positive number of times real time (e.g. 60), or 0 for as fast as possible, not '"
              + speed
              + "'");
    }
    return factor;
  }

  /** {@code --shard K/N} as {K, N}, 1-based, or null without it. */
  private int[] shard() {
    if (shard == null) {
      return null;
    }
    String[] parts = shard.split("/", -1);
    if (parts.length == 2
        && parts[0].strip().matches("\\d{1,9}")
        && parts[1].strip().matches("\\d{1,9}")) {
      int k = Integer.parseInt(parts[0].strip());
      int n = Integer.parseInt(parts[1].strip());
      if (n >= 1 && k >= 1 && k <= n && n <= Partitions.MAX) {
        return new int[] {k, n};
      }
    }
    throw usage(
        "--shard must be K/N with 1 <= K <= N <= the partitions of "
            + Topics.WORLD_EVENTS.name()
            + ", e.g. 1/2, not '"
            + shard
            + "'");
  }

  private String shardExpectation(int count, String topic) {
    return "--shard "
        + shard
        + " asks for "
        + shard.split("/", -1)[1].strip()
        + " shards, but "
        + topic
        + " has "
        + count
        + (count == 1 ? " partition" : " partitions")
        + " and a shard owns whole partitions: N must be at most "
        + count;
  }

  /**
   * Runs the command on its own: {@code java -cp ... io.camfleet.simulator.cli.SimulateCommand
   * --world ...}.
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulateCommand()).execute(args));
  }
}
