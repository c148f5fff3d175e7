package io.camfleet.sharing.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharingOptionsTest {
  private static final List<Policy> POLICIES =
      Policies.read(
          List.of(
              Path.of("../policies/status-quo-2019.yaml"),
              Path.of("../policies/no-forwarding.yaml")));
  private static final Optional<HttpEndpoint> ANY_PORT = Optional.of(HttpEndpoint.loopback(0));

  @Test
  void withoutAPrefixEveryNameIsTheCatalogsAndTheApplicationIdNamesServiceAndPolicies() {
    SharingOptions options =
        SharingOptions.of(TopicPrefix.NONE, POLICIES, Processing.defaults(), ANY_PORT);

    assertEquals(
        List.of(
            "world-events",
            "copy-ledger",
            "copy-receipts",
            "exposure-stats",
            "exposure-stats-json",
            "dead-letters"),
        names(options.topics()));
    assertEquals("sharing-service-status-quo-2019.no-forwarding", options.applicationId());
  }

  @Test
  void aPrefixNamesEveryTopicDeadLettersIncludedAndTheApplicationId() {
    SharingOptions options =
        SharingOptions.of(
            TopicPrefix.of("run-1a2b3c4d"), POLICIES, Processing.defaults(), ANY_PORT);

    assertEquals(
        List.of(
            "run-1a2b3c4d-world-events",
            "run-1a2b3c4d-copy-ledger",
            "run-1a2b3c4d-copy-receipts",
            "run-1a2b3c4d-exposure-stats",
            "run-1a2b3c4d-exposure-stats-json",
            "run-1a2b3c4d-dead-letters"),
        names(options.topics()));
    assertEquals(
        "run-1a2b3c4d-sharing-service-status-quo-2019.no-forwarding", options.applicationId());
  }

  @Test
  void refusesToRunWithoutAnHttpAddressForItsCustodyApi() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SharingOptions(
                    SharingTopics.defaults(),
                    "sharing-service-x",
                    Processing.defaults(),
                    Optional.empty()));

    assertEquals(
        "the sharing service answers custody queries over HTTP: it needs an address",
        e.getMessage());
  }

  private static List<String> names(SharingTopics topics) {
    return topics.all().stream().map(Topic::name).toList();
  }
}
