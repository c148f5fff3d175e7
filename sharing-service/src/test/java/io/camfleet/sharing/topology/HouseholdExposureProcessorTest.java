package io.camfleet.sharing.topology;

import static io.camfleet.sharing.topology.WorldFixtures.day;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.HouseholdCopyChange;
import io.camfleet.avro.HouseholdExposure;
import io.camfleet.avro.HouseholdSignal;
import io.camfleet.avro.SourceWatermark;
import io.camfleet.avro.StatsDelta;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.Runs;
import io.camfleet.streams.stats.LongArraySerde;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class HouseholdExposureProcessorTest {
  private static final String POLICY = "status-quo-2019";
  private static final int SOURCES = 2;

  private final MockProcessorContext<String, StatsDelta> context = new MockProcessorContext<>();
  private final HouseholdExposureProcessor processor =
      new HouseholdExposureProcessor(List.of(POLICY), Runs.ONLY, SOURCES);
  private long offset;

  @Test
  void countsHouseholdWithCamerasOnTwoPartitionsInEventTimeWhateverTheArrivalOrder() {
    addStore(SharingTopology.HOUSEHOLDS_STORE, AvroSerde.of(HouseholdExposure.class));
    addStore(SharingTopology.HOUSEHOLD_BUFFER_STORE, AvroSerde.of(HouseholdSignal.class));
    addStore(SharingTopology.WATERMARKS_STORE, SourceMark.SERDE);
    addStore(SharingTopology.HOUSEHOLD_DAYS_STORE, new LongArraySerde());
    processor.init(context);

    // Partition 1 (the back-yard camera) runs ahead of partition 0 (the front door). The watermarks
    // lie an hour past day 5's start: a day closes once stream time passes its end.
    send(change(1, day(2), "FEDERAL_AGENCY", +1));
    send(change(1, day(4), "FEDERAL_AGENCY", -1));
    send(watermark(1, day(5, 1), false));
    send(change(0, day(1), "REQUESTING_POLICE", +1));
    send(change(0, day(3), "REQUESTING_POLICE", -1));
    send(watermark(0, day(5, 1), false));

    assertEquals(
        List.of(
            "2019-06-02 {householdsExposed=1, householdsExposed.REQUESTING_POLICE=1}",
            "2019-06-03 {householdsExposed.FEDERAL_AGENCY=1}",
            "2019-06-04 {householdsExposed.REQUESTING_POLICE=-1}",
            "2019-06-05 {householdsExposed=-1, householdsExposed.FEDERAL_AGENCY=-1}"),
        context.forwarded().stream().map(f -> describe(f.record().value())).toList());
    assertEquals(
        List.of(SOURCES, SOURCES, SOURCES, SOURCES),
        context.forwarded().stream().map(f -> f.record().value().getPartition()).toList());
  }

  private <V> void addStore(String name, Serde<V> values) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private void send(HouseholdSignal signal) {
    context.setRecordMetadata("sharing-household-signals", 0, offset++);
    processor.process(new Record<>("key", signal, signal.getTime()));
  }

  private static HouseholdSignal change(int source, long time, String holderType, int liveCopies) {
    return new HouseholdSignal(
        time,
        source,
        new HouseholdCopyChange(POLICY, "house-1", holderType, liveCopies, false, false));
  }

  private static HouseholdSignal watermark(int source, long time, boolean last) {
    return new HouseholdSignal(time, source, new SourceWatermark(last));
  }

  private static String describe(StatsDelta delta) {
    Map<String, Long> changed = new TreeMap<>();
    delta
        .getChanges()
        .forEach(
            (measure, amount) -> {
              if (amount != 0) {
                changed.put(measure, amount);
              }
            });
    return Instant.ofEpochMilli(delta.getDayStart()).toString().substring(0, 10) + " " + changed;
  }
}
