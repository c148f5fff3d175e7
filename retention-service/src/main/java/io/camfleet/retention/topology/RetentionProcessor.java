package io.camfleet.retention.topology;

import static io.camfleet.retention.topology.RetentionMeasure.CLIPS_ALIVE;
import static io.camfleet.retention.topology.RetentionMeasure.CLIPS_EXEMPT_BY_SHARE;
import static io.camfleet.retention.topology.RetentionMeasure.CLIPS_EXPIRED;
import static io.camfleet.retention.topology.RetentionMeasure.CLIPS_RECORDED;
import static io.camfleet.retention.topology.RetentionMeasure.EXPIRY_HELD;
import static io.camfleet.retention.topology.RetentionMeasure.HOLDS_PLACED;
import static io.camfleet.retention.topology.RetentionMeasure.HOLDS_RELEASED;
import static io.camfleet.retention.topology.RetentionMeasure.LIVE_BYTES;
import static io.camfleet.retention.topology.RetentionMeasure.SHARES_RECORDED;
import static io.camfleet.retention.topology.RetentionMeasure.SHARES_REFUSED;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.LiveClip;
import io.camfleet.avro.ReceiptKind;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.StatsDelta;
import io.camfleet.avro.WorldEvent;
import io.camfleet.policy.PolicyRules;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.streams.InvariantViolation;
import io.camfleet.streams.stats.DailyDeltas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Enforces retention for every policy over one partition of the world's events.
 *
 * <p>Live clips sit in a store keyed by {@code policy|clipId}; an index keyed by due time finds
 * the clips to delete, so the work done as stream time advances is proportional to the clips that
 * expire, not to the clips alive. The earliest due time is cached, so a record that makes nothing
 * due costs no index read. Expiry is checked as each record advances stream time and on a
 * stream-time punctuation; nothing here reads the wall clock.
 */
final class RetentionProcessor implements Processor<String, WorldEvent, String, SpecificRecord> {
  private static final String SEP = "|";

  private final Map<String, PolicyRules> policies = new LinkedHashMap<>();
  private final String clipStoreName;
  private final String indexStoreName;
  private final String deltasStoreName;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, LiveClip> clips;
  private KeyValueStore<String, String> expiryIndex;
  private DailyDeltas deltas;
  private long nextDue = Long.MAX_VALUE;
  // Every index entry due before this was already handled: scans seek past the deleted entries
  // (RocksDB tombstones) instead of walking over them from the start of the store.
  private long scannedThrough = 0;

  RetentionProcessor(List<PolicyRules> rules, String clipStoreName, String indexStoreName, String deltasStoreName) {
    rules.forEach(r -> policies.put(r.policyName(), r));
    this.clipStoreName = clipStoreName;
    this.indexStoreName = indexStoreName;
    this.deltasStoreName = deltasStoreName;
  }

