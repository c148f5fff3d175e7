package io.camfleet.sharing.config;

import io.camfleet.policy.Policy;
import io.camfleet.schemas.Runs;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.sharing.topology.SharingTopology;
import io.camfleet.streams.ApplicationIds;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one sharing-service instance runs: the topics it reads and writes (dead letters included),
 * its application id, how its Kafka Streams application processes, and where it serves the custody
 * API and {@code GET /metrics}, which it always does: {@code http} is never empty; and the runs its
 * input carries.
 */
public record SharingOptions(
    SharingTopics topics,
    String applicationId,
    Processing processing,
    Optional<HttpEndpoint> http,
    List<String> runs) {

  /** Where the custody API listens unless told otherwise: any free port, printed on start. */
  public static final int DEFAULT_HTTP_PORT = 0;

  public SharingOptions {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(processing, "processing");
    Objects.requireNonNull(http, "http");
    runs = List.copyOf(runs);
    if (runs.isEmpty() || runs.stream().distinct().count() != runs.size()) {
      throw new IllegalArgumentException("the runs of the input are distinct and at least one");
    }
    runs.forEach(Runs::requireValid);
    if (http.isEmpty()) {
      throw new IllegalArgumentException(
          "the sharing service answers custody queries over HTTP: it needs an address");
    }
    if (applicationId == null || !applicationId.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("not a usable application id: '" + applicationId + "'");
    }
  }

  /** Options for an input that carries one run, as {@code world-events} ordinarily does. */
  public SharingOptions(
      SharingTopics topics,
      String applicationId,
      Processing processing,
      Optional<HttpEndpoint> http) {
    this(topics, applicationId, processing, http, Runs.ONLY);
  }

  /**
   * The same options for an input that carries {@code runs} ({@link Runs}): the service keeps each
   * run's statistics apart, keyed {@code run/policy/day}.
   */
  public SharingOptions withRuns(List<String> newRuns) {
    return new SharingOptions(topics, applicationId, processing, http, newRuns);
  }

  /**
   * Options whose every name derives from {@code prefix}: the catalog's topics, dead letters
   * included, and the application id of the service and its {@code policies}, each with the prefix
   * ({@link TopicPrefix#NONE}: as they are).
   */
  public static SharingOptions of(
      TopicPrefix prefix,
      List<Policy> policies,
      Processing processing,
      Optional<HttpEndpoint> http) {
    return new SharingOptions(
        SharingTopics.prefixed(prefix),
        ApplicationIds.of(
            prefix, SharingTopology.SERVICE, policies.stream().map(Policy::name).toList()),
        processing,
        http);
  }
}
