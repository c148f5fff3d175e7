package io.camfleet.sharing;

import io.camfleet.avro.ClockTick;
import io.camfleet.avro.WorldEvent;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.testkafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * World events written to a test's world-events topic in one transaction: the broker keeps an open
 * transaction's producer state whatever the records' event times (docs/reliability.md), and a lost
 * batch fails the commit.
 */
final class SharingInput implements AutoCloseable {
  private final SharingTopics topics;
  private final KafkaProducer<String, byte[]> producer;

  private SharingInput(SharingTopics topics) {
    this.topics = topics;
    Properties props = TestKafka.clientConfig();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sharing-it-input-" + UUID.randomUUID());
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** A transaction begun on the world-events topic of {@code topics}. */
  static SharingInput begin(SharingTopics topics) {
    SharingInput input = new SharingInput(topics);
    input.producer.initTransactions();
    input.producer.beginTransaction();
    return input;
  }

  /** {@code event} under {@code key} (a camera id), at its event time. */
  SharingInput send(String key, WorldEvent event) {
    return send(null, key, event.getEventTime(), serialize(event));
  }

  /** A record that is no Avro, at {@code time}. */
  SharingInput sendUnreadable(String key, long time) {
    return send(null, key, time, "not avro".getBytes(StandardCharsets.UTF_8));
  }

  /** A clock tick at {@code time} on every partition, the final one if {@code last}. */
  SharingInput tickEveryPartition(long time, boolean last) {
    for (int partition = 0; partition < topics.worldEvents().partitions(); partition++) {
      send(
          partition,
          Integer.toString(partition),
          time,
          serialize(new WorldEvent(time, new ClockTick(partition, last))));
    }
    return this;
  }

  void commit() {
    producer.commitTransaction();
  }

  @Override
  public void close() {
    producer.close();
  }

  private SharingInput send(Integer partition, String key, long time, byte[] value) {
    producer.send(new ProducerRecord<>(topics.worldEvents().name(), partition, time, key, value));
    return this;
  }

  private byte[] serialize(WorldEvent event) {
    return topics
        .worldEvents()
        .valueSerde()
        .serializer()
        .serialize(topics.worldEvents().name(), event);
  }
}
