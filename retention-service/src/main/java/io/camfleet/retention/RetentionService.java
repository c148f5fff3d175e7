package io.camfleet.retention;

import io.camfleet.avro.ReceiptKind;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.retention.topology.ReceiptCounter;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.retention.topology.RetentionTopology;
import io.camfleet.streams.ApplicationIds;
import io.camfleet.streams.ListenException;
import io.camfleet.streams.ServiceRunner;
import io.camfleet.streams.StateFolder;
import io.camfleet.streams.StateFolderException;
import io.camfleet.streams.StreamsSettings;
import io.camfleet.streams.metrics.MetricsHttpServer;
import io.camfleet.streams.metrics.PolicyCounters;
import io.camfleet.streams.metrics.ServiceMetrics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * The retention service as a running Kafka Streams application enforcing one or more policies,
 * with its metrics served over HTTP when asked for.
 */
public final class RetentionService implements AutoCloseable {
  /** Where {@code /metrics} listens unless told otherwise: 8080 is the dashboard's, 8081 the custody API's. */
  public static final int DEFAULT_HTTP_PORT = 8082;
  public static final String DEFAULT_HTTP_BIND = "127.0.0.1";

  private final ServiceRunner runner;
  private final String applicationId;
  private final KafkaSchemaSource schemas;
  private final ServiceMetrics metrics;
  private final MetricsHttpServer http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RetentionService(
      ServiceRunner runner, String applicationId, KafkaSchemaSource schemas, ServiceMetrics metrics, MetricsHttpServer http) {
    this.runner = runner;
    this.applicationId = applicationId;
    this.schemas = schemas;
    this.metrics = metrics;
    this.http = http;
  }

  /**
   * Options beyond the policies and the cluster. {@code processingGuarantee} null is exactly-once
   * v2. {@code stateDir} null is Kafka Streams' default. {@code httpPort} null serves no metrics (and
   * keeps none); {@code 0} serves them on any free port. {@code threads} is the number of stream
   * threads (0: one); more than the partitions of {@code world-events} leaves some idle.
   * {@code resetState} deletes the application's state, here and on the cluster, before it starts
   * ({@link StateFolder}).
   */
  public record Options(
      String processingGuarantee,
      Path stateDir,
      RetentionTopics topics,
      String applicationId,
      String deadLetterTopic,
      String httpBind,
      Integer httpPort,
      int threads,
      boolean resetState) {
    public Options {
      processingGuarantee = StreamsSettings.processingGuarantee(processingGuarantee);
      httpBind = httpBind == null ? DEFAULT_HTTP_BIND : httpBind.strip();
      if (httpBind.isEmpty()) {
        throw new IllegalArgumentException("--http-bind must name an address");
      }
      if (httpPort != null && (httpPort < 0 || httpPort > 65_535)) {
        throw new IllegalArgumentException("--http-port must be 0 (any free port) to 65535, not " + httpPort);
      }
      if (threads < 0) {
        throw new IllegalArgumentException("--threads must be 1 or more, not " + threads);
      }
    }

    public Options(String processingGuarantee, Path stateDir, RetentionTopics topics, String applicationId) {
      this(processingGuarantee, stateDir, topics, applicationId, null);
    }

    public Options(
        String processingGuarantee, Path stateDir, RetentionTopics topics, String applicationId, String deadLetterTopic) {
      this(processingGuarantee, stateDir, topics, applicationId, deadLetterTopic, null, null, 0, false);
    }

    public static Options defaults() {
      return new Options(null, null, RetentionTopics.defaults(), null);
    }

    /** The same options with state stores in {@code dir}. */
    public Options withStateDir(Path dir) {
      return new Options(processingGuarantee, dir, topics, applicationId, deadLetterTopic, httpBind, httpPort, threads, resetState);
    }

    /** The same options sending unreadable records to {@code topic}. */
    public Options withDeadLetterTopic(String topic) {
      return new Options(processingGuarantee, stateDir, topics, applicationId, topic, httpBind, httpPort, threads, resetState);
    }

    /** The same options serving {@code /metrics} on {@code bind:port} ({@code 0}: any free port). */
    public Options withHttp(String bind, int port) {
      return new Options(processingGuarantee, stateDir, topics, applicationId, deadLetterTopic, bind, port, threads, resetState);
    }

    /** The same options with {@code count} stream threads. */
    public Options withThreads(int count) {
      return new Options(processingGuarantee, stateDir, topics, applicationId, deadLetterTopic, httpBind, httpPort, count, resetState);
    }

    /** The same options, deleting the application's state before it starts if {@code reset}. */
    public Options withResetState(boolean reset) {
      return new Options(processingGuarantee, stateDir, topics, applicationId, deadLetterTopic, httpBind, httpPort, threads, reset);
    }
  }

