package io.camfleet.lab;

import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topics;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camfleet broker}: a real single-node Kafka broker in the foreground, for services run as separate processes. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "Runs a single-node KRaft Kafka broker in the foreground with the catalog's topics created. Ctrl-C stops it.")
public final class BrokerCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "9092", description = "Listener port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Broker data folder, kept across restarts (default: a temporary folder, deleted on exit).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    EmbeddedBroker broker =
        dataDir == null ? EmbeddedBroker.start(java.nio.file.Files.createTempDirectory("camfleet-broker-"), true, port)
            : EmbeddedBroker.start(dataDir, false, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-stop"));
    Properties client = new Properties();
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    TopicAdmin.createTopics(client, Topics.all(), 30);
    System.err.printf("Kafka broker listening on %s, data in %s; topics: %s. Ctrl-C to stop.%n",
        broker.bootstrapServers(), broker.dataDir(), Topics.all().stream().map(t -> t.name()).toList());
    stopped.await();
    return 0;
  }
}
