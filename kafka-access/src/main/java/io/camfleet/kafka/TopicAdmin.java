package io.camfleet.kafka;

import io.camfleet.schemas.Topic;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates catalog topics on a cluster, replicated as the cluster allows, and reads their partition
 * counts, and tells clearly when the cluster cannot be reached.
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
   * Creates each topic that does not exist yet, with its partition count and cleanup policy, and
   * the replication of {@link #replication}; existing topics are left as they are. Returns once the
   * leader of every partition created takes writes: a topic exists as soon as the controller has
   * recorded it, and each leader starts serving its partitions a moment later. A producer that
   * wrote in that moment could have its first batch refused (not the leader) and its next one
   * taken, and then the first refused for ever as out of sequence, lost to an idempotent producer
   * and failing a transactional one (Kafka's KAFKA-15591, in the 4.4 broker). Fails within {@code
   * timeoutSeconds} when no broker answers.
   */
  public static void createTopics(
      Properties clientConfig, Collection<? extends Topic<?, ?>> topics, int timeoutSeconds) {
    withAdmin(
        clientConfig,
        timeoutSeconds,
        admin -> {
          Set<String> existing = admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
          List<Topic<?, ?>> missing =
              topics.stream()
                  .filter(t -> !existing.contains(t.name()))
                  .<Topic<?, ?>>map(t -> t)
                  .toList();
          if (!missing.isEmpty()) {
            create(admin, clientConfig, missing, timeoutSeconds);
            awaitLeaders(
                admin,
                servers(clientConfig),
                missing.stream().map(Topic::name).toList(),
                timeoutSeconds);
          }
          return null;
        });
  }

  /**
   * The partition count of {@code topic}, once the leader of each of its partitions takes writes
   * (see {@link #createTopics}): for a writer of a topic that another process may have created a
   * moment ago.
   *
   * @throws IllegalStateException if the topic does not exist within {@code timeoutSeconds}
   * @throws UnreachableClusterException if no broker answers in time, or the cluster refuses
   */
  public static int awaitWritable(Properties clientConfig, String topic, int timeoutSeconds) {
    return withAdmin(
            clientConfig,
            timeoutSeconds,
            admin -> awaitLeaders(admin, servers(clientConfig), List.of(topic), timeoutSeconds))
        .get(topic);
  }

  /**
   * Creates each of {@code topics} that does not exist yet exactly as given (partitions,
   * replication and configs: for topics an application owns, such as Kafka Streams' internal
   * topics, rather than the catalog's), and returns once the leader of each of their partitions
   * takes writes (see {@link #createTopics}); existing topics are left as they are. Returns the
   * names it created.
   *
   * @throws UnreachableClusterException if no broker answers in time, or the cluster refuses
   */
  public static List<String> createAsGiven(
      Properties clientConfig, Collection<NewTopic> topics, int timeoutSeconds) {
    List<String> created =
        withAdmin(
            clientConfig,
            timeoutSeconds,
            admin -> {
              Set<String> existing =
                  admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
              List<NewTopic> missing =
                  topics.stream().filter(t -> !existing.contains(t.name())).toList();
              if (missing.isEmpty()) {
                return List.<String>of();
              }
              try {
                admin.createTopics(missing).all().get(timeoutSeconds, TimeUnit.SECONDS);
              } catch (ExecutionException e) {
                // another instance of the same application may have created them a moment ago
                if (!(e.getCause() instanceof TopicExistsException)) {
                  throw e;
                }
              }
              List<String> names = missing.stream().map(NewTopic::name).toList();
              awaitLeaders(admin, servers(clientConfig), names, timeoutSeconds);
              return names;
            });
    return created;
  }

  /**
   * Makes sure the input topic {@code input} exists and returns its partition count on the cluster:
   * a missing topic is created with {@code requested} partitions, or the count it is declared with
   * when nothing is requested; an existing one is used as it is, unless {@code requested} asks for
   * another count.
   *
   * @throws PartitionCountException if the topic exists with another count than {@code requested}
   * @throws UnreachableClusterException if no broker answers in time
   */
  public static int createInput(
      Properties clientConfig, Topic<?, ?> input, OptionalInt requested, int timeoutSeconds) {
    createTopics(
        clientConfig,
        List.of(input.withPartitions(requested.orElse(input.partitions()))),
        timeoutSeconds);
    int found = partitions(clientConfig, input.name(), timeoutSeconds);
    if (requested.isPresent() && found != requested.getAsInt()) {
      throw new PartitionCountException(
          "topic "
              + input.name()
              + " at "
              + servers(clientConfig)
              + " exists with "
              + found
              + " partitions, not the "
              + requested.getAsInt()
              + " asked for with --partitions: leave --partitions out to use its "
              + found
              + ", or delete the topic first");
    }
    return found;
  }

  /** Thrown when an existing topic has another partition count than the one asked for. */
  public static final class PartitionCountException extends IllegalArgumentException {
    public PartitionCountException(String message) {
      super(message);
    }
  }

  /**
   * The replication of the topics camfleet creates on a cluster of {@code brokers}: {@value
   * #REPLICATION_FACTOR_CONFIG} and {@value #MIN_INSYNC_REPLICAS_CONFIG} from the client settings
   * when given, else three replicas (fewer on a smaller cluster) of which two must acknowledge a
   * write (one with fewer than three replicas), so that a cluster of three or more keeps every
   * topic writable with one broker down.
   */
  public static Replication replication(Properties clientConfig, int brokers) {
    int factor =
        setting(clientConfig, REPLICATION_FACTOR_CONFIG).orElse(Math.max(1, Math.min(3, brokers)));
    int minInSync = setting(clientConfig, MIN_INSYNC_REPLICAS_CONFIG).orElse(factor >= 3 ? 2 : 1);
    if (minInSync > factor) {
      throw new IllegalArgumentException(
          MIN_INSYNC_REPLICAS_CONFIG
              + "="
              + minInSync
              + " is more than the replication factor "
              + factor
              + ": no write could ever be acknowledged");
    }
    return new Replication(factor, minInSync);
  }

  /** How many copies of each partition a topic has, and how many must acknowledge a write. */
  public record Replication(int factor, int minInSyncReplicas) {}

  /** Client setting: the replication factor of the topics camfleet creates. */
  public static final String REPLICATION_FACTOR_CONFIG = "camfleet.topic.replication.factor";

  /** Client setting: {@code min.insync.replicas} of the topics camfleet creates. */
  public static final String MIN_INSYNC_REPLICAS_CONFIG = "camfleet.topic.min.insync.replicas";

  private static OptionalInt setting(Properties clientConfig, String key) {
    String value = clientConfig.getProperty(key);
    if (value == null) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1) {
        return OptionalInt.of(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "Kafka client setting "
            + key
            + " must be a whole number of 1 or more, not '"
            + value
            + "'");
  }

  private static void create(
      Admin admin, Properties clientConfig, List<Topic<?, ?>> topics, int timeoutSeconds)
      throws ExecutionException, InterruptedException, TimeoutException {
    int brokers = admin.describeCluster().nodes().get(timeoutSeconds, TimeUnit.SECONDS).size();
    Replication replication = replication(clientConfig, brokers);
    List<NewTopic> missing =
        topics.stream()
            .map(
                t -> {
                  Map<String, String> configs = new HashMap<>(t.configs());
                  configs.put(
                      TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                      String.valueOf(replication.minInSyncReplicas()));
                  return new NewTopic(
                          t.name(),
                          Optional.of(t.partitions()),
                          Optional.of((short) replication.factor()))
                      .configs(configs);
                })
            .toList();
    try {
      admin.createTopics(missing).all().get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /**
   * Waits until the leader of every partition of {@code topics} serves it, and returns each topic's
   * partition count: an offset lookup is answered only by a leader that serves the partition, and
   * the admin client asks again, of the leader the metadata names, until one is.
   */
  private static Map<String, Integer> awaitLeaders(
      Admin admin, String servers, List<String> topics, int timeoutSeconds)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    Map<String, Integer> counts = new HashMap<>();
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (String topic : topics) {
      int count = describedPartitions(admin, topic, servers, deadline, timeoutSeconds);
      counts.put(topic, count);
      for (int p = 0; p < count; p++) {
        partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    admin.listOffsets(partitions).all().get(timeoutSeconds, TimeUnit.SECONDS);
    return counts;
  }

  /**
   * The partition count of {@code topic}, asked again while the broker does not know the topic yet
   * (one created a moment ago) until {@code deadline}.
   *
   * @throws IllegalStateException if the topic is still unknown at the deadline
   */
  private static int describedPartitions(
      Admin admin, String topic, String servers, long deadline, int timeoutSeconds)
      throws ExecutionException, InterruptedException, TimeoutException {
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
  }

  /** What is done with an admin client: the Kafka client's checked failures pass through. */
  private interface AdminCall<T> {
    T call(Admin admin) throws ExecutionException, InterruptedException, TimeoutException;
  }

  /**
   * Runs {@code call} with an admin client of {@code clientConfig}, telling in the user's terms
   * when no broker answers or the cluster refuses.
   */
  private static <T> T withAdmin(Properties clientConfig, int timeoutSeconds, AdminCall<T> call) {
    ClusterReach.require(servers(clientConfig));
    try (Admin admin = admin(clientConfig, timeoutSeconds)) {
      return call.call(admin);
    } catch (TimeoutException e) {
      throw noAnswer(clientConfig, timeoutSeconds, e);
    } catch (ExecutionException e) {
      throw refused(clientConfig, timeoutSeconds, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /** An admin client of {@code clientConfig}, without camfleet's own settings. */
  private static Admin admin(Properties clientConfig, int timeoutSeconds) {
    Properties props = new Properties();
    clientConfig.forEach(
        (k, v) -> {
          if (!String.valueOf(k).startsWith("camfleet.")) {
            props.put(k, v);
          }
        });
    props.putIfAbsent(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutSeconds * 1000));
    props.putIfAbsent(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutSeconds * 1000));
    return Admin.create(props);
  }

  private static String servers(Properties clientConfig) {
    return String.valueOf(clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  private static UnreachableClusterException noAnswer(
      Properties clientConfig, int timeoutSeconds, Throwable cause) {
    return new UnreachableClusterException(
        "no Kafka broker answered at " + servers(clientConfig) + " within " + timeoutSeconds + " s",
        cause);
  }

  private static UnreachableClusterException refused(
      Properties clientConfig, int timeoutSeconds, ExecutionException e) {
    if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
      // The admin client's own timeout can fire before ours: the same outcome, the same message.
      return noAnswer(clientConfig, timeoutSeconds, e.getCause());
    }
    return new UnreachableClusterException(
        "Kafka at " + servers(clientConfig) + " refused: " + e.getCause().getMessage(),
        e.getCause());
  }

  /**
   * The number of partitions {@code topic} has on the cluster. A topic created a moment ago may not
   * be known to every broker yet: it is asked for again until {@code timeoutSeconds} have passed.
   *
   * @throws IllegalStateException if the topic does not exist
   * @throws UnreachableClusterException if no broker answers in time
   */
  public static int partitions(Properties clientConfig, String topic, int timeoutSeconds) {
    String servers = servers(clientConfig);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    try (Admin admin = admin(clientConfig, timeoutSeconds)) {
      return describedPartitions(admin, topic, servers, deadline, timeoutSeconds);
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
