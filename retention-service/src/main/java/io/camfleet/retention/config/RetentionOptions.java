package io.camfleet.retention.config;

import io.camfleet.policy.Policy;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.retention.topology.RetentionTopology;
import io.camfleet.schemas.Runs;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.streams.ApplicationIds;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one retention-service instance runs: the topics it reads and writes (dead letters included),
 * its application id, how its Kafka Streams application processes, and where it serves {@code GET
 * /metrics} (empty: it serves none, and keeps none), and the runs its input carries.
 */
public record RetentionOptions(
    RetentionTopics topics,
    String applicationId,
    Processing processing,
    Optional<HttpEndpoint> http,
    List<String> runs) {

  /**
   * Where {@code /metrics} listens unless told otherwise: 8080 is the dashboard's, 8081 the custody
   * API's.
   */
  public static final int DEFAULT_HTTP_PORT = 8082;

  public RetentionOptions {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(processing, "processing");
    Objects.requireNonNull(http, "http");
    runs = List.copyOf(runs);
    if (runs.isEmpty() || runs.stream().distinct().count() != runs.size()) {
      throw new IllegalArgumentException("the runs of the input are distinct and at least one");
    }
    runs.forEach(Runs::requireValid);
    if (applicationId == null || !applicationId.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("not a usable application id: '" + applicationId + "'");
    }
  }

  /** Options for an input that carries one run, as {@code world-events} ordinarily does. */
  public RetentionOptions(
      RetentionTopics topics,
      String applicationId,
      Processing processing,
      Optional<HttpEndpoint> http) {
    this(topics, applicationId, processing, http, Runs.ONLY);
  }

  /**
   * The same options for an input that carries {@code runs} ({@link Runs}): the service keeps each
   * run's statistics apart, keyed {@code run/policy/day}.
   */
  public RetentionOptions withRuns(List<String> newRuns) {
    return new RetentionOptions(topics, applicationId, processing, http, newRuns);
  }

  /**
   * Options whose every name derives from {@code prefix}: the catalog's topics, dead letters
   * included, and the application id of the service and its {@code policies}, each with the prefix
   * ({@link TopicPrefix#NONE}: as they are).
   */
  public static RetentionOptions of(
      TopicPrefix prefix,
      List<Policy> policies,
      Processing processing,
      Optional<HttpEndpoint> http) {
    return new RetentionOptions(
        RetentionTopics.prefixed(prefix),
        ApplicationIds.of(
            prefix, RetentionTopology.SERVICE, policies.stream().map(Policy::name).toList()),
        processing,
        http);
  }
}
