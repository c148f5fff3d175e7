package io.camfleet.streams;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The topics a service makes sure of before it starts. */
public final class ServiceTopics {
  /** How long creating and describing the topics may wait for the cluster. */
  public static final int TIMEOUT_SECONDS = 30;

  private ServiceTopics() {}

  /**
   * Creates those of the service's own topics that do not exist yet ({@code own}: its outputs and
   * its dead-letter topic; and {@code schemas}, where every camfleet producer registers its writer
   * schemas), and its input, if nothing has created it yet, with the partitions it is declared
   * with; then returns the number of partitions the input has on the cluster. That number, not the
   * declared one, is the topology's: the simulator's clock ticks go to every partition of the topic
   * it finds, and each day's statistics wait for all of them.
   *
   * @throws TopicAdmin.UnreachableClusterException if no broker answers in time
   */
  public static int prepare(
      ClientConfig client, Topic<?, ?> input, Collection<? extends Topic<?, ?>> own) {
    Map<String, Topic<?, ?>> topics = new LinkedHashMap<>();
    for (Topic<?, ?> topic : own) {
      topics.putIfAbsent(topic.name(), topic);
    }
    topics.putIfAbsent(Topics.SCHEMAS.name(), Topics.SCHEMAS);
    topics.putIfAbsent(input.name(), input);
    TopicAdmin.createTopics(client.toProperties(), topics.values(), TIMEOUT_SECONDS);
    return TopicAdmin.partitions(client.toProperties(), input.name(), TIMEOUT_SECONDS);
  }
}
