package io.camfleet.retention.cli;

import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topics;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camfleet retention-service}: enforce retention policies until stopped. */
@Command(
    name = "retention-service",
    mixinStandardHelpOptions = true,
    description = {
      "Expires every clip at its policy's retention period, in event time, and writes a receipt for each decision.",
      "Several --policy files run side by side in one application over a single read of world-events.",
      "Serves its metrics in the Prometheus text format at GET /metrics."
    })
public final class RetentionServiceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "Policy file (repeatable).")
  List<Path> policyFiles;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka cluster.")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "Client properties (SASL, SSL...) for every Kafka client.")
  Path kafkaConfig;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the state stores live (default: the system's temp folder).")
  Path stateDir;

  @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2", paramLabel = "G",
      description = "exactly_once_v2 (default) or at_least_once.")
  String guarantee;

  @Option(names = "--http-port", paramLabel = "N", defaultValue = "" + RetentionService.DEFAULT_HTTP_PORT,
      description = "Port of GET /metrics (default: ${DEFAULT-VALUE}; 0: any free port, printed on start).")
  int httpPort;

  @Option(names = {"--http-bind", "--http-host"}, paramLabel = "ADDR", defaultValue = RetentionService.DEFAULT_HTTP_BIND,
      description = "Address /metrics listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String httpBind;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Stream threads (default ${DEFAULT-VALUE}); up to one per partition of world-events is useful.")
  int threads;

  @Override
  public Integer call() throws Exception {
    List<Policy> policies;
    RetentionService.Options options;
    try {
      policies = Policies.read(policyFiles);
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be 1 or more, not " + threads);
      }
      options = new RetentionService.Options(guarantee, stateDir, RetentionTopics.defaults(), null)
          .withHttp(httpBind, httpPort)
          .withThreads(threads);
    } catch (ConfigException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("camfleet: " + e.getMessage());
      return 2;
    }
    ClientConfig client = ClientConfig.of(bootstrapServers, kafkaConfig);
    TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
    RetentionService started;
    try {
      started = RetentionService.start(policies, client, options);
    } catch (UncheckedIOException e) {
      System.err.println("camfleet: retention-service: " + e.getMessage()
          + " (another --http-port, or 0 for any free port)");
      return 1;
    }
    try (RetentionService service = started) {
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "retention-service-stop"));
      System.err.printf(
          "retention-service %s running against %s: receipts to %s, statistics to %s%n  metrics at %s%n",
          service.applicationId(), client.describe(), Topics.RETENTION_RECEIPTS.name(), Topics.RETENTION_STATS.name(),
          service.metricsUri().orElseThrow());
      service.awaitStop();
    }
    return 0;
  }
}
