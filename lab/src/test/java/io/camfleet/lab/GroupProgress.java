package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/** How far a consumer group has committed through a topic, for tests that inject faults mid-run. */
final class GroupProgress implements AutoCloseable {
  private final ConsumerGroupProgress progress;
  private final String group;

  GroupProgress(ClientConfig client, String group, String topic) {
    this.progress = new ConsumerGroupProgress(client, topic);
    this.group = group;
  }

  /** Records of the topic the group has committed, over all partitions. */
  long committed() throws InterruptedException, ExecutionException {
    return progress.committed(group);
  }

  /** Records in the topic now, over all partitions. */
  long end() throws InterruptedException, ExecutionException {
    return progress.end();
  }

  /**
   * Polls until the group has committed at least {@code records}, failing if {@code alive} turns
   * false.
   */
  long awaitCommitted(long records, BooleanSupplier alive) throws Exception {
    while (true) {
      long now = committed();
      if (now >= records) {
        return now;
      }
      assertTrue(
          alive.getAsBoolean(),
          "the service stopped at " + now + " committed records, waiting for " + records);
      Thread.sleep(200);
    }
  }

  @Override
  public void close() {
    progress.close();
  }
}
