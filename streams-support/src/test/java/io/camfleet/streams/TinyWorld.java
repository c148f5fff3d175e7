package io.camfleet.streams;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A world small enough for a service test to run several times: each camera records a clip at noon
 * every day (even-numbered cameras in the EU, the others in the US), a clip is shared on the
 * neighbourhood feed half an hour later when camera number plus day is a multiple of five, and the
 * clock ticks every hour on every partition, the last tick final.
 */
public final class TinyWorld {
  public static final Instant START = Instant.parse("2019-05-01T00:00:00Z");

  private TinyWorld() {}

  /** What was published. */
  public record Counts(int clips, int shares, int events) {}

  /**
   * Publishes {@code cameras} cameras over {@code days} days to {@code topic} at {@code
   * bootstrapServers}, in one transaction: the broker keeps an open transaction's producer state
   * whatever its records' event times, and a lost batch fails the commit.
   */
  public static Counts publish(
      String bootstrapServers, Topic<String, WorldEvent> topic, int cameras, int days) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tiny-world-" + UUID.randomUUID());
    int clips = 0;
    int shares = 0;
    int events = 0;
    try (KafkaProducer<String, WorldEvent> producer =
        new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int hour = 0; hour <= days * 24; hour++) {
        Instant now = START.plus(Duration.ofHours(hour));
        if (hour % 24 == 12 && hour < days * 24) {
          int day = hour / 24;
          for (int cam = 0; cam < cameras; cam++) {
            String camera = "cam-" + cam;
            String clip = "clip-" + cam + "-" + day;
            String region = cam % 2 == 0 ? "EU" : "US";
            send(
                producer,
                topic,
                camera,
                null,
                now,
                new ClipRecorded(
                    clip, camera, "home-" + cam, region, now.toEpochMilli(), 20, 1000L));
            clips++;
            events++;
            if ((cam + day) % 5 == 0) {
              send(
                  producer,
                  topic,
                  camera,
                  null,
                  now.plus(Duration.ofMinutes(30)),
                  new ClipShared(
                      "copy-" + clip,
                      clip,
                      camera,
                      "home-" + cam,
                      now.toEpochMilli(),
                      region,
                      ShareChannel.NEIGHBOURHOOD_POST,
                      "feed-1",
                      HolderType.NEIGHBOURHOOD_FEED,
                      false,
                      null));
              shares++;
              events++;
            }
          }
        }
        for (int partition = 0; partition < topic.partitions(); partition++) {
          send(
              producer,
              topic,
              "tick-" + partition,
              partition,
              now,
              new ClockTick(partition, hour == days * 24));
          events++;
        }
      }
      producer.commitTransaction();
    }
    return new Counts(clips, shares, events);
  }

  private static void send(
      KafkaProducer<String, WorldEvent> producer,
      Topic<String, WorldEvent> topic,
      String key,
      Integer partition,
      Instant at,
      Object event) {
    WorldEvent value =
        WorldEvent.newBuilder().setEventTime(at.toEpochMilli()).setEvent(event).build();
    producer.send(new ProducerRecord<>(topic.name(), partition, at.toEpochMilli(), key, value));
  }
}
