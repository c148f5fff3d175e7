package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** How far consumer groups (the services' applications) have committed through one topic. */
final class ConsumerGroupProgress implements AutoCloseable {
  private final Admin admin;
  private final String topic;

  ConsumerGroupProgress(ClientConfig client, String topic) {
    this.admin = Admin.create(client.toProperties());
    this.topic = topic;
  }

  /** Records of the topic {@code group} has committed, over all partitions. */
  long committed(String group) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /** Records of the topic that {@code groups} have committed, added up over groups. */
  long committed(List<String> groups) throws InterruptedException, ExecutionException {
    long sum = 0;
    for (String group : groups) {
      sum += committed(group);
    }
    return sum;
  }

  /** The end of the topic now (committed records and transaction markers), over all partitions. */
  long end() throws InterruptedException, ExecutionException {
    List<TopicPartition> partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    return admin
        .listOffsets(
            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get()
        .values()
        .stream()
        .mapToLong(i -> i.offset())
        .sum();
  }

  /** The share of the topic that every one of {@code groups} has committed, from 0 to 1. */
  double fraction(List<String> groups) throws InterruptedException, ExecutionException {
    long end = end();
    if (end == 0) {
      return 0;
    }
    long committed = 0;
    for (String group : groups) {
      committed += Math.min(end, committed(group));
    }
    return committed / ((double) end * groups.size());
  }

  @Override
  public void close() {
    admin.close();
  }
}
