package io.camfleet.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.kafka.ClientConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;

class RepartitionTopicsTest {
  private static final RepartitionTopic BY_HOUSEHOLD = new RepartitionTopic("by-household", 6);

  @Test
  void aTopologyRepartitionsThroughTheTopicNamedAsKafkaStreamsNamesIt() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
        .repartition(BY_HOUSEHOLD.repartitioned(Serdes.String(), Serdes.String()))
        .to("output");

    assertEquals(
        Set.of("by-household-repartition"), RepartitionTopics.describedIn(builder.build()));
    assertEquals("by-household-repartition", BY_HOUSEHOLD.describedName());
    assertEquals("app-by-household-repartition", BY_HOUSEHOLD.topicName("app"));
  }

  @Test
  void topicsAreMadeWithKafkaStreamsSettingsThenTheApplicationsTopicSettings() {
    Properties client = new Properties();
    client.put("topic.segment.bytes", "1048576");
    client.put("topic.compression.type", "lz4");
    StreamsSettings settings =
        StreamsSettings.defaults("app", new ClientConfig("localhost:9092", client));

    List<NewTopic> topics =
        RepartitionTopics.newTopics(settings, List.of(BY_HOUSEHOLD, new RepartitionTopic("d", 1)));

    assertEquals(2, topics.size());
    NewTopic households = topics.get(0);
    assertEquals("app-by-household-repartition", households.name());
    assertEquals(6, households.numPartitions());
    assertEquals(-1, households.replicationFactor(), "the cluster's default, as Kafka Streams'");
    assertEquals(
        Map.of(
            "cleanup.policy", "delete",
            "segment.bytes", "1048576",
            "retention.ms", "-1",
            "message.timestamp.type", "CreateTime",
            "compression.type", "lz4"),
        households.configs());
    assertEquals("app-d-repartition", topics.get(1).name());
    assertEquals(1, topics.get(1).numPartitions());
  }

  @Test
  void aTopicHasAtLeastOnePartition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RepartitionTopic("t", 0));
    assertEquals("repartition topic t needs at least one partition, not 0", e.getMessage());
  }
}
