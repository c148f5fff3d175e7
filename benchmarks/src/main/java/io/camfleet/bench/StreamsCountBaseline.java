package io.camfleet.bench;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topic;
import io.camfleet.streams.Processing;
import io.camfleet.streams.StreamsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The second reference of item 3: a plain Kafka Streams application, with every setting the
 * services run with ({@link StreamsSettings}: guarantee, commit interval, record cache, RocksDB
 * budget, producer compression and batching, consumer fetch sizes), that counts the input topic's
 * records by key in a persistent (RocksDB) store and writes each key's count to a topic. It decodes
 * no value: this is the engine's own cost of reading, storing and writing, with no domain work.
 */
final class StreamsCountBaseline {
  static final String STORE = "counts-by-key";
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private StreamsCountBaseline() {}

  /**
   * {@code input} counted by key into {@link #STORE}, every change of a count to {@code output}.
   */
  static Topology topology(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
        .count(
            Materialized.<String, Long>as(Stores.persistentKeyValueStore(STORE))
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()))
        .toStream()
        .to(output, Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  /**
   * Records per second of one run over {@code input} ({@code events} records, every one with a
   * key), with a new application id, output topic and state folder: from before the application is
   * created until the committed counts on the output topic add up to {@code events}, start-up
   * included.
   */
  static double rate(
      ClientConfig client, Topic<?, ?> input, long events, String guarantee, String prefix)
      throws Exception {
    String output = prefix + "-counts";
    Topic<String, Long> counts =
        new Topic<>(
            output,
            Serdes.String(),
            Serdes.Long(),
            input.partitions(),
            Topic.Sizing.FIXED,
            Topic.Cleanup.DELETE,
            "each key's count of the input's records");
    TopicAdmin.createTopics(client.toProperties(), List.of(counts), 30);
    Path stateDir = Files.createTempDirectory("camfleet-bench-count-");
    StreamsSettings settings =
        StreamsSettings.defaults(prefix + "-count", client)
            .withProcessing(Processing.inStateDir(stateDir).withGuarantee(guarantee));
    try (Counts committed = new Counts(client, output)) {
      long start = System.nanoTime();
      try (KafkaStreams streams =
          new KafkaStreams(topology(input.name(), output), settings.toProperties())) {
        streams.start();
        committed.awaitTotal(events, streams);
        return events / ((System.nanoTime() - start) / 1e9);
      }
    } finally {
      ServiceBench.deleteRecursively(stateDir);
    }
  }

  /** The latest committed count of each key on the output topic, and their sum. */
  private static final class Counts implements AutoCloseable {
    private final KafkaConsumer<String, Long> consumer;
    private final Map<String, Long> latest = new HashMap<>();
    private long total;

    Counts(ClientConfig client, String topic) {
      Properties p = client.toProperties();
      p.put(ConsumerConfig.GROUP_ID_CONFIG, "camfleet-bench-" + UUID.randomUUID());
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      consumer = new KafkaConsumer<>(p, new StringDeserializer(), new LongDeserializer());
      consumer.subscribe(List.of(topic));
    }

    void awaitTotal(long events, KafkaStreams streams) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (total < events) {
        if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
          throw new IllegalStateException(
              String.format(
                  "the counting application reached %,d of %,d records (state %s)",
                  total, events, streams.state()));
        }
        for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
          Long before = latest.put(record.key(), record.value());
          total += record.value() - (before == null ? 0 : before);
        }
      }
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
