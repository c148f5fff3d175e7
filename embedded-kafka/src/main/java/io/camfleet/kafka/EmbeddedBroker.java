package io.camfleet.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM. It
 * formats its data folder on first start and reuses it afterwards, so a stopped broker can be
 * started again on the same data, in this JVM or another one.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final Path dataDir;
  private final boolean deleteOnClose;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedBroker(Path dataDir, boolean deleteOnClose, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Starts a broker on free ports with its data in a new temporary folder, deleted on close. */
  public static EmbeddedBroker startTemporary() {
    try {
      Path dir = Files.createTempDirectory("camfleet-kafka-");
      return start(dir, true, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a broker with its data in {@code dataDir}, listening on {@code port}, or a free port
   * when it is 0. A folder this class formatted before keeps its controller port: the quorum
   * recorded its single voter with that address.
   */
  public static EmbeddedBroker start(Path dataDir, boolean deleteOnClose, int port) {
    int brokerPort = port == 0 ? freePort() : port;
    int controllerPort = formattedControllerPort(dataDir);
    EmbeddedBroker broker =
        new EmbeddedBroker(
            dataDir, deleteOnClose, brokerPort, controllerPort == 0 ? freePort() : controllerPort);
    broker.startServer();
    return broker;
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker, keeping its data, so that {@link #restart()} can bring it back. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts the broker again on the same ports and data after {@link #stop()}. */
  public synchronized void restart() {
    if (server == null) {
      startServer();
    }
  }

  @Override
  public synchronized void close() {
    stop();
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
  }

  private synchronized void startServer() {
    Properties props = brokerProperties();
    Path logDir = dataDir.resolve("log");
    try {
      Files.createDirectories(logDir);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(props);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare broker data folder " + dataDir, e);
    }
    long started = System.nanoTime();
    server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    awaitTransactionCoordinator();
    log.info(
        "Kafka broker up at {} in {} ms (data in {})",
        bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000,
        dataDir);
  }

  /**
   * Makes the broker's transaction coordinator ready before anyone needs it. The coordinator's
   * topic is created when a transactional client first looks for it; while it is being created,
   * every transactional client of a starting run (the simulator's, and each service thread's) asks
   * again every few milliseconds, and the broker logged a warning for each of those requests: about
   * a hundred in a default run's log. One client made ready here creates the topic alone.
   */
  private void awaitTransactionCoordinator() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "camfleet-embedded-broker-ready");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "camfleet-embedded-broker-ready");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
    }
  }

  private void format(Properties props) throws IOException {
    format(dataDir, props, Uuid.randomUuid().toString(), true);
  }

  /**
   * Formats the log folder of a node configured by {@code props} (written to {@code
   * dir/server.properties}) for cluster {@code clusterId}: {@code standalone}, a quorum of this one
   * controller; else the static quorum its {@code controller.quorum.voters} names.
   */
  static void format(Path dir, Properties props, String clusterId, boolean standalone)
      throws IOException {
    Path config = dir.resolve("server.properties");
    try (var out = Files.newOutputStream(config)) {
      props.store(out, "camfleet embedded broker");
    }
    List<String> args =
        new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
    if (standalone) {
      args.add("--standalone");
    }
    // Transactions v2 on a fresh single node made exactly-once producers stall with
    // OutOfOrderSequence errors when two applications started at once; v1 is stable.
    args.addAll(List.of("--feature", "transaction.version=1"));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int rc;
    try (PrintStream printer = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(args.toArray(String[]::new), printer);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "formatting the broker's storage failed: " + captured.toString(StandardCharsets.UTF_8));
    }
  }

  private Properties brokerProperties() {
    Properties p = nodeProperties(1, port, controllerPort, dataDir.resolve("log"), 1);
    p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    return p;
  }

  /**
   * What every node of a camfleet KRaft cluster shares: a combined broker and controller {@code
   * nodeId} on {@code port} and {@code controllerPort}, no topic created by itself, internal topics
   * and new topics with {@code replicas} replicas (of which all but one, at least one, must
   * acknowledge a write), records kept forever whatever their timestamps.
   */
  static Properties nodeProperties(
      int nodeId, int port, int controllerPort, Path logDir, int replicas) {
    String factor = String.valueOf(replicas);
    String minInSync = String.valueOf(Math.max(1, replicas - 1));
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(nodeId));
    p.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    // Internal topics as replicated as the cluster allows, or transactions (exactly_once_v2) hang.
    p.put("default.replication.factor", factor);
    p.put("min.insync.replicas", minInSync);
    p.put("offsets.topic.replication.factor", factor);
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", factor);
    p.put("transaction.state.log.min.isr", minInSync);
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", factor);
    p.put("share.coordinator.state.topic.min.isr", minInSync);
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.retention.ms", "-1");
    // Record timestamps are simulated event times, which may lie ahead of this machine's clock.
    p.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
    // Every ten minutes a broker forgets each idempotent producer whose newest record is older than
    // producer.id.expiration.ms (at most about 24 days) by that record's timestamp; event times lie
    // years back, so a plain idempotent producer that kept writing past the check had its next
    // batch refused as out of sequence, retried forever. Transactional producers are exempt while a
    // transaction is open; for the others, the periodic check runs once in 24 days instead.
    p.put("producer.id.expiration.check.interval.ms", String.valueOf(Integer.MAX_VALUE));
    return p;
  }

  /** The controller port written when {@code dataDir} was formatted, or 0 for a new folder. */
  private static int formattedControllerPort(Path dataDir) {
    Path config = dataDir.resolve("server.properties");
    if (!Files.exists(dataDir.resolve("log").resolve("meta.properties")) || !Files.exists(config)) {
      return 0;
    }
    Properties formatted = new Properties();
    try (var in = Files.newInputStream(config)) {
      formatted.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the broker settings in " + config, e);
    }
    String quorum = formatted.getProperty("controller.quorum.bootstrap.servers", "");
    try {
      return Integer.parseInt(quorum.substring(quorum.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          config + ": no controller port in controller.quorum.bootstrap.servers=" + quorum, e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("could not delete broker data folder {}: {}", dir, e.toString());
    }
  }
}
