package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.schemas.TopicPrefix;
import java.io.PrintStream;
import java.util.UUID;

/**
 * The Kafka cluster of one run: a real broker in this process, deleted when the run ends, or a
 * cluster the user named, on which the run keeps to topics and application ids of its own.
 */
final class Cluster implements AutoCloseable {
  private final EmbeddedBroker broker;
  private final ClientConfig client;
  private final TopicPrefix prefix;

  private Cluster(EmbeddedBroker broker, ClientConfig client, TopicPrefix prefix) {
    this.broker = broker;
    this.client = client;
    this.prefix = prefix;
  }

  /** An embedded broker when {@code plan} names no cluster, else the named one. */
  static Cluster open(RunPlan plan, PrintStream err) {
    if (plan.bootstrapServers().isEmpty()) {
      err.println(
          "Starting an embedded Kafka broker (use --bootstrap-servers to run against a cluster)...");
      EmbeddedBroker broker = EmbeddedBroker.startTemporary();
      return new Cluster(
          broker,
          new ClientConfig(broker.bootstrapServers(), plan.clientSettings()),
          TopicPrefix.NONE);
    }
    // A shared cluster may hold earlier runs: this run gets topics (and application ids) of its
    // own.
    TopicPrefix prefix = TopicPrefix.of("run-" + UUID.randomUUID().toString().substring(0, 8));
    return new Cluster(
        null, new ClientConfig(plan.bootstrapServers().get(), plan.clientSettings()), prefix);
  }

  /**
   * This cluster under topics and application ids of their own, named after {@code prefix} (one
   * variant of a sweep, say); closing the view leaves the cluster as it is.
   */
  Cluster view(String prefix) {
    return new Cluster(
        null,
        client,
        TopicPrefix.of(this.prefix.value().isEmpty() ? prefix : this.prefix.apply(prefix)));
  }

  ClientConfig client() {
    return client;
  }

  /** What this run's topic names and application ids start with. */
  TopicPrefix prefix() {
    return prefix;
  }

  /** Stops and deletes the embedded broker, if this run started one. */
  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }
}
