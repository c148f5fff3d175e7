package io.camfleet.sharing.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.policy.Policies;
import io.camfleet.policy.PolicyRules;
import io.camfleet.streams.RepartitionTopic;
import io.camfleet.streams.RepartitionTopics;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SharingTopologyTest {
  @Test
  void declaresEveryRepartitionTopicItWritesToWithTheInputsPartitionsByHousehold() {
    List<PolicyRules> rules =
        Policies.read(List.of(Path.of("../policies/status-quo-2019.yaml"))).stream()
            .map(p -> p.rules())
            .toList();
    List<RepartitionTopic> declared = SharingTopology.repartitionTopics(6);

    assertEquals(
        RepartitionTopics.describedIn(SharingTopology.build(SharingTopics.defaults(), rules, 6)),
        declared.stream().map(RepartitionTopic::describedName).collect(Collectors.toSet()));
    assertEquals(
        List.of(
            new RepartitionTopic("sharing-household-signals", 6),
            new RepartitionTopic("sharing-service-stats-deltas", 1)),
        declared);
  }
}
