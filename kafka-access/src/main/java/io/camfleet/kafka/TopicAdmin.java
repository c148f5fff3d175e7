package io.camfleet.kafka;

import io.camfleet.schemas.Topic;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates catalog topics on a cluster and reads their partition counts, and tells clearly when the
 * cluster cannot be reached.
 */
public final class TopicAdmin {
  private TopicAdmin() {}

  /** Thrown when no broker answers at the given address in time. */
  public static final class UnreachableClusterException extends RuntimeException {
    public UnreachableClusterException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Creates each topic that does not exist yet, with its partition count and cleanup policy;
   * existing topics are left as they are. Fails within {@code timeoutSeconds} when no broker
   * answers.
   */
  public static void createTopics(
      Properties clientConfig, Collection<? extends Topic<?, ?>> topics, int timeoutSeconds) {
    ClusterReach.require(
        String.valueOf(clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)));
    Properties props = new Properties();
    props.putAll(clientConfig);
    props.putIfAbsent(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutSeconds * 1000));
    props.putIfAbsent(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutSeconds * 1000));
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t.name()))
              // replication comes from the broker default, so one file serves one broker and a
              // cluster
              .map(
                  t ->
                      new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty())
                          .configs(Map.copyOf(t.configs())))
              .toList();
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(timeoutSeconds, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (TimeoutException e) {
      throw new UnreachableClusterException(
          "no Kafka broker answered at "
              + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
              + " within "
              + timeoutSeconds
              + " s",
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        // The admin client's own timeout can fire before ours: the same outcome, the same message.
        throw new UnreachableClusterException(
            "no Kafka broker answered at "
                + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                + " within "
                + timeoutSeconds
                + " s",
            e.getCause());
      }
      throw new UnreachableClusterException(
          "Kafka at "
              + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
              + " refused: "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * The number of partitions {@code topic} has on the cluster. A topic created a moment ago may not
   * be known to every broker yet: it is asked for again until {@code timeoutSeconds} have passed.
   *
   * @throws IllegalStateException if the topic does not exist
   * @throws UnreachableClusterException if no broker answers in time
   */
  public static int partitions(Properties clientConfig, String topic, int timeoutSeconds) {
    Object servers = clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Properties props = new Properties();
    props.putAll(clientConfig);
    props.putIfAbsent(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutSeconds * 1000));
    props.putIfAbsent(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutSeconds * 1000));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          TopicDescription description =
              admin
                  .describeTopics(List.of(topic))
                  .allTopicNames()
                  .get(timeoutSeconds, TimeUnit.SECONDS)
                  .get(topic);
          return description.partitions().size();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "topic " + topic + " does not exist on the Kafka cluster at " + servers);
          }
          Thread.sleep(100);
        }
      }
    } catch (TimeoutException e) {
      throw new UnreachableClusterException(
          "no Kafka broker answered at " + servers + " within " + timeoutSeconds + " s", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new UnreachableClusterException(
            "no Kafka broker answered at " + servers + " within " + timeoutSeconds + " s",
            e.getCause());
      }
      throw new UnreachableClusterException(
          "Kafka at "
              + servers
              + " refused to describe topic "
              + topic
              + ": "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topic " + topic, e);
    }
  }
}
