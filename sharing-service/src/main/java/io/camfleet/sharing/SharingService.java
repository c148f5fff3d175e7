package io.camfleet.sharing;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.sharing.cli.SharingServiceCommand;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.custody.ClusterCopySource;
import io.camfleet.sharing.custody.CustodyHttpServer;
import io.camfleet.sharing.topology.SharingTopology;
import io.camfleet.streams.ApplicationIds;
import io.camfleet.streams.ServiceRunner;
import io.camfleet.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine;

/**
 * One running instance of the sharing service: the copy ledger for its policies in Kafka Streams,
 * and the custody API over HTTP, advertised as {@code application.server} so that instances can
 * ask each other.
 */
public final class SharingService implements AutoCloseable {
  // Long enough for a restart after a crash, which waits for the dead member's session to expire.
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final ServiceRunner runner;
  private final CustodyHttpServer http;
  private final HostInfo address;
  private final KafkaSchemaSource schemas;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SharingService(ServiceRunner runner, CustodyHttpServer http, HostInfo address, KafkaSchemaSource schemas) {
    this.runner = runner;
    this.http = http;
    this.address = address;
    this.schemas = schemas;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SharingServiceCommand()).execute(args));
  }

  /** Starts the service for {@code policies} and waits until it is running. */
  public static SharingService start(List<Policy> policies, ClientConfig client, SharingOptions options) {
    List<PolicyRules> rules = policies.stream().map(Policy::rules).toList();
    List<String> names = rules.stream().map(PolicyRules::policyName).toList();
    String applicationId =
        options.applicationId() != null ? options.applicationId() : ApplicationIds.of(SharingTopology.SERVICE, names);
    CustodyHttpServer http;
    try {
      http = CustodyHttpServer.bind(options.httpBind(), options.httpPort());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + options.httpBind() + ":" + options.httpPort() + ": " + e.getMessage(), e);
    }
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
          SharingTopology.build(options.topics().withSchemas(schemas), rules, inputPartitions), settings);
      http.start(new ClusterCopySource(runner.streams(), address, names), names);
      runner.start(START_TIMEOUT);
      return new SharingService(runner, http, address, schemas);
    } catch (RuntimeException e) {
      http.close();
      if (runner != null) {
        runner.close();
      }
      schemas.close();
      throw e;
    }
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

  /** Where the custody API is advertised to clients and the other instances. */
  public HostInfo httpAddress() {
    return address;
  }

  public KafkaStreams streams() {
    return runner.streams();
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
    }
  }
}
