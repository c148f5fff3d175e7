package io.camfleet.sharing.cli;

import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.streams.ListenException;
import io.camfleet.streams.StateFolderException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = {
        "Folder of the local state stores, in a subfolder named by the application id (default:"
            + " ${sys:java.io.tmpdir}${sys:file.separator}kafka-streams, Kafka Streams' default).",
        "State built on another Kafka cluster is deleted at start; state built from an earlier world-events is refused."
      })
  Path stateDir;

  @Option(names = "--reset-state",
      description = "Delete this application's state before starting: its local state folder, and on the cluster its"
          + " committed offsets and internal topics (changelogs, repartition topics), so that world-events is processed"
          + " again from the start. Output topics are left as they are. Stop every instance first.")
  boolean resetState;

  @Option(names = "--processing-guarantee", paramLabel = "GUARANTEE", defaultValue = "exactly_once_v2",
      description = "exactly_once_v2 (default) or at_least_once.")
  String processingGuarantee;

  /** Told of the running service once it has started (tests stop it through this). */
  Consumer<SharingService> onStarted = service -> { };

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
              .withProcessingGuarantee(processingGuarantee)
              .withResetState(resetState);
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
      service = SharingService.start(policies, client, options, notice -> err.println("sharing-service: " + notice));
    } catch (ListenException | StateFolderException e) {
      err.println("sharing-service: " + e.getMessage());
      return BAD_CONFIG;
    } catch (TopicAdmin.UnreachableClusterException e) {
      err.println("sharing-service: " + e.getMessage());
      return CANNOT_RUN;
    } catch (RuntimeException e) {
      err.println("sharing-service: cannot start: " + e.getMessage());
      return CANNOT_RUN;
    }
    try (service) {
      Thread stop = new Thread(service::close, "sharing-service-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      out.printf(
          "sharing-service %s running on %s%n  custody API at http://%s:%d/clips/{clipId}/custody%n  metrics at %s%n"
              + "  state in %s%n",
          policies.stream().map(Policy::name).toList(),
          client.describe(),
          service.httpAddress().host(),
          service.httpPort(),
          service.metricsUri(),
          service.stateFolder());
      out.flush();
      onStarted.accept(service);
      service.awaitStop();
      removeShutdownHook(stop);
      if (service.failed()) {
        err.println("sharing-service: the Kafka Streams application stopped after an error (see the log above)");
        return CANNOT_RUN;
      }
    }
    return 0;
  }

  /** The hook is not needed once the service has stopped by itself; in a JVM that is exiting it stays. */
  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // the JVM is shutting down: the hook is what stopped the service
    }
  }
}