  static StoreBuilder<KeyValueStore<String, LiveClip>> clipStore(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), AvroSerde.of(LiveClip.class));
  }

  static StoreBuilder<KeyValueStore<String, String>> expiryIndexStore(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.clips = context.getStateStore(clipStoreName);
    this.expiryIndex = context.getStateStore(indexStoreName);
    KeyValueStore<String, long[]> deltaStore = context.getStateStore(deltasStoreName);
    this.deltas = new DailyDeltas(deltaStore, List.copyOf(policies.keySet()), RetentionMeasure.names());
    this.nextDue = earliestDue();
    // Quiet partitions still get hourly clock ticks; this punctuation closes days and expires
    // clips whenever stream time moves, even between records that touch no clip.
    context.schedule(Duration.ofHours(1), PunctuationType.STREAM_TIME, this::onStreamTime);
  }

  @Override
  public void process(Record<String, WorldEvent> record) {
    WorldEvent event = record.value();
    if (event == null) {
      return;
    }
    long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
    Object payload = event.getEvent();
    // Validate before any state changes, so a bad record leaves nothing behind on its way to the
    // dead-letter topic.
    if (payload instanceof ClipRecorded clip) {
      requireNew(clip);
    } else if (payload instanceof ClipShared share) {
      requireKnown(share.getClipId(), share.getRegion(), share.getClipRecordedAt(), now, "a share");
    } else if (payload instanceof LegalHold hold) {
      requireKnownForHold(hold, now);
    }

    expireDue(now);
    forward(deltas.advanceTo(now, partition()), now);

    if (payload instanceof ClipRecorded clip) {
      onRecorded(clip, now);
    } else if (payload instanceof ClipShared share) {
      onShared(share, now);
    } else if (payload instanceof LegalHold hold) {
      onHold(hold, now);
    } else if (payload instanceof ClockTick tick && tick.getLast()) {
      forward(deltas.finish(now, partition()), now);
    }
    deltas.flush();
  }

  private void onStreamTime(long streamTime) {
    expireDue(streamTime);
    forward(deltas.advanceTo(streamTime, context.taskId().partition()), streamTime);
    deltas.flush();
  }

  private void onRecorded(ClipRecorded clip, long now) {
    for (PolicyRules rules : policies.values()) {
      String policy = rules.policyName();
      long due = rules.dueAt(clip.getRegion(), clip.getRecordedAt());
      LiveClip live =
          LiveClip.newBuilder()
              .setCameraId(clip.getCameraId())
              .setHouseholdId(clip.getHouseholdId())
              .setRegion(clip.getRegion())
              .setRecordedAt(clip.getRecordedAt())
              .setSizeBytes(clip.getSizeBytes())
              .setDueAt(due)
              .setExempt(false)
              .setShared(false)
              .setHolds(new ArrayList<>())
              .build();
      deltas.add(policy, CLIPS_RECORDED.ordinal(), 1);
      deltas.add(policy, CLIPS_ALIVE.ordinal(), 1);
      deltas.add(policy, LIVE_BYTES.ordinal(), clip.getSizeBytes());
      if (due <= now) {
        // Arrived after its own deletion time (out of order): deleted on arrival.
        receipt(policy, clip.getClipId(), live, ReceiptKind.CLIP_EXPIRED, now, null,
            "arrived after its retention period had passed");
        countExpired(policy, live);
        continue;
      }
      clips.put(key(policy, clip.getClipId()), live);
      expiryIndex.put(indexKey(due, policy, clip.getClipId()), "");
      nextDue = Math.min(nextDue, due);
    }
  }

  private void onShared(ClipShared share, long now) {
    for (PolicyRules rules : policies.values()) {
      if (!rules.admitShare(share).allowed()) {
        continue; // the sharing service records the block; the original is untouched
      }
      String policy = rules.policyName();
      String key = key(policy, share.getClipId());
      LiveClip live = clips.get(key);
      if (live == null) {
        long due = rules.dueAt(share.getRegion(), share.getClipRecordedAt());
        RetentionReceipt refused =
            RetentionReceipt.newBuilder()
                .setPolicy(policy)
                .setClipId(share.getClipId())
                .setCameraId(share.getCameraId())
                .setHouseholdId(share.getHouseholdId())
                .setKind(ReceiptKind.SHARE_REFUSED)
                .setDecidedAt(now)
                .setRecordedAt(share.getClipRecordedAt())
                .setExpiresAt(due)
                .setSizeBytes(0)
                .setChannel(share.getChannel())
                .setReason("the original was deleted at its retention period before the share")
                .build();
        context.forward(new Record<>(policy + "/" + share.getClipId(), refused, now));
        deltas.add(policy, SHARES_REFUSED.ordinal(), 1);
        continue;
      }
      live.setShared(true);
      if (rules.exemptsSharedOriginals() && !live.getExempt()) {
        live.setExempt(true);
        expiryIndex.delete(indexKey(live.getDueAt(), policy, share.getClipId()));
        receipt(policy, share.getClipId(), live, ReceiptKind.RETAINED_SHARED, now, share.getChannel(),
            share.getChannel() == ShareChannel.POLICE_REQUEST
                ? "shared with police: exempt from deletion"
                : "posted to the neighbourhood feed: exempt from deletion");
        deltas.add(policy, CLIPS_EXEMPT_BY_SHARE.ordinal(), 1);
        deltas.add(policy, CLIPS_ALIVE.ordinal(), -1);
      } else {
        receipt(policy, share.getClipId(), live, ReceiptKind.SHARE_RECORDED, now, share.getChannel(),
            live.getExempt() ? "shared again; already exempt" : "shared; the original still expires on time");
        deltas.add(policy, SHARES_RECORDED.ordinal(), 1);
      }
      clips.put(key, live);
    }
  }

  private void onHold(LegalHold hold, long now) {
    for (PolicyRules rules : policies.values()) {
      String policy = rules.policyName();
      String key = key(policy, hold.getClipId());
      LiveClip live = clips.get(key);
      if (live == null) {
        continue; // already deleted under this policy: a hold has nothing to keep
      }
      List<String> holds = new ArrayList<>(live.getHolds());
      if (hold.getPlaced()) {
        if (holds.contains(hold.getHoldId())) {
          continue;
        }
        holds.add(hold.getHoldId());
        live.setHolds(holds);
        clips.put(key, live);
        receipt(policy, hold.getClipId(), live, ReceiptKind.HOLD_PLACED, now, null, "legal hold " + hold.getHoldId());
        deltas.add(policy, HOLDS_PLACED.ordinal(), 1);
      } else if (holds.remove(hold.getHoldId())) {
        live.setHolds(holds);
        receipt(policy, hold.getClipId(), live, ReceiptKind.HOLD_RELEASED, now, null,
            "legal hold " + hold.getHoldId() + " released");
        deltas.add(policy, HOLDS_RELEASED.ordinal(), 1);
        if (holds.isEmpty() && !live.getExempt() && live.getDueAt() <= now) {
          clips.delete(key);
          receipt(policy, hold.getClipId(), live, ReceiptKind.CLIP_EXPIRED, now, null,
              "retention period passed while held; deleted when the last hold was released");
          countExpired(policy, live);
        } else {
          clips.put(key, live);
        }
      }
    }
  }

  /** Deletes, or marks as held, every clip due at or before {@code now}, in due order. */
  private void expireDue(long now) {
    if (now < nextDue) {
      return;
    }
    List<String> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        expiryIndex.range(String.format("%016x", scannedThrough), String.format("%016x", now) + "}")) {
      while (it.hasNext()) {
        KeyValue<String, String> entry = it.next();
        if (dueTimeOf(entry.key) > now) {
          break;
        }
        due.add(entry.key);
      }
    }
    for (String indexKey : due) {
      long dueAt = dueTimeOf(indexKey);
      int policyStart = indexKey.indexOf(SEP) + 1;
      int clipStart = indexKey.indexOf(SEP, policyStart) + 1;
      String policy = indexKey.substring(policyStart, clipStart - 1);
      String clipId = indexKey.substring(clipStart);
      expiryIndex.delete(indexKey);
      forward(deltas.advanceTo(dueAt, partition()), dueAt);
      LiveClip live = clips.get(key(policy, clipId));
      if (live == null || live.getExempt()) {
        continue;
      }
      if (!live.getHolds().isEmpty()) {
        receipt(policy, clipId, live, ReceiptKind.EXPIRY_HELD, dueAt, null,
            "retention period passed; kept under legal hold " + String.join(", ", live.getHolds()));
        deltas.add(policy, EXPIRY_HELD.ordinal(), 1);
        continue;
      }
      clips.delete(key(policy, clipId));
      receipt(policy, clipId, live, ReceiptKind.CLIP_EXPIRED, dueAt, null,
          "retention period of " + Duration.ofMillis(policies.get(policy).retentionMillis(live.getRegion())).toDays()
              + " days passed");
      countExpired(policy, live);
    }
    scannedThrough = now;
    nextDue = earliestDue();
  }

  private void countExpired(String policy, LiveClip live) {
    deltas.add(policy, CLIPS_EXPIRED.ordinal(), 1);
    deltas.add(policy, CLIPS_ALIVE.ordinal(), -1);
    deltas.add(policy, LIVE_BYTES.ordinal(), -live.getSizeBytes());
  }

  private long earliestDue() {
    try (KeyValueIterator<String, String> it = expiryIndex.range(String.format("%016x", scannedThrough), "~")) {
      return it.hasNext() ? dueTimeOf(it.next().key) : Long.MAX_VALUE;
    }
  }

  private void requireNew(ClipRecorded clip) {
    for (String policy : policies.keySet()) {
      if (clips.get(key(policy, clip.getClipId())) != null) {
        throw new InvariantViolation("clip " + clip.getClipId() + " was recorded twice");
      }
    }
  }

  private void requireKnown(String clipId, String region, long recordedAt, long now, String what) {
    for (PolicyRules rules : policies.values()) {
      if (clips.get(key(rules.policyName(), clipId)) == null && rules.dueAt(region, recordedAt) > now) {
        throw new InvariantViolation(what + " names clip " + clipId + ", which was never recorded");
      }
    }
  }

  private void requireKnownForHold(LegalHold hold, long now) {
    for (PolicyRules rules : policies.values()) {
      if (clips.get(key(rules.policyName(), hold.getClipId())) != null) {
        return;
      }
    }
    // Absent everywhere: either deleted under every policy, or never recorded. A hold names the
    // recording time; under the longest retention period the clip must still exist.
    long longest = policies.values().stream().mapToLong(r -> r.dueAt("", hold.getClipRecordedAt())).max().orElseThrow();
    if (longest > now) {
      throw new InvariantViolation("a legal hold names clip " + hold.getClipId() + ", which was never recorded");
    }
  }

  private void receipt(String policy, String clipId, LiveClip live, ReceiptKind kind, long at,
      ShareChannel channel, String reason) {
    boolean deleted = kind == ReceiptKind.CLIP_EXPIRED;
    RetentionReceipt receipt =
        RetentionReceipt.newBuilder()
            .setPolicy(policy)
            .setClipId(clipId)
            .setCameraId(live.getCameraId())
            .setHouseholdId(live.getHouseholdId())
            .setKind(kind)
            .setDecidedAt(at)
            .setRecordedAt(live.getRecordedAt())
            .setExpiresAt(deleted || live.getExempt() || !live.getHolds().isEmpty() ? null : live.getDueAt())
            .setSizeBytes(live.getSizeBytes())
            .setChannel(channel)
            .setReason(reason)
            .build();
    context.forward(new Record<>(policy + "/" + clipId, receipt, at));
  }

  private void forward(List<StatsDelta> closed, long at) {
    for (StatsDelta delta : closed) {
      context.forward(new Record<>(delta.getPolicy(), delta, Math.min(at, delta.getDayEnd())));
    }
  }

  private int partition() {
    return context.taskId().partition();
  }

  private static String key(String policy, String clipId) {
    return policy + SEP + clipId;
  }

  /** Zero-padded hex of the due time first, so the store's byte order is due order. */
  private static String indexKey(long dueAt, String policy, String clipId) {
    return String.format("%016x", dueAt) + SEP + policy + SEP + clipId;
  }

  private static long dueTimeOf(String indexKey) {
    return Long.parseUnsignedLong(indexKey.substring(0, 16), 16);
  }
}
