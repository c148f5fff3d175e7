package io.camfleet.streams;

import io.camfleet.kafka.TopicAdmin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates an application's repartition topics before Kafka Streams starts, as Kafka Streams would
 * create them in its first rebalance ({@link RepartitionTopic} says why).
 */
public final class RepartitionTopics {
  private static final Logger log = LoggerFactory.getLogger(RepartitionTopics.class);

  private RepartitionTopics() {}

  /**
   * The settings Kafka Streams gives a repartition topic it creates: records deleted by the
   * application once consumed (never by age), 50 MiB segments, the producer's timestamps; then the
   * {@code topic.}-prefixed settings of the application.
   */
  static Map<String, String> configs(Properties streamsProperties) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    configs.put(TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(50 * 1024 * 1024));
    configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
    configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
    streamsProperties.forEach(
        (key, value) -> {
          String name = String.valueOf(key);
          if (name.startsWith(StreamsConfig.TOPIC_PREFIX)) {
            configs.put(name.substring(StreamsConfig.TOPIC_PREFIX.length()), String.valueOf(value));
          }
        });
    return configs;
  }

  /** The topics to create for {@code settings}' application, as Kafka Streams would. */
  static List<NewTopic> newTopics(StreamsSettings settings, List<RepartitionTopic> topics) {
    Properties properties = settings.toProperties();
    Map<String, String> configs = configs(properties);
    int factor =
        Integer.parseInt(
            String.valueOf(properties.getOrDefault(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1)));
    Optional<Short> replication = factor > 0 ? Optional.of((short) factor) : Optional.empty();
    return topics.stream()
        .map(
            t ->
                new NewTopic(
                        t.topicName(settings.applicationId()),
                        Optional.of(t.partitions()),
                        replication)
                    .configs(configs))
        .toList();
  }

  /**
   * The repartition topics {@code topology} writes to, named as in its description (without the
   * application id): what a topology's declared {@link RepartitionTopic}s must match.
   */
  public static Set<String> describedIn(Topology topology) {
    Set<String> names = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Sink sink
            && sink.topic() != null
            && sink.topic().endsWith(RepartitionTopic.SUFFIX)) {
          names.add(sink.topic());
        }
      }
    }
    return names;
  }

  /**
   * Creates those of {@code topics} that {@code settings}' application does not have yet. When the
   * cluster refuses, says so in the log and leaves them to Kafka Streams, which creates them as
   * before (one more rebalance); an existing topic with another partition count is Kafka Streams'
   * to report, as it would be without this step.
   */
  public static void create(StreamsSettings settings, List<RepartitionTopic> topics) {
    if (topics.isEmpty()) {
      return;
    }
    try {
      List<String> created =
          TopicAdmin.createAsGiven(
              settings.client().toProperties(),
              newTopics(settings, topics),
              ServiceTopics.TIMEOUT_SECONDS);
      log.debug("{}: created repartition topics {}", settings.applicationId(), created);
    } catch (RuntimeException e) {
      log.warn(
          "{}: could not create its repartition topics ahead of Kafka Streams, which will: {}",
          settings.applicationId(),
          e.getMessage());
    }
  }
}
