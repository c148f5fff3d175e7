package io.camfleet.dashboard;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camfleet dashboard}: a web page following the statistics topics live. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a web page that follows the statistics topics live.",
      "Per policy it draws footage alive vs expired, copies by holder type, and requests,"
          + " notifications and answers from retention-stats and exposure-stats. Binds 127.0.0.1"
          + " unless --bind says otherwise."
    })
public final class DashboardCommand implements Callable<Integer> {

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka cluster.")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description = "Client properties (SASL, SSL...) for the Kafka consumer.")
  Path kafkaConfig;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "N",
      description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
    }
    ClientConfig client = ClientConfig.of(bootstrapServers, kafkaConfig);
    CountDownLatch stopped = new CountDownLatch(1);
    try (DashboardServer server =
        DashboardServer.start(
            client, List.of(Topics.RETENTION_STATS, Topics.EXPOSURE_STATS), bind, port)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  },
                  "dashboard-stop"));
      System.err.printf(
          "Dashboard on %s following %s and %s on %s%n",
          server.url(),
          Topics.RETENTION_STATS.name(),
          Topics.EXPOSURE_STATS.name(),
          client.describe());
      stopped.await();
    }
    return 0;
  }
}
