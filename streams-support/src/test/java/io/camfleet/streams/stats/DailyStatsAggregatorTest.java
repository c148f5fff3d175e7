package io.camfleet.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.PendingStats;
import io.camfleet.avro.StatsDelta;
import io.camfleet.schemas.AvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class DailyStatsAggregatorTest {
  private static final String STORE = "stats-totals";
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long FIRST = Instant.parse("2019-06-01T00:00:00Z").toEpochMilli();

  @Test
  void requestsACommitWithTheWorldsLastDayAndNotBefore() {
    MockProcessorContext<String, DailyStats> context = new MockProcessorContext<>();
    KeyValueStore<String, PendingStats> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE),
                Serdes.String(),
                AvroSerde.of(PendingStats.class))
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    DailyStatsAggregator aggregator = new DailyStatsAggregator(STORE, "retention-service", 2);
    aggregator.init(context);

    // a day is released once both partitions have closed it; the world ends an hour into day two
    aggregator.process(delta(0, FIRST, FIRST + DAY, false, 3));
    aggregator.process(delta(1, FIRST, FIRST + DAY, false, 4));
    aggregator.process(delta(0, FIRST + DAY, FIRST + DAY + 3_600_000, true, 1));
    assertEquals(List.of(false), lastFlags(context));
    assertFalse(context.committed(), "no commit requested before the last day");

    aggregator.process(delta(1, FIRST + DAY, FIRST + DAY + 3_600_000, true, 2));
    assertEquals(List.of(false, true), lastFlags(context));
    assertEquals(Map.of("clips", 10L), context.forwarded().get(1).record().value().getMeasures());
    assertTrue(context.committed(), "a commit requested with the last day");
  }

  private static Record<String, StatsDelta> delta(
      int partition, long dayStart, long dayEnd, boolean last, long clips) {
    Map<String, Long> changes = new HashMap<>(Map.of("clips", clips));
    StatsDelta delta =
        StatsDelta.newBuilder()
            .setRun("")
            .setPolicy("status-quo-2019")
            .setPartition(partition)
            .setDayStart(dayStart)
            .setDayEnd(dayEnd)
            .setLast(last)
            .setChanges(changes)
            .build();
    return new Record<>("status-quo-2019", delta, dayEnd);
  }

  private static List<Boolean> lastFlags(MockProcessorContext<String, DailyStats> context) {
    return context.forwarded().stream().map(f -> f.record().value().getLast()).toList();
  }
}
