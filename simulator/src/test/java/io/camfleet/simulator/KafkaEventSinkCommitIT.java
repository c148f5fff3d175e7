package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.ClockTick;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.testkafka.TestKafka;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A paced run's events become readable (read_committed) within the sink's transaction time, without
 * a next event or a close.
 */
class KafkaEventSinkCommitIT {
  private static final long HOUR = 3_600_000L;

  private static WorldEvent tick(int partition, long time) {
    return WorldEvent.newBuilder()
        .setEventTime(time)
        .setEvent(new ClockTick(partition, false))
        .build();
  }

  @Test
  @Timeout(120)
  void commitsEventsOfAnIdleRunWithoutWaitingForTheNextEvent() {
    Topic<String, WorldEvent> topic =
        Topics.WORLD_EVENTS.renamed(TestKafka.unique("world-events-idle"));
    TestKafka.createTopics(List.of(topic));
    try (KafkaEventSink sink =
        new KafkaEventSink(new ClientConfig(TestKafka.bootstrapServers(), null), topic)) {
      sink.send("tick-0", 0, tick(0, HOUR));
      sink.send("tick-0", 0, tick(0, 2 * HOUR));

      // the sink stays open and gets no more events: only its own commit makes these two readable
      List<ConsumerRecord<String, WorldEvent>> read =
          KafkaTopicReader.readAll(topic, 2, Duration.ofSeconds(60));

      assertEquals(
          List.of(tick(0, HOUR), tick(0, 2 * HOUR)),
          read.stream().map(ConsumerRecord::value).toList());
      assertEquals(List.of(HOUR, 2 * HOUR), read.stream().map(ConsumerRecord::timestamp).toList());
    }
  }
}
