package io.camfleet.streams.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.streams.InvariantViolation;
import io.camfleet.streams.StreamsSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * The settings' exception handlers send bad records to the dead-letter topic and count each one.
 */
class DeadLetterCountingTest {
  private static final String IN = "numbers";
  private static final String OUT = "positive-numbers";
  private static final String DEAD_LETTERS = "numbers-dead-letters";

  @Test
  void countsEachUnreadableAndEachRefusedRecordItSendsToTheDeadLetterTopic() {
    try (ServiceMetrics metrics = new ServiceMetrics("test-service");
        TopologyTestDriver driver = driver(metrics.deadLetters())) {
      TestInputTopic<String, byte[]> in =
          driver.createInputTopic(IN, new StringSerializer(), new ByteArraySerializer());
      TestOutputTopic<String, Integer> out =
          driver.createOutputTopic(
              OUT, Serdes.String().deserializer(), Serdes.Integer().deserializer());
      TestOutputTopic<byte[], byte[]> deadLetters =
          driver.createOutputTopic(
              DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());

      in.pipeInput("a", number(1));
      in.pipeInput("b", "not four bytes".getBytes(StandardCharsets.UTF_8));
      in.pipeInput("c", number(-5));
      in.pipeInput("d", number(2));
      in.pipeInput("e", new byte[] {1});

      assertEquals(List.of(1, 2), out.readValuesToList());
      // The test driver passes on the dead letters of refused records only; the services' tests on
      // a
      // real broker see those of unreadable records arrive too.
      assertEquals(List.of("c"), keys(deadLetters));
      assertEquals(
          Map.of(
              Map.of("service", "test-service", "reason", "deserialization"), 2.0,
              Map.of("service", "test-service", "reason", "processing"), 1.0),
          PrometheusSamples.parse(metrics.scrape()).series("camfleet_dead_letter_records_total"));
    }
  }

  @Test
  void skipsBadRecordsAndSendsRefusedOnesToTheDeadLetterTopicWithoutACounterToo() {
    try (TopologyTestDriver driver =
        new TopologyTestDriver(topology(), settings().toProperties())) {
      TestInputTopic<String, byte[]> in =
          driver.createInputTopic(IN, new StringSerializer(), new ByteArraySerializer());
      TestOutputTopic<String, Integer> out =
          driver.createOutputTopic(
              OUT, Serdes.String().deserializer(), Serdes.Integer().deserializer());
      TestOutputTopic<byte[], byte[]> deadLetters =
          driver.createOutputTopic(
              DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());

      in.pipeInput("a", new byte[] {1});
      in.pipeInput("b", number(-5));
      in.pipeInput("c", number(3));

      assertEquals(List.of(3), out.readValuesToList());
      assertEquals(List.of("b"), keys(deadLetters));
    }
  }

  private static TopologyTestDriver driver(DeadLetterCounter counter) {
    return new TopologyTestDriver(topology(), settings().toProperties(counter));
  }

  private static StreamsSettings settings() {
    return StreamsSettings.defaults("dead-letter-test", new ClientConfig("test:9092", null))
        .withDeadLetterTopic(DEAD_LETTERS);
  }

  private static List<String> keys(TestOutputTopic<byte[], byte[]> topic) {
    return topic.readKeyValuesToList().stream()
        .map(r -> new String(r.key, StandardCharsets.UTF_8))
        .toList();
  }

  /** Passes positive numbers on; a negative one breaks an invariant. */
  private static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(IN, Consumed.with(Serdes.String(), Serdes.Integer()))
        .mapValues(
            n -> {
              if (n < 0) {
                throw new InvariantViolation("negative: " + n);
              }
              return n;
            })
        .to(OUT, Produced.with(Serdes.String(), Serdes.Integer()));
    return builder.build();
  }

  private static byte[] number(int n) {
    return ByteBuffer.allocate(4).putInt(n).array();
  }
}
