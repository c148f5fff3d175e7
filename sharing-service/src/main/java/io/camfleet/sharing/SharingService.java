package io.camfleet.sharing;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.HolderType;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.sharing.cli.SharingServiceCommand;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.custody.ClusterCopySource;
import io.camfleet.sharing.custody.CustodyHttpServer;
import io.camfleet.sharing.topology.CopyCounter;
import io.camfleet.sharing.topology.SharingTopology;
import io.camfleet.streams.ApplicationIds;
import io.camfleet.streams.ListenException;
import io.camfleet.streams.ServiceRunner;
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
import picocli.CommandLine;

/**
 * One running instance of the sharing service: the copy ledger for its policies in Kafka Streams,
 * and the custody API over HTTP, advertised as {@code application.server} so that instances can
 * ask each other, with the service's metrics at {@code /metrics} on the same port.
 */
public final class SharingService implements AutoCloseable {
  // Long enough for a restart after a crash, which waits for the dead member's session to expire.
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final ServiceRunner runner;
  private final CustodyHttpServer http;
  private final HostInfo address;
  private final KafkaSchemaSource schemas;
  private final ServiceMetrics metrics;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SharingService(
      ServiceRunner runner, CustodyHttpServer http, HostInfo address, KafkaSchemaSource schemas, ServiceMetrics metrics) {
    this.runner = runner;
    this.http = http;
    this.address = address;
    this.schemas = schemas;
    this.metrics = metrics;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SharingServiceCommand()).execute(args));
  }

  /**
   * Starts the service for {@code policies} and waits until it is running; what was deleted from its
   * state folder, and why, is logged.
   */
  public static SharingService start(List<Policy> policies, ClientConfig client, SharingOptions options) {
    return start(policies, client, options, null);
  }

  /**
   * Starts the service for {@code policies} and waits until it is running.
   *
   * @param notices told, in one line each, what was deleted from the state folder and why (null: logged)
   * @throws StateFolderException if the state folder must not be used as it is
   * @throws ListenException if the custody API cannot listen on the given address
   */
  public static SharingService start(
      List<Policy> policies, ClientConfig client, SharingOptions options, Consumer<String> notices) {
    List<PolicyRules> rules = policies.stream().map(Policy::rules).toList();
    List<String> names = rules.stream().map(PolicyRules::policyName).toList();
    String applicationId =
        options.applicationId() != null ? options.applicationId() : ApplicationIds.of(SharingTopology.SERVICE, names);
    CustodyHttpServer http;
    try {
      http = CustodyHttpServer.bind(options.httpBind(), options.httpPort());
    } catch (IOException e) {
      throw ListenException.of(options.httpBind(), options.httpPort(), e);
    }
    ServiceMetrics metrics = new ServiceMetrics(SharingTopology.SERVICE);
    ServiceRunner runner = null;
    // Records of a newer schema version decode through the schemas topic; outputs register theirs.
    KafkaSchemaSource schemas = KafkaSchemaSource.of(client);
    try {
      HostInfo address = new HostInfo(advertisedHost(options.httpBind()), http.port());
      StreamsSettings settings =
          StreamsSettings.defaults(applicationId, client)
              .withGuarantee(options.processingGuarantee())
              .withDeadLetterTopic(options.topics().deadLetters().name())
              .withApplicationServer(address.host() + ":" + address.port());
      if (options.stateDir() != null) {
        settings = settings.withStateDir(options.stateDir());
      }
      int inputPartitions = options.topics().worldEvents().partitions();
      runner = new ServiceRunner(
          SharingTopology.build(options.topics().withSchemas(schemas), rules, inputPartitions, copyCounter(metrics, names)),
          settings, metrics, options.resetState(), notices);
      http.start(new ClusterCopySource(runner.streams(), address, names), names, new MetricsHttpHandler(metrics));
      runner.start(START_TIMEOUT);
      return new SharingService(runner, http, address, schemas, metrics);
    } catch (RuntimeException e) {
      http.close();
      if (runner != null) {
        runner.close();
      }
      schemas.close();
      metrics.close();
      throw e;
    }
  }

  /** Counts copies by holder type and copy receipts by kind, per policy. */
  private static CopyCounter copyCounter(ServiceMetrics metrics, List<String> policies) {
    PolicyCounters<HolderType> copies =
        PolicyCounters.register(metrics.registry(), "camfleet.sharing.copies",
            "Copies made, by policy and holder type (per process; not exactly-once)", "holder_type",
            HolderType.class, policies);
    PolicyCounters<CopyReceiptKind> receipts =
        PolicyCounters.register(metrics.registry(), "camfleet.sharing.copy.receipts",
            "Copy receipts written, by policy and kind (per process; not exactly-once)", "kind",
            CopyReceiptKind.class, policies);
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

  /** The host other instances and clients reach this one at: the bind address, or this host's name for a wildcard. */
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

  /** Blocks until the Streams application stops. */
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
