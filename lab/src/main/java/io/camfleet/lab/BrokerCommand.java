package io.camfleet.lab;

import io.camfleet.cli.ExitCode;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.cli.PartitionsOption;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code camfleet broker}: a real single-node Kafka broker in the foreground, for services run as
 * separate processes.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description =
        "Runs a single-node KRaft Kafka broker in the foreground with the catalog's topics created. Ctrl-C stops it.")
public final class BrokerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Listener port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Broker data folder, kept across restarts (default: a temporary folder, deleted on exit).")
  Path dataDir;

  @Mixin PartitionsOption partitions;

  @Override
  public Integer call() throws Exception {
    OptionalInt requested = partitions.requested();
    if (port < 1 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be 1 to 65535, not " + port);
    }
    if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new ParameterException(
          spec.commandLine(), "--data-dir " + dataDir + " is a file, not a folder");
    }
    String busy = portInUse(port);
    if (busy != null) {
      spec.commandLine()
          .getErr()
          .printf(
              "camfleet broker: port %d is in use on localhost (%s): stop what holds it,"
                  + " or choose another --port%n",
              port, busy);
      spec.commandLine().getErr().flush();
      return ExitCode.USAGE.code();
    }
    boolean temporary = dataDir == null;
    Path dir = temporary ? Files.createTempDirectory("camfleet-broker-") : dataDir;
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<EmbeddedBroker> running = new AtomicReference<>();
    // Registered before the broker starts, so that Ctrl-C during start-up also removes the folder.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  EmbeddedBroker started = running.get();
                  if (started != null) {
                    started.close();
                  } else if (temporary) {
                    deleteQuietly(dir);
                  }
                  System.err.printf(
                      "camfleet broker: stopped%s%n",
                      temporary ? "; removed its data folder " + dir : "; data kept in " + dir);
                  stopped.countDown();
                },
                "broker-stop"));
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(dir, temporary, port);
    } catch (RuntimeException e) {
      if (temporary) {
        deleteQuietly(dir);
      }
      throw e;
    }
    running.set(broker);
    Properties client = new Properties();
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    int count;
    try {
      // a kept --data-dir may hold world-events already: its count stands unless asked otherwise
      count = TopicAdmin.createInput(client, Topics.WORLD_EVENTS, requested, 30);
    } catch (TopicAdmin.PartitionCountException e) {
      spec.commandLine().getErr().printf("camfleet broker: %s%n", e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCode.USAGE.code();
    }
    TopicAdmin.createTopics(client, Topics.all(count), 30);
    System.err.printf(
        "Kafka broker listening on %s, data in %s; topics: %s (%s with %d partitions)."
            + " Ctrl-C to stop.%n",
        broker.bootstrapServers(),
        broker.dataDir(),
        Topics.all().stream().map(t -> t.name()).toList(),
        Topics.WORLD_EVENTS.name(),
        count);
    stopped.await();
    return ExitCode.OK.code();
  }

  /** Null when {@code port} can be bound on the loopback address, else why not. */
  private static String portInUse(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.printf("camfleet broker: could not remove %s: %s%n", dir, e.getMessage());
    }
  }
}
