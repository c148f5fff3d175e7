package io.camfleet.kafka;

import io.camfleet.schemas.SchemaSource;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.schemas.WriterSchemaStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The compacted {@code schemas} topic as a {@link SchemaSource}: keys are writer-schema
 * fingerprints (16 hex digits), values the schema JSON. A schema is written once per process,
 * acknowledged by every replica, before the first record that uses it; a lookup of an unknown
 * fingerprint reads the topic on from where the last one stopped, up to the end offsets of that
 * moment, within a bounded time. Both clients start on first use and are shared by every serde of
 * the process; the topic is created on first use if missing.
 */
public final class KafkaSchemaSource implements SchemaSource, AutoCloseable {
  /** How long a registration or a lookup may wait for the cluster. */
  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final Duration POLL = Duration.ofMillis(200);

  private final ClientConfig client;
  private final Topic<String, String> topic;
  private final Duration timeout;
  private final Map<Long, String> known = new ConcurrentHashMap<>();
  private final Object readLock = new Object();
  private KafkaProducer<String, String> producer; // guarded by this
  private KafkaConsumer<String, String> consumer; // guarded by readLock
  private List<TopicPartition> partitions = List.of(); // guarded by readLock
  private volatile boolean topicReady;
  private volatile boolean closed;

  public KafkaSchemaSource(ClientConfig client, Topic<String, String> topic, Duration timeout) {
    this.client = client;
    this.topic = topic;
    this.timeout = timeout;
  }

  /** The catalog's {@code schemas} topic on the cluster {@code client} reaches. */
  public static KafkaSchemaSource of(ClientConfig client) {
    return new KafkaSchemaSource(client, Topics.SCHEMAS, TIMEOUT);
  }

  @Override
  public void register(Schema schema) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    if (known.containsKey(fingerprint)) {
      return;
    }
    synchronized (this) {
      if (known.containsKey(fingerprint)) {
        return;
      }
      String json = schema.toString();
      try {
        producer()
            .send(new ProducerRecord<>(topic.name(), WriterSchemaStore.hex(fingerprint), json))
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SerializationException(
            "interrupted while registering " + describe(schema, fingerprint), e);
      } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        throw new SerializationException(
            "cannot register "
                + describe(schema, fingerprint)
                + " on topic "
                + topic.name()
                + " within "
                + timeout.toSeconds()
                + " s: "
                + cause,
            cause);
      }
      known.put(fingerprint, json);
    }
  }

  @Override
  public Optional<String> find(long fingerprint) {
    String json = known.get(fingerprint);
    if (json != null) {
      return Optional.of(json);
    }
    synchronized (readLock) {
      if (!known.containsKey(fingerprint)) {
        readToEnd();
      }
      return Optional.ofNullable(known.get(fingerprint));
    }
  }

  /**
   * Reads every record up to the end offsets of now; fails after the timeout rather than wait on.
   */
  private void readToEnd() {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (consumer == null) {
        ensureTopic();
        consumer =
            new KafkaConsumer<>(
                consumerProperties(), new StringDeserializer(), new StringDeserializer());
      }
      if (partitions.isEmpty()) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), remaining(deadline));
        partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
      while (end.entrySet().stream()
          .anyMatch(e -> consumer.position(e.getKey(), remaining(deadline)) < e.getValue())) {
        Duration left = remaining(deadline);
        for (ConsumerRecord<String, String> record :
            consumer.poll(left.compareTo(POLL) < 0 ? left : POLL)) {
          remember(record);
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "topic "
              + topic.name()
              + " could not be read to its end within "
              + timeout.toSeconds()
              + " s: "
              + e.getMessage(),
          e);
    }
  }

  private void remember(ConsumerRecord<String, String> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    try {
      known.putIfAbsent(Long.parseUnsignedLong(record.key(), 16), record.value());
    } catch (NumberFormatException e) {
      // not a fingerprint: nobody can look this record up, so it is no schema of ours
    }
  }

  private static Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IllegalStateException("timed out");
    }
    return Duration.ofNanos(left);
  }

  private void ensureTopic() {
    if (!topicReady) {
      TopicAdmin.createTopics(
          client.toProperties(), List.of(topic), (int) Math.max(1, timeout.toSeconds()));
      topicReady = true;
    }
  }

  private KafkaProducer<String, String> producer() {
    if (closed) {
      throw new IllegalStateException("schema source closed");
    }
    if (producer == null) {
      ensureTopic();
      Properties props = client.toProperties();
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
      props.put(
          ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
          String.valueOf(Math.min(timeout.toMillis(), 30_000)));
      props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
      props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "camfleet-schemas-writer");
      producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
    return producer;
  }

  private Properties consumerProperties() {
    Properties props = client.toProperties();
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "camfleet-schemas-reader");
    return props;
  }

  private static String describe(Schema schema, long fingerprint) {
    return "writer schema "
        + WriterSchemaStore.hex(fingerprint)
        + " ("
        + schema.getFullName()
        + ")";
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
    }
    synchronized (readLock) {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(5));
      }
    }
  }
}
