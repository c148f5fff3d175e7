package io.camfleet.sharing.cli;

import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camfleet sharing-service}: runs the copy ledger and custody API until SIGTERM. */
@Command(
    name = "sharing-service",
    mixinStandardHelpOptions = true,
    description = {
      "Records every copy of shared footage, applies the policies to shares and onward copies, expires copies,",
      "writes copy-ledger, copy-receipts and exposure-stats, and answers custody queries over HTTP:",
      "  GET /clips/{clipId}/custody   GET /holders/{holderId}/copies   (optional ?policy=NAME)",
      "and serves its metrics in the Prometheus text format at GET /metrics on the same port."
    })
public final class SharingServiceCommand implements Callable<Integer> {
  static final int BAD_CONFIG = 2;
  static final int CANNOT_RUN = 1;
  private static final int TOPIC_TIMEOUT_SECONDS = 30;

  @Spec CommandSpec spec;

  @Option(names = "--policy", paramLabel = "FILE", required = true,
      description = "Policy file to enforce; repeat for several policies side by side.")
  List<Path> policyFiles;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka cluster.")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties (SASL, SSL...) passed to every client.")
  Path kafkaConfig;

  @Option(names = "--http-port", paramLabel = "N", defaultValue = "0",
      description = "Port of the custody API and /metrics (default: ${DEFAULT-VALUE}, any free port).")
  int httpPort;

  @Option(names = {"--http-bind", "--http-host"}, paramLabel = "ADDR", defaultValue = SharingOptions.DEFAULT_HTTP_BIND,
      description = "Address the custody API and /metrics listen on (default: ${DEFAULT-VALUE}).")
  String httpBind;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Folder for the local state stores.")
  Path stateDir;

  @Option(names = "--processing-guarantee", paramLabel = "GUARANTEE", defaultValue = "exactly_once_v2",
      description = "exactly_once_v2 (default) or at_least_once.")
  String processingGuarantee;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Policy> policies;
    ClientConfig client;
    SharingOptions options;
    try {
      policies = Policies.read(policyFiles);
      client = ClientConfig.of(bootstrapServers, kafkaConfig);
      options =
          SharingOptions.defaults()
              .withHttp(httpBind, httpPort)
              .withStateDir(stateDir)
              .withProcessingGuarantee(processingGuarantee);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("sharing-service: " + e.getMessage());
      return BAD_CONFIG;
    }
    try {
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), TOPIC_TIMEOUT_SECONDS);
    } catch (TopicAdmin.UnreachableClusterException e) {
      err.println("sharing-service: " + e.getMessage());
      return CANNOT_RUN;
    }
    SharingService service;
    try {
      service = SharingService.start(policies, client, options);
    } catch (RuntimeException e) {
      err.println("sharing-service: cannot start: " + e.getMessage());
      return CANNOT_RUN;
    }
    Thread stop = new Thread(service::close, "sharing-service-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    out.printf(
        "sharing-service %s running on %s%n  custody API at http://%s:%d/clips/{clipId}/custody%n  metrics at %s%n",
        policies.stream().map(Policy::name).toList(),
        client.describe(),
        service.httpAddress().host(),
        service.httpPort(),
        service.metricsUri());
    out.flush();
    service.awaitStop();
    if (service.streams().state() == KafkaStreams.State.ERROR) {
      err.println("sharing-service: stopped after an error (see the log)");
      return CANNOT_RUN;
    }
    return 0;
  }
}
