package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group has committed through a topic, for tests that inject faults mid-run. */
final class GroupProgress implements AutoCloseable {
  private final Admin admin;
  private final String group;
  private final String topic;

  GroupProgress(ClientConfig client, String group, String topic) {
    this.admin = Admin.create(client.toProperties());
    this.group = group;
    this.topic = topic;
  }

  /** Records of the topic the group has committed, over all partitions. */
  long committed() throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /** Records in the topic now, over all partitions. */
  long end() throws InterruptedException, ExecutionException {
    List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all().get().values().stream().mapToLong(i -> i.offset()).sum();
  }

  /** Polls until the group has committed at least {@code records}, failing if {@code alive} turns false. */
  long awaitCommitted(long records, BooleanSupplier alive) throws Exception {
    while (true) {
      long now = committed();
      if (now >= records) {
        return now;
      }
      assertTrue(alive.getAsBoolean(), "the service stopped at " + now + " committed records, waiting for " + records);
      Thread.sleep(200);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
