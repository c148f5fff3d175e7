package io.camfleet.simulator.sink;

import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.schemas.Topic;
import io.camfleet.simulator.EventSink;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Publishes events to a Kafka topic with the record timestamp set to the event's time: acks from
 * all replicas, idempotent (so retries neither duplicate nor reorder a partition), lz4 batches of
 * up to 256 KiB lingering 10 ms, in transactions of at most 100 ms or 20,000 events. Creates no
 * event topics. The first failed delivery fails the next send or the close. The constructor waits
 * (up to 30 s) until every partition of the topic has a leader that accepts writes, and learns the
 * topic's partition count. Before the first event it registers the WorldEvent writer schema on the
 * {@code schemas} topic (creating that topic if missing), so that services built on an older
 * schema can still read the events.
 *
 * <p>Why transactions: a broker forgets an idempotent producer whose last record's timestamp is
 * more than {@code producer.id.expiration.ms} (a day) old, unless it has a transaction open. Event
 * times lie months or years back, so after a broker restart a plain idempotent producer's retried
 * batches were written twice; inside an open transaction the broker keeps the producer's sequence
 * numbers and drops the retries.
 */
public final class KafkaEventSink implements EventSink {
  private static final int MAX_TRANSACTION_EVENTS = 20_000;
  /** The longest a transaction stays open, in milliseconds (the benchmarks give Kafka's tool the same). */
  public static final long MAX_TRANSACTION_MILLIS = 100;
  private static final long MAX_TRANSACTION_NANOS = MAX_TRANSACTION_MILLIS * 1_000_000L;

  private final KafkaProducer<String, WorldEvent> producer;
  private final KafkaSchemaSource schemas;
  private final String topic;
  private final int partitions;
  private volatile Exception failure;
  private boolean aborted;
  private int inTransaction;
  private long transactionStarted;

  public KafkaEventSink(ClientConfig config, Topic<String, WorldEvent> topic) {
    Properties props = config.toProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "camfleet-simulator");
    // one id per sink: shards and runs never fence each other
    props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "120000");
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, props.get(ProducerConfig.CLIENT_ID_CONFIG) + "-" + UUID.randomUUID());
    this.partitions = TopicReadiness.await(config.toProperties(), topic.name(), Duration.ofSeconds(30));
    this.schemas = KafkaSchemaSource.of(config);
    Topic<String, WorldEvent> registering = topic.withSchemas(schemas);
    this.producer = new KafkaProducer<>(props, registering.keySerde().serializer(), registering.valueSerde().serializer());
    this.topic = topic.name();
    try {
      producer.initTransactions();
      begin();
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  /** Partitions of the topic on the cluster: the simulation's ticks and shards must use this count. */
  public int partitions() {
    return partitions;
  }

  @Override
  public void send(String key, Integer partition, WorldEvent event) {
    Exception failed = failure;
    if (failed != null) {
      throw new KafkaException("publishing to " + topic + " failed: " + failed.getMessage(), failed);
    }
    // the producer serializes the value before send returns, so the reused event may change afterwards
    producer.send(
        new ProducerRecord<>(topic, partition, event.getEventTime(), key, event),
        (metadata, exception) -> {
          if (exception != null && failure == null) {
            failure = exception;
          }
        });
    if (++inTransaction >= MAX_TRANSACTION_EVENTS || System.nanoTime() - transactionStarted >= MAX_TRANSACTION_NANOS) {
      commit();
      begin();
    }
  }

  /** Commits the open transaction, waiting out a broker that is down for up to about two minutes. */
  private void commit() {
    for (int attempt = 1; ; attempt++) {
      try {
        producer.commitTransaction();
        return;
      } catch (TimeoutException e) {
        // the commit may be retried; the transaction itself is aborted by the broker after two minutes
        if (attempt == 2) {
          throw e;
        }
      }
    }
  }

  private void begin() {
    producer.beginTransaction();
    inTransaction = 0;
    transactionStarted = System.nanoTime();
  }

  @Override
  public void abort() {
    aborted = true;
  }

  @Override
  public void close() {
    if (aborted) {
      try {
        producer.abortTransaction();
      } catch (KafkaException e) {
        // the run failed already; the broker aborts the transaction when it times out
      }
      producer.close(Duration.ZERO);
      schemas.close();
      return;
    }
    try {
      commit();
    } finally {
      producer.close();
      schemas.close();
    }
    Exception failed = failure;
    if (failed != null) {
      throw new KafkaException("publishing to " + topic + " failed: " + failed.getMessage(), failed);
    }
  }
}
