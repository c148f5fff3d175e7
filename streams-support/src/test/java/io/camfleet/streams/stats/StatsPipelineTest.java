package io.camfleet.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.StatsDelta;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily statistics of a whole world, as both services build them: two input partitions close
 * their days in {@link DailyDeltas}, {@link StatsPipeline} sums them into one record per day.
 */
class StatsPipelineTest {
  private static final String POLICY = "status-quo-2019";
  private static final String SERVICE = "retention-service";
  private static final Instant START = Instant.parse("2019-06-01T00:00:00Z");
  private static final int DAYS = 100;
  private static final Instant HORIZON = START.plus(Duration.ofDays(DAYS));
  private static final Topic<String, DailyStats> STATS =
      Topics.RETENTION_STATS.renamed("test-stats");
  private static final Topic<String, String> JSON =
      Topics.RETENTION_STATS_JSON.renamed("test-stats-json");

  @TempDir Path stateDir;

  /**
   * A 100-day world starting at midnight: on each of two partitions a clip at noon every day and a
   * clock tick every six hours (so one at every midnight), then the final tick at the horizon. On
   * partition 0 one more clip at the midnight that starts day 11; on partition 1 one at the horizon
   * itself, as an expiry due then would be.
   */
  @Test
  void aWorldOfAHundredDaysGivesAHundredDaysTheLastEndingAtTheHorizon() {
    List<Event> world = world();
    List<String> expected = expected();

    try (TopologyTestDriver driver = driver()) {
      List<String> stats = stats(driver, world);
      List<String> json =
          driver
              .createOutputTopic(
                  JSON.name(), JSON.keySerde().deserializer(), JSON.valueSerde().deserializer())
              .readValuesToList();

      assertEquals(expected, stats);
      assertEquals(
          List.of(
              "status-quo-2019/2019-06-01 retention-service dayEnd=2019-06-02T00:00:00Z last=false clips=2",
              "status-quo-2019/2019-09-08 retention-service dayEnd=2019-09-09T00:00:00Z last=true clips=202"),
          List.of(stats.get(0), stats.get(stats.size() - 1)));
      assertEquals(DAYS, json.size());
      assertEquals(
          "{\"policy\":\"status-quo-2019\",\"service\":\"retention-service\",\"day\":\"2019-09-08\","
              + "\"dayEnd\":1567987200000,\"last\":true,\"clips\":202}",
          json.get(DAYS - 1));
    }
  }

  /**
   * One partition's whole world arrives before the other's (a stream task far ahead of another):
   * the days are held until both partitions closed them, then released in order with the same
   * totals, and no held day is left behind.
   */
  @Test
  void aPartitionFarAheadOfTheOtherGivesTheSameDaysAndLeavesNoneHeld() {
    List<Event> world = new ArrayList<>(world());
    world.sort(Comparator.comparing((Event e) -> -e.partition()).thenComparing(Event::time));
    try (TopologyTestDriver driver = driver()) {
      assertEquals(expected(), stats(driver, world));
      List<String> held = new ArrayList<>();
      try (var all = driver.getKeyValueStore(SERVICE + "-stats-totals").all()) {
        all.forEachRemaining(kv -> held.add(String.valueOf(kv.key)));
      }
      assertEquals(List.of(POLICY), held);
    }
  }

  private static List<Event> world() {
    List<Event> world = new ArrayList<>();
    for (int partition = 0; partition < 2; partition++) {
      for (int day = 0; day < DAYS; day++) {
        world.add(
            new Event(
                partition, START.plus(Duration.ofDays(day)).plus(Duration.ofHours(12)), "clip"));
      }
      for (Instant tick = START.plus(Duration.ofHours(6));
          tick.isBefore(HORIZON);
          tick = tick.plus(Duration.ofHours(6))) {
        world.add(new Event(partition, tick, "tick"));
      }
    }
    world.add(new Event(0, START.plus(Duration.ofDays(10)), "clip"));
    world.add(new Event(1, HORIZON, "clip"));
    world.add(new Event(0, HORIZON, "last"));
    world.add(new Event(1, HORIZON, "last"));
    world.sort(
        Comparator.comparing(Event::time)); // stable: the horizon's clip before its final ticks
    return world;
  }

  private static List<String> expected() {
    List<String> expected = new ArrayList<>();
    long clips = 0;
    for (int day = 0; day < DAYS; day++) {
      clips += 2 + (day == 10 ? 1 : 0) + (day == DAYS - 1 ? 1 : 0);
      Instant dayStart = START.plus(Duration.ofDays(day));
      expected.add(
          POLICY
              + "/"
              + dayStart.toString().substring(0, 10)
              + " "
              + SERVICE
              + " dayEnd="
              + dayStart.plus(Duration.ofDays(1))
              + " last="
              + (day == DAYS - 1)
              + " clips="
              + clips);
    }

    return expected;
  }

  /** Pipes {@code world} in and reads each day's stats as one line. */
  private static List<String> stats(TopologyTestDriver driver, List<Event> world) {
    TestInputTopic<String, String> in =
        driver.createInputTopic(
            "events", Serdes.String().serializer(), Serdes.String().serializer());
    world.forEach(e -> in.pipeInput(Integer.toString(e.partition()), e.kind(), e.time()));
    return driver
        .createOutputTopic(
            STATS.name(), STATS.keySerde().deserializer(), STATS.valueSerde().deserializer())
        .readKeyValuesToList()
        .stream()
        .map(
            kv ->
                kv.key
                    + " "
                    + kv.value.getService()
                    + " dayEnd="
                    + Instant.ofEpochMilli(kv.value.getDayEnd())
                    + " last="
                    + kv.value.getLast()
                    + " clips="
                    + kv.value.getMeasures().get("clips"))
        .toList();
  }

  private TopologyTestDriver driver() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(DailyDeltas.storeBuilder("days-0"));
    builder.addStateStore(DailyDeltas.storeBuilder("days-1"));
    KStream<String, StatsDelta> deltas =
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String()))
            .process(TwoPartitions::new, "days-0", "days-1");
    StatsPipeline.attach(builder, deltas, STATS, JSON, SERVICE, 2);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-pipeline-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return new TopologyTestDriver(builder.build(), props);
  }

  private record Event(int partition, Instant time, String kind) {}

  /** Stands in for a service's processor on two input partitions: the key names the partition. */
  private static final class TwoPartitions
      implements Processor<String, String, String, StatsDelta> {
    private ProcessorContext<String, StatsDelta> context;
    private final DailyDeltas[] days = new DailyDeltas[2];

    @Override
    public void init(ProcessorContext<String, StatsDelta> context) {
      this.context = context;
      for (int p = 0; p < days.length; p++) {
        days[p] =
            new DailyDeltas(context.getStateStore("days-" + p), List.of(POLICY), List.of("clips"));
      }
    }

    @Override
    public void process(Record<String, String> record) {
      int partition = Integer.parseInt(record.key());
      DailyDeltas partitionDays = days[partition];
      long now = record.timestamp();
      forward(partitionDays.advanceTo(now, partition), now);
      switch (record.value()) {
        case "clip" -> partitionDays.add(POLICY, 0, 1);
        case "last" -> forward(partitionDays.finish(now, partition), now);
        default -> {}
      }
      partitionDays.flush();
    }

    private void forward(List<StatsDelta> closed, long now) {
      closed.forEach(delta -> context.forward(new Record<>(delta.getPolicy(), delta, now)));
    }
  }
}
