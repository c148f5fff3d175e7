package io.camfleet.retention;

import io.camfleet.avro.ReceiptKind;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.ReceiptCounter;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.retention.topology.RetentionTopology;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.ListenException;
import io.camfleet.streams.RunningService;
import io.camfleet.streams.ServiceRunner;
import io.camfleet.streams.ServiceTopics;
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
 * The retention service as a running Kafka Streams application enforcing one or more policies, with
 * its metrics served over HTTP when asked for.
 */
public final class RetentionService implements RunningService {
  private final ServiceRunner runner;
  private final String applicationId;
  private final KafkaSchemaSource schemas;
  private final ServiceMetrics metrics;
  private final MetricsHttpServer http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RetentionService(
      ServiceRunner runner,
      String applicationId,
      KafkaSchemaSource schemas,
      ServiceMetrics metrics,
      MetricsHttpServer http) {
    this.runner = runner;
    this.applicationId = applicationId;
    this.schemas = schemas;
    this.metrics = metrics;
    this.http = http;
  }

  /**
   * Starts the service and returns once its stream threads are running; what was deleted from its
   * state folder, and why, is logged.
   */
  public static RetentionService start(
      List<Policy> policies, ClientConfig client, RetentionOptions options) {
    return start(policies, client, options, null);
  }

  /**
   * Starts the service and returns once its stream threads are running. Its own topics that do not
   * exist yet are created first, and world-events too if nothing has created it yet; the topology
   * is built for the partitions world-events has on the cluster.
   *
   * @param notices told, in one line each, what was deleted from the state folder and why (null:
   *     logged)
   * @throws StateFolderException if the state folder must not be used as it is
   * @throws ListenException if the metrics cannot be served on the given address
   * @throws TopicAdmin.UnreachableClusterException if no broker answers
   */
  public static RetentionService start(
      List<Policy> policies,
      ClientConfig client,
      RetentionOptions options,
      Consumer<String> notices) {
    List<PolicyRules> rules = policies.stream().map(Policy::rules).toList();
    List<String> names = rules.stream().map(PolicyRules::policyName).toList();
    RetentionTopics topics = options.topics();
    StreamsSettings settings =
        StreamsSettings.defaults(options.applicationId(), client)
            .withProcessing(options.processing())
            .withDeadLetterTopic(topics.deadLetters().name());
    ServiceMetrics metrics =
        options.http().isPresent() ? new ServiceMetrics(RetentionTopology.SERVICE) : null;
    MetricsHttpServer http = null;
    KafkaSchemaSource schemas = null;
    ServiceRunner runner = null;
    try {
      ReceiptCounter receipts = ReceiptCounter.NONE;
      if (metrics != null) {
        HttpEndpoint endpoint = options.http().orElseThrow();
        http = MetricsHttpServer.start(endpoint.bind(), endpoint.port(), metrics);
        PolicyCounters<ReceiptKind> counters =
            PolicyCounters.register(
                metrics.registry(),
                "camfleet.retention.receipts",
                "Retention receipts written, by policy and kind (per process; not exactly-once)",
                "kind",
                ReceiptKind.class,
                names);
        receipts = receipt -> counters.increment(receipt.getPolicy(), receipt.getKind());
      }
      int inputPartitions = ServiceTopics.prepare(client, topics.worldEvents(), topics.own());
      // Records of a newer schema version decode through the schemas topic; receipts register
      // theirs.
      schemas = KafkaSchemaSource.of(client);
      Topology topology =
          RetentionTopology.build(
              topics.withSchemas(schemas), rules, options.runs(), inputPartitions, receipts);
      runner =
          new ServiceRunner(
              topology,
              settings,
              metrics,
              options.processing().resetState(),
              notices,
              RetentionTopology.repartitionTopics());
      // A restart after a crash waits for the dead member's session to expire (45 s by default)
      // before the group rebalances: give that time rather than give up.
      runner.start(Duration.ofMinutes(3));
      return new RetentionService(runner, options.applicationId(), schemas, metrics, http);
    } catch (RuntimeException e) {
      close(http, runner, metrics, schemas);
      throw e;
    }
  }

  @Override
  public String applicationId() {
    return applicationId;
  }

  @Override
  public KafkaStreams streams() {
    return runner.streams();
  }

  @Override
  public Path stateFolder() {
    return runner.stateFolder();
  }

  @Override
  public boolean failed() {
    return runner.failed();
  }

  /** Where the metrics are served, if they are. */
  public Optional<URI> metricsUri() {
    return Optional.ofNullable(http).map(MetricsHttpServer::uri);
  }

  @Override
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
      MetricsHttpServer http,
      ServiceRunner runner,
      ServiceMetrics metrics,
      KafkaSchemaSource schemas) {
    if (http != null) {
      http.close();
    }
    if (runner != null) {
      runner.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (schemas != null) {
      schemas.close();
    }
  }
}
