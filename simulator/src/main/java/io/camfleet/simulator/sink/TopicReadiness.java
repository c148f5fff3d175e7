package io.camfleet.simulator.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until every partition of a topic answers as leader. Publishing to a topic created a moment
 * ago can otherwise meet a partition whose leader is not ready for the first batch while later
 * batches land, which an idempotent producer then retries as out of sequence until it times out.
 * Asking each partition's latest offset goes through the leader itself, so success means ready.
 */
final class TopicReadiness {
  private TopicReadiness() {}

  /** The topic's partition count, once each partition's leader answers. */
  static int await(Properties client, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String problem = "it does not exist";
    try (Admin admin = Admin.create(client)) {
      while (System.nanoTime() < deadline) {
        try {
          TopicDescription description =
              admin
                  .describeTopics(List.of(topic))
                  .allTopicNames()
                  .get(timeout.toSeconds(), TimeUnit.SECONDS)
                  .get(topic);
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          description
              .partitions()
              .forEach(
                  p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
          admin.listOffsets(latest).all().get(timeout.toSeconds(), TimeUnit.SECONDS);
          return description.partitions().size();
        } catch (ExecutionException e) {
          problem = e.getCause().getMessage();
        }
        Thread.sleep(100);
      }
    } catch (TimeoutException e) {
      problem = "no answer";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
    }
    throw new IllegalStateException(
        "topic "
            + topic
            + " is not ready for writing after "
            + timeout.toSeconds()
            + " s: "
            + problem);
  }
}