  /**
   * Starts the service and returns once its stream threads are running; what was deleted from its
   * state folder, and why, is logged.
   */
  public static RetentionService start(List<Policy> policies, ClientConfig client, Options options) {
    return start(policies, client, options, null);
  }

  /**
   * Starts the service and returns once its stream threads are running.
   *
   * @param notices told, in one line each, what was deleted from the state folder and why (null: logged)
   * @throws StateFolderException if the state folder must not be used as it is
   * @throws ListenException if the metrics cannot be served on the given address
   */
  public static RetentionService start(
      List<Policy> policies, ClientConfig client, Options options, Consumer<String> notices) {
    List<PolicyRules> rules = policies.stream().map(Policy::rules).toList();
    List<String> names = rules.stream().map(PolicyRules::policyName).toList();
    String appId =
        options.applicationId() != null ? options.applicationId() : ApplicationIds.of(RetentionTopology.SERVICE, names);
    // Records of a newer schema version decode through the schemas topic; receipts register theirs.
    KafkaSchemaSource schemas = KafkaSchemaSource.of(client);
    RetentionTopics topics = options.topics().withSchemas(schemas);
    StreamsSettings settings =
        StreamsSettings.defaults(appId, client)
            .withGuarantee(options.processingGuarantee())
            .withStateDir(options.stateDir())
            .withDeadLetterTopic(options.deadLetterTopic())
            .withThreads(options.threads());
    ServiceMetrics metrics = options.httpPort() == null ? null : new ServiceMetrics(RetentionTopology.SERVICE);
    MetricsHttpServer http = null;
    ServiceRunner runner = null;
    try {
      ReceiptCounter receipts = ReceiptCounter.NONE;
      if (metrics != null) {
        http = MetricsHttpServer.start(options.httpBind(), options.httpPort(), metrics);
        PolicyCounters<ReceiptKind> counters =
            PolicyCounters.register(metrics.registry(), "camfleet.retention.receipts",
                "Retention receipts written, by policy and kind (per process; not exactly-once)", "kind",
                ReceiptKind.class, names);
        receipts = receipt -> counters.increment(receipt.getPolicy(), receipt.getKind());
      }
      Topology topology = RetentionTopology.build(topics, rules, topics.worldEvents().partitions(), receipts);
      runner = new ServiceRunner(topology, settings, metrics, options.resetState(), notices);
      // A restart after a crash waits for the dead member's session to expire (45 s by default)
      // before the group rebalances: give that time rather than give up.
      runner.start(Duration.ofMinutes(3));
      return new RetentionService(runner, appId, schemas, metrics, http);
    } catch (RuntimeException e) {
      close(http, runner, metrics, schemas);
      throw e;
    }
  }

  public String applicationId() {
    return applicationId;
  }

  public KafkaStreams streams() {
    return runner.streams();
  }

  /** This application's state folder. */
  public Path stateFolder() {
    return runner.stateFolder();
  }

  /** Whether the Streams application stopped because of an error. */
  public boolean failed() {
    return runner.failed();
  }

  /** Where the metrics are served, if they are. */
  public Optional<URI> metricsUri() {
    return Optional.ofNullable(http).map(MetricsHttpServer::uri);
  }

  public void awaitStop() throws InterruptedException {
    runner.awaitStop();
  }

  /** Stops serving metrics and closes the Streams application; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      close(http, runner, metrics, schemas);
    }
  }

  private static void close(
      MetricsHttpServer http, ServiceRunner runner, ServiceMetrics metrics, KafkaSchemaSource schemas) {
    if (http != null) {
      http.close();
    }
    if (runner != null) {
      runner.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    schemas.close();
  }
}
