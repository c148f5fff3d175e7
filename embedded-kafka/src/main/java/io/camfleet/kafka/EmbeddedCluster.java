package io.camfleet.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of several KRaft nodes in this JVM, each a broker and one of the controller
 * quorum's voters, with every internal topic replicated on up to three of them and all replicas but
 * one (at least one) needed to acknowledge a write: with three nodes, any one may be stopped and
 * the cluster goes on. Its data lives in a temporary folder, deleted on close.
 */
public final class EmbeddedCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);

  private final Path dataDir;
  private final int[] ports;
  private final int[] controllerPorts;
  private final KafkaRaftServer[] servers;
  private final String clusterId = Uuid.randomUuid().toString();

  private EmbeddedCluster(Path dataDir, int nodes) {
    this.dataDir = dataDir;
    this.ports = IntStream.range(0, nodes).map(i -> EmbeddedBroker.freePort()).toArray();
    this.controllerPorts = IntStream.range(0, nodes).map(i -> EmbeddedBroker.freePort()).toArray();
    this.servers = new KafkaRaftServer[nodes];
  }

  /** Starts {@code nodes} nodes on free ports, their data in a new temporary folder. */
  public static EmbeddedCluster startTemporary(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("a cluster has at least one node, not " + nodes);
    }
    EmbeddedCluster cluster;
    try {
      cluster = new EmbeddedCluster(Files.createTempDirectory("camfleet-cluster-"), nodes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      // A static quorum elects a leader only once a majority of voters runs: start them together.
      List<Thread> starting = new ArrayList<>();
      List<RuntimeException> failures = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        int node = i;
        Thread t =
            new Thread(
                () -> {
                  try {
                    cluster.start(node);
                  } catch (RuntimeException e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                },
                "embedded-cluster-start-" + node);
        t.start();
        starting.add(t);
      }
      for (Thread t : starting) {
        t.join();
      }
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cluster.close();
      throw new IllegalStateException("interrupted while starting the cluster", e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    log.info("Kafka cluster of {} nodes up at {}", nodes, cluster.bootstrapServers());
    return cluster;
  }

  /** Every node's address, comma-separated. */
  public String bootstrapServers() {
    return IntStream.of(ports).mapToObj(p -> "localhost:" + p).collect(Collectors.joining(","));
  }

  /** The number of nodes, running or not. */
  public int size() {
    return servers.length;
  }

  /** The node id of node {@code index} (0-based): {@code index + 1}. */
  public int nodeId(int index) {
    return index + 1;
  }

  /** Whether node {@code index} is running. */
  public synchronized boolean running(int index) {
    return servers[index] != null;
  }

  /** Stops node {@code index}, keeping its data; the others go on. */
  public void stop(int index) {
    KafkaRaftServer server;
    synchronized (this) {
      server = servers[index];
      servers[index] = null;
    }
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      log.info("Kafka node {} stopped", nodeId(index));
    }
  }

  /** Starts node {@code index} again on its ports and data after {@link #stop}. */
  public void restart(int index) {
    if (!running(index)) {
      start(index);
    }
  }

  /**
   * Stops every node at once and deletes the data. One by one, the last brokers would wait minutes
   * for a controlled shutdown that a quorum without a majority cannot grant; together, each node's
   * broker leaves while the controllers still answer.
   */
  @Override
  public void close() {
    List<Thread> stopping = new ArrayList<>();
    for (int i = 0; i < servers.length; i++) {
      int node = i;
      Thread t = new Thread(() -> stop(node), "embedded-cluster-stop-" + nodeId(node));
      t.start();
      stopping.add(t);
    }
    boolean interrupted = false;
    for (Thread t : stopping) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    EmbeddedBroker.deleteRecursively(dataDir);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void start(int index) {
    Path nodeDir = dataDir.resolve("node-" + nodeId(index));
    Path logDir = nodeDir.resolve("log");
    Properties props =
        EmbeddedBroker.nodeProperties(
            nodeId(index), ports[index], controllerPorts[index], logDir, Math.min(3, size()));
    props.put(
        "controller.quorum.voters",
        IntStream.range(0, size())
            .mapToObj(i -> nodeId(i) + "@localhost:" + controllerPorts[i])
            .collect(Collectors.joining(",")));
    try {
      Files.createDirectories(logDir);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        EmbeddedBroker.format(nodeDir, props, clusterId, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the data folder of node " + nodeId(index), e);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    synchronized (this) {
      servers[index] = server;
    }
  }
}
