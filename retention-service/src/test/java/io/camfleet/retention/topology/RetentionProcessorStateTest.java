package io.camfleet.retention.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.LiveClip;
import io.camfleet.avro.PolicyClipState;
import io.camfleet.avro.WorldEvent;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.policy.Retention;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.Runs;
import io.camfleet.streams.InvariantViolation;
import io.camfleet.streams.StateFolderException;
import io.camfleet.streams.TimeKey;
import io.camfleet.streams.stats.LongArraySerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the processor finds in its stores when a task starts: clips it wrote before a restart, and
 * state it must refuse.
 */
class RetentionProcessorStateTest {
  private static final Instant DAY_0 = Instant.parse("2019-06-01T10:00:00Z");
  private static final PolicyRules STATUS_QUO =
      new Policy("status-quo", null, new Retention(60, null, null), null, null, null, null).rules();
  private static final PolicyRules THIRTY_DAYS =
      new Policy("thirty-days", null, new Retention(30, null, null), null, null, null, null)
          .rules();

  private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
  private KeyValueStore<Bytes, byte[]> clips;
  private KeyValueStore<String, Long> cursors;
  private long streamTime;

  @BeforeEach
  void stores() {
    clips =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RetentionTopology.CLIPS_STORE),
                Serdes.Bytes(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    cursors =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RetentionTopology.EXPIRY_CURSOR_STORE),
                Serdes.String(),
                Serdes.Long())
            .withLoggingDisabled()
            .build();
    KeyValueStore<String, long[]> deltas =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RetentionTopology.DAY_DELTAS_STORE),
                Serdes.String(),
                new LongArraySerde())
            .withLoggingDisabled()
            .build();
    for (KeyValueStore<?, ?> store : List.of(clips, cursors, deltas)) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
  }

  /** A processor starting on the stores as they are, as a task does after a restart. */
  private RetentionProcessor started(PolicyRules... policies) {
    RetentionProcessor processor =
        new RetentionProcessor(
            List.of(policies),
            Runs.ONLY,
            RetentionTopology.CLIPS_STORE,
            RetentionTopology.EXPIRY_CURSOR_STORE,
            RetentionTopology.DAY_DELTAS_STORE);
    processor.init(context);
    return processor;
  }

  private void clipRecordedAt(RetentionProcessor processor, String clipId, Instant at) {
    streamTime = Math.max(streamTime, at.toEpochMilli());
    context.setCurrentStreamTimeMs(streamTime);
    ClipRecorded clip =
        new ClipRecorded(clipId, "cam-1", "home-1", "US", at.toEpochMilli(), 30, 1_000L);
    processor.process(
        new Record<>(
            "cam-1".getBytes(StandardCharsets.UTF_8),
            WorldEvent.newBuilder().setEventTime(at.toEpochMilli()).setEvent(clip).build(),
            at.toEpochMilli()));
  }

  private List<String> clipIds() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = clips.all()) {
      all.forEachRemaining(entry -> ids.add(ClipKey.decode(entry.key).clipId()));
    }
    return ids;
  }

  @Test
  void refusesAClipRecordedAgainBeforeOrAfterARestart() {
    RetentionProcessor first = started(STATUS_QUO);
    clipRecordedAt(first, "clip-a", DAY_0);
    clipRecordedAt(first, "clip-b", DAY_0.plusSeconds(60));
    InvariantViolation again =
        assertThrows(InvariantViolation.class, () -> clipRecordedAt(first, "clip-a", DAY_0));
    assertEquals("clip clip-a was recorded twice", again.getMessage());
    InvariantViolation last =
        assertThrows(
            InvariantViolation.class, () -> clipRecordedAt(first, "clip-b", DAY_0.plusSeconds(60)));
    assertEquals("clip clip-b was recorded twice", last.getMessage());

    RetentionProcessor restarted = started(STATUS_QUO);
    InvariantViolation afterRestart =
        assertThrows(
            InvariantViolation.class,
            () -> clipRecordedAt(restarted, "clip-b", DAY_0.plusSeconds(60)));
    assertEquals("clip clip-b was recorded twice", afterRestart.getMessage());
    // a late clip, recorded between the two, is new
    clipRecordedAt(restarted, "clip-late", DAY_0.plusSeconds(30));
    assertEquals(List.of("clip-a", "clip-late", "clip-b"), clipIds());
  }

  @Test
  void refusesToStartWithTheSamePoliciesInAnotherOrder() {
    clipRecordedAt(started(STATUS_QUO, THIRTY_DAYS), "clip-a", DAY_0);
    assertEquals(2L, cursors.get("policies:status-quo,thirty-days"));
    StateFolderException e =
        assertThrows(StateFolderException.class, () -> started(THIRTY_DAYS, STATUS_QUO));
    assertEquals(
        "state store retention-clips-by-recording-time holds clips for the policies"
            + " status-quo,thirty-days, in this order, where this run enforces"
            + " thirty-days,status-quo: start again with the same policies, or with --reset-state",
        e.getMessage());
  }

  @Test
  void refusesToStartOnClipsInTheAvroLayoutOfEarlierVersions() {
    LiveClip old =
        new LiveClip(
            "cam-1",
            "home-1",
            "US",
            DAY_0.toEpochMilli(),
            1_000L,
            List.of(
                new PolicyClipState(
                    "status-quo",
                    DAY_0.plus(java.time.Duration.ofDays(60)).toEpochMilli(),
                    false,
                    false,
                    List.of())));
    try (AvroSerde<LiveClip> serde = AvroSerde.of(LiveClip.class)) {
      clips.put(
          Bytes.wrap(TimeKey.of(DAY_0.toEpochMilli(), "clip-a").getBytes(StandardCharsets.UTF_8)),
          serde.serializer().serialize(RetentionTopology.CLIPS_STORE, old));
    }
    StateFolderException e = assertThrows(StateFolderException.class, () -> started(STATUS_QUO));
    assertEquals(RetentionClipStoreTest.AVRO_LAYOUT_REFUSED, e.getMessage());
  }

  @Test
  void startsOnEmptyStoresAndKeepsOneEntryPerClip() {
    RetentionProcessor processor = started(STATUS_QUO, THIRTY_DAYS);
    clipRecordedAt(processor, "clip-a", DAY_0);
    KeyValue<Bytes, byte[]> only;
    try (KeyValueIterator<Bytes, byte[]> all = clips.all()) {
      only = all.next();
      assertEquals(false, all.hasNext());
    }
    assertEquals(new ClipKey(DAY_0.toEpochMilli(), "clip-a"), ClipKey.decode(only.key));
    // layout, camera 1 + 5, household 1 + 6, region 1 + 2, size 2, both policies as recorded
    assertEquals(1 + 6 + 7 + 3 + 2 + 1, only.value.length);
  }
}
