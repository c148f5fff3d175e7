package io.camfleet.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.avro.StatsDelta;
import io.camfleet.streams.StateFolderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** One partition's days: N days for a world of N days, the last ending at the horizon. */
class DailyDeltasTest {
  private static final String POLICY = "status-quo-2019";
  private static final Instant START = Instant.parse("2019-06-01T00:00:00Z");
  private static final int PARTITION = 3;

  private final KeyValueStore<String, long[]> store = store();
  private final List<StatsDelta> out = new ArrayList<>();

  @Test
  void aThreeDayWorldWithTicksAtEveryMidnightReportsThreeDaysTheLastEndingAtTheHorizon() {
    DailyDeltas days = deltas();
    Instant horizon = START.plus(Duration.ofDays(3));
    for (Instant tick = START; tick.isBefore(horizon); tick = tick.plus(Duration.ofHours(6))) {
      advance(days, tick);
      days.add(POLICY, 0, 1);
    }
    out.addAll(days.finish(horizon.toEpochMilli(), PARTITION));

    assertEquals(
        List.of(
            "2019-06-01 to 2019-06-02T00:00:00Z clips=4",
            "2019-06-02 to 2019-06-03T00:00:00Z clips=4",
            "2019-06-03 to 2019-06-04T00:00:00Z clips=4 last"),
        describe(out));
  }

  @Test
  void aChangeAtMidnightCountsInTheDayItStartsOnceStreamTimePassesIt() {
    DailyDeltas days = deltas();
    advance(days, START.plus(Duration.ofHours(23)));
    days.add(POLICY, 0, 1);
    advance(days, START.plus(Duration.ofDays(1)));
    days.add(POLICY, 0, 10);
    assertEquals(
        List.of(), describe(out), "a day reaching its end stays open: it may be the world's last");

    advance(days, START.plus(Duration.ofDays(1)).plusMillis(1));
    days.add(POLICY, 0, 100);
    out.addAll(days.finish(START.plus(Duration.ofDays(2)).toEpochMilli(), PARTITION));

    assertEquals(
        List.of(
            "2019-06-01 to 2019-06-02T00:00:00Z clips=1",
            "2019-06-02 to 2019-06-03T00:00:00Z clips=110 last"),
        describe(out));
  }

  @Test
  void aChangeAtTheHorizonCountsInTheLastDay() {
    DailyDeltas days = deltas();
    advance(days, START.plus(Duration.ofHours(12)));
    days.add(POLICY, 0, 1);
    Instant horizon = START.plus(Duration.ofDays(1));
    advance(days, horizon);
    days.add(POLICY, 0, 10);
    out.addAll(days.finish(horizon.toEpochMilli(), PARTITION));
    advance(days, horizon.plus(Duration.ofDays(2)));

    assertEquals(List.of("2019-06-01 to 2019-06-02T00:00:00Z clips=11 last"), describe(out));
  }

  @Test
  void skippedDaysLeaveEmptyAndAHorizonInsideADayEndsTheLastDayThere() {
    DailyDeltas days = deltas();
    advance(days, START.plus(Duration.ofHours(10)));
    days.add(POLICY, 0, 1);
    advance(days, START.plus(Duration.ofDays(2)).plus(Duration.ofHours(10)));
    days.add(POLICY, 0, 1);
    out.addAll(
        days.finish(
            START.plus(Duration.ofDays(2)).plus(Duration.ofHours(10)).toEpochMilli(), PARTITION));

    assertEquals(
        List.of(
            "2019-06-01 to 2019-06-02T00:00:00Z clips=1",
            "2019-06-02 to 2019-06-03T00:00:00Z clips=0",
            "2019-06-03 to 2019-06-03T10:00:00Z clips=1 last"),
        describe(out));
  }

  @Test
  void aPartitionWhoseFirstRecordIsTheFinalTickReportsTheDayEndingAtTheHorizon() {
    DailyDeltas days = deltas();
    Instant horizon = START.plus(Duration.ofDays(1));
    advance(days, horizon);
    days.add(POLICY, 0, 1);
    out.addAll(days.finish(horizon.toEpochMilli(), PARTITION));

    assertEquals(List.of("2019-06-01 to 2019-06-02T00:00:00Z clips=1 last"), describe(out));
  }

  @Test
  void theChangesAtADaysEndSurviveARestart() {
    DailyDeltas before = deltas();
    advance(before, START.plus(Duration.ofHours(12)));
    before.add(POLICY, 0, 1);
    advance(before, START.plus(Duration.ofDays(1)));
    before.add(POLICY, 0, 10);
    before.flush();

    DailyDeltas after = deltas();
    advance(after, START.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
    out.addAll(after.finish(START.plus(Duration.ofDays(2)).toEpochMilli(), PARTITION));

    assertEquals(
        List.of(
            "2019-06-01 to 2019-06-02T00:00:00Z clips=1",
            "2019-06-02 to 2019-06-03T00:00:00Z clips=10 last"),
        describe(out));
  }

  @Test
  void readsAnOpenDaySavedWithoutTheChangesAtItsEnd() {
    store.put("open-days", new long[] {START.toEpochMilli(), 0, 7});

    DailyDeltas days = deltas();
    out.addAll(days.finish(START.plus(Duration.ofDays(1)).toEpochMilli(), PARTITION));

    assertEquals(List.of("2019-06-01 to 2019-06-02T00:00:00Z clips=7 last"), describe(out));
  }

  @Test
  void refusesOpenDaysSavedWithAnotherCountOfMeasuresNamingResetState() {
    // one measure more than today: the layout of another version
    store.put("open-days", new long[] {START.toEpochMilli(), 0, 7, 1, 0, 0});

    StateFolderException refused = assertThrows(StateFolderException.class, this::deltas);

    assertEquals(
        "the open days saved in state store days hold 6 values, where this version keeps 4:"
            + " they were written by a version that counted other measures; start again with"
            + " --reset-state",
        refused.getMessage());
  }

  private DailyDeltas deltas() {
    return new DailyDeltas(store, List.of(POLICY), List.of("clips"));
  }

  private void advance(DailyDeltas days, Instant to) {
    out.addAll(days.advanceTo(to.toEpochMilli(), PARTITION));
  }

  private static KeyValueStore<String, long[]> store() {
    MockProcessorContext<String, StatsDelta> context = new MockProcessorContext<>();
    KeyValueStore<String, long[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("days"), Serdes.String(), new LongArraySerde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  private static List<String> describe(List<StatsDelta> deltas) {
    List<String> lines = new ArrayList<>();
    for (StatsDelta delta : deltas) {
      assertEquals(PARTITION, delta.getPartition());
      assertEquals(POLICY, delta.getPolicy());
      lines.add(
          Instant.ofEpochMilli(delta.getDayStart()).toString().substring(0, 10)
              + " to "
              + Instant.ofEpochMilli(delta.getDayEnd())
              + " clips="
              + delta.getChanges().get("clips")
              + (delta.getLast() ? " last" : ""));
    }
    return lines;
  }
}
