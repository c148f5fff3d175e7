package io.camfleet.streams;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.Test;

/**
 * Task idling is off, so {@link ServiceRunner} accepts only topologies whose tasks read one topic.
 */
class ServiceRunnerTopologyTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  @Test
  void oneTopicPerSubTopologyIsAcceptedRepartitionsIncluded() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("events", STRINGS)
        .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName("by-household"))
        .to("out");
    assertDoesNotThrow(() -> ServiceRunner.requireOneInputPerTask(builder.build()));
  }

  @Test
  void aMergeOfTwoTopicsIsRefusedNamingThem() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> a = builder.stream("events", STRINGS);
    a.merge(builder.stream("requests", STRINGS)).to("out");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServiceRunner.requireOneInputPerTask(builder.build()));
    assertEquals(
        "sub-topology 0 reads events, requests: each task must read one topic, because task"
            + " idling is off (StreamsSettings, max.task.idle.ms)",
        e.getMessage());
  }

  @Test
  void aTopicPatternIsRefused() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Pattern.compile("events-.*"), STRINGS).to("out");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServiceRunner.requireOneInputPerTask(builder.build()));
    assertEquals(
        "sub-topology 0 reads a topic pattern: each task must read one topic, because task"
            + " idling is off (StreamsSettings, max.task.idle.ms)",
        e.getMessage());
  }
}
