package io.camfleet.simulator.cli;

import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.SimulationSummary;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.AvroFileSink;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code camfleet simulate}: runs a world file and publishes its events to Kafka or writes them to an Avro file. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Runs a world file (cameras, clips, police requests, answers, shares, forwards, feed posts and clock"
            + " ticks) in event-time order, to Kafka (topic world-events) or to an Avro object container file."
            + " The same world file and seed give the same events; the shards of --shard together give the whole world.")
public final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--world", required = true, paramLabel = "FILE", description = "World file, e.g. worlds/default.yaml.")
  Path world;

  @Option(names = "--seed", paramLabel = "N", description = "Seed instead of the world file's.")
  Long seed;

  @Option(names = "--cameras", paramLabel = "N", description = "Number of cameras instead of the world file's.")
  Integer cameras;

  @Option(names = "--days", paramLabel = "N", description = "Simulated days instead of the world file's.")
  Integer days;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Output output;

  /** Exactly one destination. */
  static final class Output {
    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka to publish to; topics are created if missing.")
    String bootstrapServers;

    @Option(names = "--out-file", paramLabel = "FILE", description = "Avro object container file to write instead of Kafka.")
    Path outFile;
  }

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "Kafka client properties (SASL, SSL, ...) for --bootstrap-servers.")
  Path kafkaConfig;

  @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class,
      description = "Run only the K-th of N shards (1 <= K <= N <= 4, the partitions of world-events): each shard owns whole partitions.")
  Shard shard;

  /** The K-th of N shards, as written on the command line (1-based). */
  record Shard(int k, int n) {}

  @Option(names = "--speed", paramLabel = "N", description = "Run N times faster than real time (default: as fast as possible).")
  double speed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    World w;
    try {
      w = World.read(world);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    }
    SimulationOptions options;
    try {
      if (seed != null) {
        w = w.withSeed(seed);
      }
      if (cameras != null) {
        w = w.withCameras(cameras);
      }
      if (days != null) {
        w = w.withDays(days);
      }
      options = SimulationOptions.defaults().withSpeed(speed);
      if (shard != null) {
        options = options.withShard(shard.k() - 1, shard.n());
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (kafkaConfig != null && output.bootstrapServers == null) {
      throw new ParameterException(spec.commandLine(), "--kafka-config goes with --bootstrap-servers, not --out-file");
    }

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
        TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
        kafka = new KafkaEventSink(client, Topics.WORLD_EVENTS);
      } catch (TopicAdmin.UnreachableClusterException | IllegalStateException e) {
        err.println(e.getMessage());
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
      // an existing topic may have another partition count: ticks and shards follow the real one
      try {
        options = options.withPartitions(kafka.partitions());
      } catch (IllegalArgumentException e) {
        kafka.abort();
        kafka.close();
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      sink = kafka;
      destination = "topic " + Topics.WORLD_EVENTS.name() + " at " + client.describe();
    } else {
      try {
        sink = new AvroFileSink(output.outFile);
      } catch (UncheckedIOException e) {
        err.println(e.getMessage());
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
      destination = output.outFile.toString();
    }

    SimulationSummary summary;
    try (EventSink s = sink) {
      summary = Simulator.run(w, options, s, TerminalProgress.onStderr(w.days()));
    } catch (KafkaException | UncheckedIOException e) {
      err.println();
      err.println(e.getMessage());
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
    out.print(summary.render());
    String shardNote = options.shardCount() > 1
        ? " (shard " + (options.shardIndex() + 1) + "/" + options.shardCount() + ")" : "";
    out.printf("world %s, seed %d, %d cameras%s: %,d events to %s%n",
        w.name(), w.seed(), w.cameras(), shardNote, summary.totalEvents(), destination);
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  /** Parses {@code K/N}. */
  static final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
    @Override
    public Shard convert(String value) {
      String[] parts = value.split("/", -1);
      try {
        if (parts.length == 2) {
          int k = Integer.parseInt(parts[0].strip());
          int n = Integer.parseInt(parts[1].strip());
          if (n >= 1 && k >= 1 && k <= n) {
            return new Shard(k, n);
          }
        }
      } catch (NumberFormatException e) {
        // fall through to the explanation
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not K/N with 1 <= K <= N, e.g. 1/2");
    }
  }

  /** Runs the command on its own: {@code java -cp ... io.camfleet.simulator.cli.SimulateCommand --world ...}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulateCommand()).execute(args));
  }
}
