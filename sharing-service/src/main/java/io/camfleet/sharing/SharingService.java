package io.camfleet.sharing;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.HolderType;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.custody.ClusterCopySource;
import io.camfleet.sharing.custody.CustodyHttpServer;
import io.camfleet.sharing.topology.CopyCounter;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.sharing.topology.SharingTopology;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.ListenException;
import io.camfleet.streams.RunningService;
import io.camfleet.streams.ServiceRunner;
import io.camfleet.streams.ServiceTopics;
import io.camfleet.streams.StateFolderException;
import io.camfleet.streams.StreamsSettings;
import io.camfleet.streams.metrics.MetricsHttpHandler;
import io.camfleet.streams.metrics.PolicyCounters;
import io.camfleet.streams.metrics.ServiceMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One running instance of the sharing service: the copy ledger for its policies in Kafka Streams,
 * and the custody API over HTTP, advertised as {@code application.server} so that instances can ask
 * each other, with the service's metrics at {@code /metrics} on the same port.
 */
public final class SharingService implements RunningService {
  // Long enough for a restart after a crash, which waits for the dead member's session to expire.
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final ServiceRunner runner;
  private final String applicationId;
  private final CustodyHttpServer http;
  private final HostInfo address;
  private final KafkaSchemaSource schemas;
  private final ServiceMetrics metrics;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SharingService(
      ServiceRunner runner,
      String applicationId,
      CustodyHttpServer http,
      HostInfo address,
      KafkaSchemaSource schemas,
      ServiceMetrics metrics) {
    this.runner = runner;
    this.applicationId = applicationId;
    this.http = http;
    this.address = address;
    this.schemas = schemas;
    this.metrics = metrics;
  }

  /**
   * Starts the service for {@code policies} and waits until it is running; what was deleted from
   * its state folder, and why, is logged.
   */
  public static SharingService start(
      List<Policy> policies, ClientConfig client, SharingOptions options) {
    return start(policies, client, options, null);
  }

  /**
   * Starts the service for {@code policies} and waits until it is running. Its own topics that do
   * not exist yet are created first, and world-events too if nothing has created it yet; the
   * topology is built for the partitions world-events has on the cluster.
   *
   * @param notices told, in one line each, what was deleted from the state folder and why (null:
   *     logged)
   * @throws StateFolderException if the state folder must not be used as it is
   * @throws ListenException if the custody API cannot listen on the given address
   * @throws TopicAdmin.UnreachableClusterException if no broker answers
   */
  public static SharingService start(
      List<Policy> policies,
      ClientConfig client,
      SharingOptions options,
      Consumer<String> notices) {
    List<PolicyRules> rules = policies.stream().map(Policy::rules).toList();
    List<String> names = rules.stream().map(PolicyRules::policyName).toList();
    SharingTopics topics = options.topics();
    HttpEndpoint endpoint = options.http().orElseThrow();
    CustodyHttpServer http;
    try {
      http = CustodyHttpServer.bind(endpoint.bind(), endpoint.port());
    } catch (IOException e) {
      throw ListenException.of(endpoint.bind(), endpoint.port(), e);
    }
    ServiceMetrics metrics = new ServiceMetrics(SharingTopology.SERVICE);
    KafkaSchemaSource schemas = null;
    ServiceRunner runner = null;
    try {
      HostInfo address = new HostInfo(advertisedHost(endpoint.bind()), http.port());
      StreamsSettings settings =
          StreamsSettings.defaults(options.applicationId(), client)
              .withProcessing(options.processing())
              .withDeadLetterTopic(topics.deadLetters().name())
              .withApplicationServer(address.host() + ":" + address.port());
      int inputPartitions = ServiceTopics.prepare(client, topics.worldEvents(), topics.own());
      // Records of a newer schema version decode through the schemas topic; outputs register
      // theirs.
      schemas = KafkaSchemaSource.of(client);
      runner =
          new ServiceRunner(
              SharingTopology.build(
                  topics.withSchemas(schemas),
                  rules,
                  options.runs(),
                  inputPartitions,
                  copyCounter(metrics, names)),
              settings,
              metrics,
              options.processing().resetState(),
              notices,
              SharingTopology.repartitionTopics(inputPartitions));
      http.start(
          new ClusterCopySource(runner.streams(), address, names),
          names,
          new MetricsHttpHandler(metrics));
      runner.start(START_TIMEOUT);
      return new SharingService(runner, options.applicationId(), http, address, schemas, metrics);
    } catch (RuntimeException e) {
      http.close();
      if (runner != null) {
        runner.close();
      }
      if (schemas != null) {
        schemas.close();
      }
      metrics.close();
      throw e;
    }
  }

  /** Counts copies by holder type and copy receipts by kind, per policy. */
  private static CopyCounter copyCounter(ServiceMetrics metrics, List<String> policies) {
    PolicyCounters<HolderType> copies =
        PolicyCounters.register(
            metrics.registry(),
            "camfleet.sharing.copies",
            "Copies made, by policy and holder type (per process; not exactly-once)",
            "holder_type",
            HolderType.class,
            policies);
    PolicyCounters<CopyReceiptKind> receipts =
        PolicyCounters.register(
            metrics.registry(),
            "camfleet.sharing.copy.receipts",
            "Copy receipts written, by policy and kind (per process; not exactly-once)",
            "kind",
            CopyReceiptKind.class,
            policies);
    return new CopyCounter() {
      @Override
      public void made(CopyLedgerEntry copy) {
        copies.increment(copy.getPolicy(), copy.getHolderType());
      }

      @Override
      public void receipt(CopyReceipt receipt) {
        receipts.increment(receipt.getPolicy(), receipt.getKind());
      }
    };
  }

  /**
   * The host other instances and clients reach this one at: the bind address, or this host's name
   * for a wildcard.
   */
  private static String advertisedHost(String bind) {
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--http-bind: unknown host " + bind, e);
    }
    if (!address.isAnyLocalAddress()) {
      return bind;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "this host has no name to give the other instances; bind --http-bind to one address", e);
    }
  }

  @Override
  public String applicationId() {
    return applicationId;
  }

  /** The port the custody API listens on. */
  public int httpPort() {
    return http.port();
  }

  /** Where the metrics are served: the custody API's address, path {@code /metrics}. */
  public URI metricsUri() {
    return URI.create("http://" + address.host() + ":" + address.port() + MetricsHttpHandler.PATH);
  }

  /** Where the custody API is advertised to clients and the other instances. */
  public HostInfo httpAddress() {
    return address;
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

  @Override
  public void awaitStop() throws InterruptedException {
    runner.awaitStop();
  }

  /** Stops serving queries and closes the Streams application; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.close();
      runner.close();
      schemas.close();
      metrics.close();
    }
  }
}
