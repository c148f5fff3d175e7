package io.camfleet.lab;

import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topic;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.generate.Partitions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the simulator's events, and before every {@code every}-th one a bad record of the next
 * kind on the same partition, stamped with that event's time; remembers where each bad record
 * landed ("topic/partition/offset").
 */
final class PoisonedSink implements EventSink {
  private static final long HOUR = 3_600_000L;

  /** The kinds of bad record, in the order they take turns. */
  enum Kind {
    /** Bytes that are no Avro at all: both services fail to decode them. */
    GARBAGE,
    /**
     * A valid single-object header with a fingerprint no schema has: both services fail to decode
     * it.
     */
    UNKNOWN_FINGERPRINT,
    /**
     * A share of a clip never recorded, an hour old, under a copy id already given on the
     * partition: the retention service knows no such clip, the sharing service knows the copy id.
     */
    SHARE_OF_UNKNOWN_CLIP,
    /**
     * A copy whose parent copy was never made: the sharing service rejects it; retention reads no
     * copies.
     */
    COPY_OF_UNKNOWN_PARENT
  }

  private final KafkaProducer<String, byte[]> producer;
  private final Serializer<WorldEvent> values;
  private final String topic;
  private final int partitions;
  private final int every;
  private final Map<Integer, ClipShared> lastShare = new HashMap<>();
  private final Map<String, Kind> bad = new TreeMap<>();
  private volatile Exception failure;
  private long events;
  private int poisoned;

  PoisonedSink(ClientConfig client, Topic<String, WorldEvent> topic, int every) {
    Properties props = client.toProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.values = topic.valueSerde().serializer();
    this.topic = topic.name();
    this.partitions = topic.partitions();
    this.every = every;
  }

  @Override
  public void send(String key, Integer partition, WorldEvent event) {
    int p = partition != null ? partition : Partitions.of(key, partitions);
    long time = event.getEventTime();
    byte[] good = values.serialize(topic, event);
    if (++events % every == 0) {
      Kind kind = Kind.values()[poisoned % Kind.values().length];
      if (kind == Kind.SHARE_OF_UNKNOWN_CLIP && !lastShare.containsKey(p)) {
        kind = Kind.COPY_OF_UNKNOWN_PARENT;
      }
      poisoned++;
      publish(p, key, time, poison(kind, good, time, p), kind);
    }
    publish(p, key, time, good, null);
    if (event.getEvent() instanceof ClipShared share) {
      lastShare.put(p, ClipShared.newBuilder(share).build());
    }
  }

  private byte[] poison(Kind kind, byte[] good, long time, int partition) {
    String n = String.valueOf(poisoned);
    return switch (kind) {
      case GARBAGE -> ("poison " + n + ": not a record").getBytes(StandardCharsets.UTF_8);
      case UNKNOWN_FINGERPRINT -> {
        byte[] copy = good.clone();
        copy[5] ^= 0x5A; // inside the 8-byte fingerprint after the 2-byte marker
        yield copy;
      }
      case SHARE_OF_UNKNOWN_CLIP -> {
        ClipShared taken = lastShare.get(partition);
        yield values.serialize(
            topic,
            new WorldEvent(
                time,
                ClipShared.newBuilder(taken)
                    .setClipId("poison-clip-" + n)
                    .setClipRecordedAt(time - HOUR)
                    .build()));
      }
      case COPY_OF_UNKNOWN_PARENT ->
          values.serialize(
              topic,
              new WorldEvent(
                  time,
                  new CopyMade(
                      "poison-copy-" + n,
                      "poison-parent-" + n,
                      "poison-clip-" + n,
                      "poison-camera",
                      "poison-household",
                      time - HOUR,
                      CopyKind.FORWARD,
                      "poison-holder",
                      HolderType.OTHER_AGENCY)));
    };
  }

  private void publish(int partition, String key, long time, byte[] value, Kind kind) {
    producer.send(
        new ProducerRecord<>(topic, partition, time, key, value),
        (metadata, exception) -> {
          if (exception != null) {
            failure = exception;
          } else if (kind != null) {
            synchronized (bad) {
              bad.put(
                  metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset(), kind);
            }
          }
        });
  }

  /** Where each bad record landed, once the sink is closed. */
  Map<String, Kind> badRecords() {
    synchronized (bad) {
      return Map.copyOf(bad);
    }
  }

  @Override
  public void close() {
    producer.close();
    if (failure != null) {
      throw new KafkaException("publishing to " + topic + " failed", failure);
    }
  }
}
