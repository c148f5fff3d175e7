package io.camfleet.retention.cli;

import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topics;
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
  static final int BAD_CONFIG = 2;
  static final int CANNOT_RUN = 1;
  private static final String NAME = "retention-service";

  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "Policy file (repeatable).")
  List<Path> policyFiles;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka cluster.")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "Client properties (SASL, SSL...) for every Kafka client.")
  Path kafkaConfig;

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

  /** Told of the running service once it has started (tests stop it through this). */
  Consumer<RetentionService> onStarted = service -> { };

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    List<Policy> policies;
    RetentionService.Options options;
    ClientConfig client;
    try {
      policies = Policies.read(policyFiles);
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be 1 or more, not " + threads);
      }
      options = new RetentionService.Options(guarantee, stateDir, RetentionTopics.defaults(), null)
          .withHttp(httpBind, httpPort)
          .withThreads(threads)
          .withResetState(resetState);
      client = ClientConfig.of(bootstrapServers, kafkaConfig);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(NAME + ": " + e.getMessage());
      return BAD_CONFIG;
    }
    RetentionService started;
    try {
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      started = RetentionService.start(policies, client, options, notice -> err.println(NAME + ": " + notice));
    } catch (ListenException | StateFolderException e) {
      err.println(NAME + ": " + e.getMessage());
      return BAD_CONFIG;
    } catch (TopicAdmin.UnreachableClusterException e) {
      err.println(NAME + ": " + e.getMessage());
      return CANNOT_RUN;
    } catch (RuntimeException e) {
      err.println(NAME + ": cannot start: " + e.getMessage());
      return CANNOT_RUN;
    }
    try (RetentionService service = started) {
      Thread stop = new Thread(service::close, "retention-service-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      err.printf(
          "retention-service %s running against %s: receipts to %s, statistics to %s%n  metrics at %s%n  state in %s%n",
          service.applicationId(), client.describe(), Topics.RETENTION_RECEIPTS.name(), Topics.RETENTION_STATS.name(),
          service.metricsUri().orElseThrow(), service.stateFolder());
      err.flush();
      onStarted.accept(service);
      service.awaitStop();
      removeShutdownHook(stop);
      if (service.failed()) {
        err.println(NAME + ": the Kafka Streams application stopped after an error (see the log above)");
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
