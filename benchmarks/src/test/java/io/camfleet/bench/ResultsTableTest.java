package io.camfleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.bench.ResultsTable.Goal;
import io.camfleet.bench.ResultsTable.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

  @Test
  void medianOfOddCountIsTheMiddleValue() {
    assertEquals(2.0, Ratios.median(List.of(3.0, 1.0, 2.0)));
  }

  @Test
  void medianOfEvenCountIsTheMeanOfTheMiddlePair() {
    assertEquals(2.5, Ratios.median(List.of(4.0, 1.0, 2.0, 3.0)));
  }

  @Test
  void medianRatioPairsEachRunWithTheReferenceRunBesideIt() {
    Ratios.Comparison c =
        new Ratios.Comparison(List.of(90.0, 50.0, 80.0), List.of(100.0, 100.0, 50.0));
    // ratios 0.9, 0.5, 1.6: the median is 0.9, not median(ours) / median(reference) = 0.8
    assertEquals(0.9, c.medianRatio(), 1e-12);
    assertEquals(80.0, c.medianOurs());
    assertEquals(100.0, c.medianReference());
  }

  @Test
  void refusesUnpairedRuns() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ratios.Comparison(List.of(1.0), List.of(1.0, 2.0)));
  }

  @Test
  void refusesAReferenceRunWithNoThroughput() {
    assertThrows(
        IllegalArgumentException.class, () -> new Ratios.Comparison(List.of(1.0), List.of(0.0)));
  }

  @Test
  void missedGoalSaysByHowMuch() {
    Row atLeast = new Row("1", "ratio", 0.45, "x", Goal.AT_LEAST, 0.9, "");
    Row atMost = new Row("4", "ratio", 1.95, "x", Goal.AT_MOST, 1.3, "");
    assertFalse(atLeast.met());
    assertEquals("missed by 50%", atLeast.shortfall());
    assertEquals("missed by 50%", atMost.shortfall());
    assertTrue(new Row("2", "rate", 1_200_000, "events/s", Goal.AT_LEAST, 1_000_000, "").met());
  }

  @Test
  void tableHasOneLinePerRowWithValueGoalAndVerdict() {
    String md =
        new ResultsTable()
            .add(
                new Row(
                    "1",
                    "simulator to Kafka / ProducerPerformance",
                    0.95,
                    "x",
                    Goal.AT_LEAST,
                    0.9,
                    "runs a"))
            .add(
                new Row(
                    "2",
                    "simulator to Avro file",
                    750_000,
                    "events/s",
                    Goal.AT_LEAST,
                    1_000_000,
                    "runs b"))
            .add(new Row("3", "at-least-once", 0.4, "x", Goal.NONE, 0, "runs c"))
            .toMarkdown();
    assertEquals(
        List.of(
            "| # | measure | value | goal | met | runs |",
            "|---|---|---:|---|---|---|",
            "| 1 | simulator to Kafka / ProducerPerformance | 0.950 x | >= 0.900 x | yes | runs a |",
            "| 2 | simulator to Avro file | 750,000 events/s | >= 1,000,000 events/s | no, missed by 25% | runs b |",
            "| 3 | at-least-once | 0.400 x | - | - | runs c |"),
        md.lines().toList());
  }

  @Test
  void parsesProducerPerformanceFinalSummary() {
    String out =
        """
        100000 records sent, 20000.0 records/sec (1.91 MB/sec), 5.0 ms avg latency, 100.0 ms max latency.
        500000 records sent, 98765.4 records/sec (9.42 MB/sec), 3.1 ms avg latency, 150.0 ms max latency, 2 ms 50th, 9 ms 95th, 20 ms 99th, 40 ms 99.9th.
        """;
    assertEquals(98765.4, KafkaTools.parseProducerRate(out));
  }

  @Test
  void parsesConsumerPerformanceMessagesPerSecond() {
    String out =
        """
        start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        2026-11-29 17:00:00:000, 2026-11-29 17:00:02:000, 30.0000, 15.0000, 500000, 250000.0000, 300, 1700, 17.6471, 294117.6471
        """;
    assertEquals(250000.0, KafkaTools.parseConsumerRate(out));
  }
}
