package io.camfleet.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import io.camfleet.testkafka.TestKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new sharing service on a real broker finds its repartition topics made before Kafka Streams
 * starts, and so joins its consumer group once: when Kafka Streams made them in the first
 * rebalance, the changed metadata made the group rebalance a second time.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SharingStartIT {
  private static final int PARTITIONS = 3;

  @TempDir Path state;

  @Test
  void aNewServiceJoinsItsGroupOnceWithItsRepartitionTopicsAlreadyMade() throws Exception {
    String run = TestKafka.unique("sharing-start");
    SharingTopics topics = SharingTopics.prefixed(TopicPrefix.of(run));
    // the service makes its own topics
    TestKafka.createTopics(List.of(topics.worldEvents().withPartitions(PARTITIONS)));
    List<Policy> policies = Policies.read(List.of(Path.of("../policies/status-quo-2019.yaml")));
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), null);

    try (SharingService service =
            SharingService.start(
                policies,
                client,
                new SharingOptions(
                    topics,
                    run,
                    Processing.inStateDir(state),
                    Optional.of(HttpEndpoint.loopback(0))));
        Admin admin = Admin.create(client.toProperties())) {
      assertEquals(1.0, joins(service.streams()), "times the stream thread joined its group");
      String households = run + "-sharing-household-signals-repartition";
      String deltas = run + "-sharing-service-stats-deltas-repartition";
      Map<String, TopicDescription> described =
          admin.describeTopics(List.of(households, deltas)).allTopicNames().get();
      assertEquals(PARTITIONS, described.get(households).partitions().size());
      assertEquals(1, described.get(deltas).partitions().size());
    }
  }

  /** The main consumers' joins, from Kafka Streams' client metrics. */
  private static double joins(KafkaStreams streams) {
    Map<String, Double> byClient = new TreeMap<>();
    streams
        .metrics()
        .forEach(
            (name, metric) -> {
              if (name.group().equals("consumer-coordinator-metrics")
                  && name.name().equals("join-total")) {
                byClient.put(name.tags().get("client-id"), (Double) metric.metricValue());
              }
            });
    assertEquals(1, byClient.size(), "one stream thread, one main consumer: " + byClient);
    return byClient.values().iterator().next();
  }
}
