package io.camfleet.streams.stats;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.PendingStats;
import io.camfleet.avro.StatsDelta;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.Topic;
import io.camfleet.streams.RepartitionTopic;
import io.camfleet.streams.TopicStreams;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.Stores;

/** Wires a service's daily deltas into per-policy daily statistics on a statistics topic. */
public final class StatsPipeline {
  private StatsPipeline() {}

  /** The repartition topic that brings {@code service}'s daily deltas onto one partition. */
  public static RepartitionTopic deltasTopic(String service) {
    return new RepartitionTopic(service + "-stats-deltas", 1);
  }

  /**
   * Repartitions {@code deltas} by policy onto one partition ({@link #deltasTopic}), sums them
   * across the {@code inputPartitions} partitions of the input, and writes one {@link DailyStats}
   * per policy and day to {@code statsTopic}, and the same as flat JSON ({@link FlatStatsJson}) to
   * {@code jsonTopic}.
   */
  public static void attach(
      StreamsBuilder builder,
      KStream<String, StatsDelta> deltas,
      Topic<String, DailyStats> statsTopic,
      Topic<String, String> jsonTopic,
      String service,
      int inputPartitions) {
    String storeName = service + "-stats-totals";
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName),
                Serdes.String(),
                AvroSerde.of(PendingStats.class))
            .withCachingEnabled());
    KStream<String, DailyStats> stats =
        deltas
            .repartition(
                deltasTopic(service).repartitioned(Serdes.String(), AvroSerde.of(StatsDelta.class)))
            .process(
                () -> new DailyStatsAggregator(storeName, service, inputPartitions), storeName);
    stats.to(statsTopic.name(), TopicStreams.produced(statsTopic));
    stats.mapValues(FlatStatsJson::of).to(jsonTopic.name(), TopicStreams.produced(jsonTopic));
  }
}
