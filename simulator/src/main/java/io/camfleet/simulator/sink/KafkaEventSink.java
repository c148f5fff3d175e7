package io.camfleet.simulator.sink;

import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.schemas.Topic;
import io.camfleet.simulator.EventSink;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes events to a Kafka topic with the record timestamp set to the event's time: acks from
 * all replicas, idempotent (so retries neither duplicate nor reorder a partition), lz4 batches of
 * up to 256 KiB lingering 10 ms. Creates no event topics. The first failed delivery fails the
 * next send or the close. The constructor waits (up to 30 s) until every partition of the topic
 * has a leader that accepts writes, and learns the topic's partition count. Before the first
 * event it registers the WorldEvent writer schema on the {@code schemas} topic (creating that
 * topic if missing), so that services built on an older schema can still read the events.
 */
public final class KafkaEventSink implements EventSink {
  private final KafkaProducer<String, WorldEvent> producer;
  private final KafkaSchemaSource schemas;
  private final String topic;
  private final int partitions;
  private volatile Exception failure;
  private boolean aborted;

  public KafkaEventSink(ClientConfig config, Topic<String, WorldEvent> topic) {
    Properties props = config.toProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "camfleet-simulator");
    this.partitions = TopicReadiness.await(config.toProperties(), topic.name(), Duration.ofSeconds(30));
    this.schemas = KafkaSchemaSource.of(config);
    Topic<String, WorldEvent> registering = topic.withSchemas(schemas);
    this.producer = new KafkaProducer<>(props, registering.keySerde().serializer(), registering.valueSerde().serializer());
    this.topic = topic.name();
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
  }

  @Override
  public void abort() {
    aborted = true;
  }

  @Override
  public void close() {
    if (aborted) {
      producer.close(Duration.ZERO);
      schemas.close();
      return;
    }
    try {
      producer.flush();
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
