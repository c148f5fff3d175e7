package io.camfleet.retention.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.streams.Processing;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionOptionsTest {
  private static final List<Policy> POLICIES =
      Policies.read(
          List.of(
              Path.of("../policies/status-quo-2019.yaml"), Path.of("../policies/eu-30-days.yaml")));

  @Test
  void withoutAPrefixEveryNameIsTheCatalogsAndTheApplicationIdNamesServiceAndPolicies() {
    RetentionOptions options =
        RetentionOptions.of(TopicPrefix.NONE, POLICIES, Processing.defaults(), Optional.empty());

    assertEquals(
        List.of(
            "world-events",
            "retention-receipts",
            "retention-stats",
            "retention-stats-json",
            "dead-letters"),
        names(options.topics()));
    assertEquals("retention-service-status-quo-2019.eu-30-days", options.applicationId());
  }

  @Test
  void aPrefixNamesEveryTopicDeadLettersIncludedAndTheApplicationId() {
    RetentionOptions options =
        RetentionOptions.of(
            TopicPrefix.of("run-1a2b3c4d"), POLICIES, Processing.defaults(), Optional.empty());

    assertEquals(
        List.of(
            "run-1a2b3c4d-world-events",
            "run-1a2b3c4d-retention-receipts",
            "run-1a2b3c4d-retention-stats",
            "run-1a2b3c4d-retention-stats-json",
            "run-1a2b3c4d-dead-letters"),
        names(options.topics()));
    assertEquals(
        "run-1a2b3c4d-retention-service-status-quo-2019.eu-30-days", options.applicationId());
  }

  @Test
  void refusesAnApplicationIdKafkaCannotUse() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RetentionOptions(
                    RetentionTopics.defaults(),
                    "two words",
                    Processing.defaults(),
                    Optional.empty()));

    assertEquals("not a usable application id: 'two words'", e.getMessage());
  }

  private static List<String> names(RetentionTopics topics) {
    return topics.all().stream().map(Topic::name).toList();
  }
}
