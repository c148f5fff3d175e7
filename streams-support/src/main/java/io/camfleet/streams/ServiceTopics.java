package io.camfleet.streams;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** The topics a service makes sure of before it starts. */
public final class ServiceTopics {
  /** How long creating and describing the topics may wait for the cluster. */
  public static final int TIMEOUT_SECONDS = 30;

  private ServiceTopics() {}

  /**
   * Creates the service's input, if nothing has created it yet, with the partitions it is declared
   * with, and reads how many partitions it has on the cluster; then creates those of the service's
   * own topics that do not exist yet ({@code own}: its outputs and its dead-letter topic; and
   * {@code schemas}, where every camfleet producer registers its writer schemas), those sized like
   * the input with the input's count. Returns that count: it, not the declared one, is the
   * topology's, since the simulator's clock ticks go to every partition of the topic it finds and
   * each day's statistics wait for all of them.
   *
   * @throws TopicAdmin.UnreachableClusterException if no broker answers in time
   */
  public static int prepare(
      ClientConfig client, Topic<?, ?> input, Collection<? extends Topic<?, ?>> own) {
    int partitions =
        TopicAdmin.createInput(client.toProperties(), input, OptionalInt.empty(), TIMEOUT_SECONDS);
    Map<String, Topic<?, ?>> topics = new LinkedHashMap<>();
    for (Topic<?, ?> topic : own) {
      topics.putIfAbsent(topic.name(), topic.besideInput(partitions));
    }
    topics.putIfAbsent(Topics.SCHEMAS.name(), Topics.SCHEMAS);
    topics.remove(input.name());
    TopicAdmin.createTopics(client.toProperties(), topics.values(), TIMEOUT_SECONDS);
    return partitions;
  }
}
