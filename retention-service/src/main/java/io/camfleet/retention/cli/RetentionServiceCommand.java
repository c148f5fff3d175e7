package io.camfleet.retention.cli;

import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camfleet retention-service}: enforce retention policies until stopped. */
@Command(
    name = "retention-service",
    mixinStandardHelpOptions = true,
    description = {
      "Expires every clip at its policy's retention period, in event time, and writes a receipt for each decision.",
      "Several --policy files run side by side in one application over a single read of world-events."
    })
public final class RetentionServiceCommand implements Callable<Integer> {

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

  @Override
  public Integer call() throws Exception {
    List<Policy> policies;
    try {
      policies = Policies.read(policyFiles);
    } catch (ConfigException e) {
      System.err.println("camfleet: " + e.getMessage());
      return 2;
    }
    ClientConfig client = ClientConfig.of(bootstrapServers, kafkaConfig);
    TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
    try (RetentionService service =
        RetentionService.start(
            policies, client, new RetentionService.Options(guarantee, stateDir, RetentionTopics.defaults(), null))) {
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "retention-service-stop"));
      System.err.printf(
          "retention-service %s running against %s: receipts to %s, statistics to %s%n",
          service.applicationId(), client.describe(), Topics.RETENTION_RECEIPTS.name(), Topics.RETENTION_STATS.name());
      service.awaitStop();
    }
    return 0;
  }
}
