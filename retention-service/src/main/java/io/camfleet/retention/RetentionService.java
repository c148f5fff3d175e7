package io.camfleet.retention;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.retention.topology.RetentionTopology;
import io.camfleet.streams.ApplicationIds;
import io.camfleet.streams.ServiceRunner;
import io.camfleet.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/** The retention service as a running Kafka Streams application enforcing one or more policies. */
public final class RetentionService implements AutoCloseable {
  private final ServiceRunner runner;
  private final String applicationId;
  private final KafkaSchemaSource schemas;

  private RetentionService(ServiceRunner runner, String applicationId, KafkaSchemaSource schemas) {
    this.runner = runner;
    this.applicationId = applicationId;
    this.schemas = schemas;
  }

  /** Options beyond the policies and the cluster. */
  public record Options(
      String processingGuarantee, Path stateDir, RetentionTopics topics, String applicationId, String deadLetterTopic) {
    public Options(String processingGuarantee, Path stateDir, RetentionTopics topics, String applicationId) {
      this(processingGuarantee, stateDir, topics, applicationId, null);
    }

    public static Options defaults() {
      return new Options(null, null, RetentionTopics.defaults(), null, null);
    }

    /** The same options with state stores in {@code dir}. */
    public Options withStateDir(Path dir) {
      return new Options(processingGuarantee, dir, topics, applicationId, deadLetterTopic);
    }

    /** The same options sending unreadable records to {@code topic}. */
    public Options withDeadLetterTopic(String topic) {
      return new Options(processingGuarantee, stateDir, topics, applicationId, topic);
    }
  }

  /** Starts the service and returns once its stream threads are running. */
  public static RetentionService start(List<Policy> policies, ClientConfig client, Options options) {
    List<PolicyRules> rules = policies.stream().map(Policy::rules).toList();
    String appId =
        options.applicationId() != null
            ? options.applicationId()
            : ApplicationIds.of(RetentionTopology.SERVICE, rules.stream().map(PolicyRules::policyName).toList());
    // Records of a newer schema version decode through the schemas topic; receipts register theirs.
    KafkaSchemaSource schemas = KafkaSchemaSource.of(client);
    RetentionTopics topics = options.topics().withSchemas(schemas);
    StreamsSettings settings =
        StreamsSettings.defaults(appId, client)
            .withGuarantee(options.processingGuarantee())
            .withStateDir(options.stateDir())
            .withDeadLetterTopic(options.deadLetterTopic());
    ServiceRunner runner =
        new ServiceRunner(RetentionTopology.build(topics, rules, topics.worldEvents().partitions()), settings);
    // A restart after a crash waits for the dead member's session to expire (45 s by default)
    // before the group rebalances: give that time rather than give up.
    runner.start(Duration.ofMinutes(3));
    return new RetentionService(runner, appId, schemas);
  }

  public String applicationId() {
    return applicationId;
  }

  public KafkaStreams streams() {
    return runner.streams();
  }

  public void awaitStop() throws InterruptedException {
    runner.awaitStop();
  }

  @Override
  public void close() {
    runner.close();
    schemas.close();
  }
}
