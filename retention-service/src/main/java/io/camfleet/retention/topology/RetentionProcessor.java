package io.camfleet.retention.topology;

import static io.camfleet.schemas.stats.RetentionMeasure.CLIPS_ALIVE;
import static io.camfleet.schemas.stats.RetentionMeasure.CLIPS_EXEMPT_BY_SHARE;
import static io.camfleet.schemas.stats.RetentionMeasure.CLIPS_EXPIRED;
import static io.camfleet.schemas.stats.RetentionMeasure.CLIPS_RECORDED;
import static io.camfleet.schemas.stats.RetentionMeasure.CLIPS_STORED;
import static io.camfleet.schemas.stats.RetentionMeasure.EXPIRY_HELD;
import static io.camfleet.schemas.stats.RetentionMeasure.HOLDS_PLACED;
import static io.camfleet.schemas.stats.RetentionMeasure.HOLDS_RELEASED;
import static io.camfleet.schemas.stats.RetentionMeasure.LIVE_BYTES;
import static io.camfleet.schemas.stats.RetentionMeasure.SHARES_OF_STORED_ORIGINALS;
import static io.camfleet.schemas.stats.RetentionMeasure.SHARES_RECORDED;
import static io.camfleet.schemas.stats.RetentionMeasure.SHARES_REFUSED;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.LiveClip;
import io.camfleet.avro.PolicyClipState;
import io.camfleet.avro.ReceiptKind;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.StatsDelta;
import io.camfleet.avro.WorldEvent;
import io.camfleet.policy.DuePiece;
import io.camfleet.policy.OriginalLifecycle;
import io.camfleet.policy.OriginalLifecycle.Change;
import io.camfleet.policy.OriginalLifecycle.Step;
import io.camfleet.policy.OriginalLifecycle.Transition;
import io.camfleet.policy.PolicyRules;
import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.streams.InvariantViolation;
import io.camfleet.streams.StateFolderException;
import io.camfleet.streams.stats.DailyDeltas;
import io.camfleet.streams.stats.RunDeltas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
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
 * <p>Each live clip is one store entry, keyed by its recording time and then its id ({@link
 * ClipKey}: eight big-endian bytes, then UTF-8), holding the state of every policy under which it
 * still exists ({@link ClipCodec}: each policy by its index in the list of policies, in two bits
 * unless its state differs from a just-recorded clip's), so a record costs at most one read and one
 * write however many policies run. A new clip is read first only when its key is not past every key
 * the task has written, to find a clip recorded twice: a partition's clips arrive in recording
 * order, so that read is rare. Because the key starts with the recording time, the clips due under
 * a retention period R are exactly the entries recorded before {@code now - R}: expiry is a forward
 * range scan from a cursor per distinct period, and a clip costs one write when recorded and one
 * delete when it expires. A policy with dated stages has a due time that is not one period after
 * the recording; the policy splits it into {@link DuePiece pieces} of recording time on which the
 * due time is a period after the recording, or one fixed instant, and never decreases: each piece
 * has its own cursor, over its own range of recording times. A policy without stages has one piece
 * per period, covering every recording time, so it scans exactly as before. Shares and legal holds
 * name the clip's recording time, so they find the entry by key.
 *
 * <p>Why not an index keyed by due time beside a store keyed by clip id (the first design): every
 * clip then cost two writes, two deletes and four changelog records, and with random clip ids the
 * clip store's inserts landed all over its key range. In the fleet-100k run the RocksDB compaction
 * and flush threads came to use more CPU than the stream thread, which stalled on them. Here
 * inserts arrive in key order and deletes trail them in key order too.
 *
 * <p>The cursors live in their own small store and are written with each pass, inside the same
 * transaction as the deletions, so a restarted task resumes exactly where its last committed pass
 * ended: no clip is announced as held past its period twice, and the scans never walk back over the
 * deleted entries (RocksDB tombstones) behind the cursor.
 *
 * <p>Expiry runs in passes, once per hour of stream time, rather than before every record: a pass
 * costs a seek per retention period however few clips it finds, and at fleet rates an hour of
 * simulated time holds thousands of records. Batching changes no decision, because a receipt is
 * dated at the clip's due time, not at the pass, and a pass runs first whenever a decision depends
 * on it: before a share or a legal hold (which must find the clip as it stands at the record's
 * time), before a day's statistics close (hour boundaries include day boundaries) and before the
 * final tick. Nothing here reads the wall clock.
 */
final class RetentionProcessor implements Processor<byte[], WorldEvent, String, SpecificRecord> {
  private static final long HOUR_MS = 3_600_000L;
  // Before the names of the policies in the cursor store; a piece's key is digits or a range.
  private static final String POLICY_LIST_PREFIX = "policies:";

  private final Map<String, PolicyRules> policies = new LinkedHashMap<>();
  // Every distinct piece of the policies' due-time functions (per region and stage); without
  // stages,
  // one per distinct retention period, shortest first.
  private final DuePiece[] pieces;
  private final String clipStoreName;
  private final String cursorStoreName;
  private final String deltasStoreName;
  private ProcessorContext<String, SpecificRecord> context;
  private final ClipCodec codec;
  // The cursor store's entry naming the policies, in order, whose indexes the clip store holds.
  private final String policyListKey;
  private boolean policyListSaved;
  private KeyValueStore<Bytes, byte[]> clips;
  private KeyValueStore<String, Long> cursors;
  private RunDeltas deltas;
  // The open days of the run that the record, or the clip, being processed belongs to.
  private DailyDeltas days;
  private final List<String> runs;
  // Per piece: every clip recorded before this was already checked against that piece.
  private long[] scannedFrom;
  // Stream time at which the next hourly expiry pass is due.
  private long nextPass = Long.MIN_VALUE;
  // Stream time of the last pass in this task's life.
  private long scannedThrough = Long.MIN_VALUE;
  // Every key in the clip store is at or before this one (null: the store is empty): a clip
  // recorded after it cannot be there yet, so its duplicate check needs no read. A partition's
  // clips arrive in recording order, so only late or repeated ones are looked up.
  private Bytes lastKey;

  RetentionProcessor(
      List<PolicyRules> rules,
      List<String> runs,
      String clipStoreName,
      String cursorStoreName,
      String deltasStoreName) {
    rules.forEach(r -> policies.put(r.policyName(), r));
    this.pieces =
        rules.stream()
            .flatMap(r -> r.allDuePieces().stream())
            .distinct()
            .sorted(
                Comparator.comparingLong(DuePiece::periodMillis)
                    .thenComparingLong(DuePiece::recordedFrom))
            .toArray(DuePiece[]::new);
    this.clipStoreName = clipStoreName;
    this.cursorStoreName = cursorStoreName;
    this.deltasStoreName = deltasStoreName;
    this.runs = List.copyOf(runs);
    this.codec = new ClipCodec(rules, clipStoreName);
    this.policyListKey =
        POLICY_LIST_PREFIX + String.join(",", rules.stream().map(PolicyRules::policyName).toList());
  }

  // Neither store has a record cache. A clip is written when recorded and read back when it
  // expires, two months of simulated time later: the cache never absorbs a write, and looking up
  // its sorted map on every read and write cost the stream thread more than it saved. Measured on
  // the retention service (506,498 events, one policy): 65 us of stream-thread CPU per event with
  // both stores cached, 51 us without. The open days' statistics, one entry rewritten on every
  // record, keep theirs.
  static StoreBuilder<KeyValueStore<Bytes, byte[]>> clipStore(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
  }

  /**
   * Per piece of a due-time function ({@link DuePiece#key}: a period's length in milliseconds for a
   * policy without stages): where the next expiry scan starts; and under {@code policies:} and the
   * names of the policies, in order, the number of policies the clip store's entries describe.
   */
  static StoreBuilder<KeyValueStore<String, Long>> cursorStore(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.clips = context.getStateStore(clipStoreName);
    this.cursors = context.getStateStore(cursorStoreName);
    // A task restored after an aborted transaction starts here again, on the committed state.
    policyListSaved = requireSameStoredPolicies();
    lastKey = null;
    // The last key, once per task: it also shows whether the store is in this version's layout.
    try (KeyValueIterator<Bytes, byte[]> last = clips.reverseAll()) {
      if (last.hasNext()) {
        KeyValue<Bytes, byte[]> entry = last.next();
        codec.requireLayout(entry.value);
        lastKey = entry.key;
      }
    }
    this.scannedFrom = new long[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      Long stored = cursors.get(pieces[i].key());
      scannedFrom[i] = stored == null ? Long.MIN_VALUE : stored;
    }
    KeyValueStore<String, long[]> deltaStore = context.getStateStore(deltasStoreName);
    this.deltas =
        new RunDeltas(deltaStore, runs, List.copyOf(policies.keySet()), RetentionMeasure.names());
    // Quiet partitions still get hourly clock ticks; this punctuation closes days and expires
    // clips whenever stream time moves, even between records that touch no clip.
    context.schedule(Duration.ofHours(1), PunctuationType.STREAM_TIME, this::onStreamTime);
  }

  /**
   * Refuses a clip store written for another list of policies: its entries name policies by their
   * index in the list. The application id names the policies too ({@code ApplicationIds}), but a
   * caller may choose its own.
   *
   * @return whether the store names the policies already
   */
  private boolean requireSameStoredPolicies() {
    try (KeyValueIterator<String, Long> saved =
        cursors.range(POLICY_LIST_PREFIX, POLICY_LIST_PREFIX + Character.MAX_VALUE)) {
      if (!saved.hasNext()) {
        return false;
      }
      String key = saved.next().key;
      if (!key.equals(policyListKey)) {
        throw new StateFolderException(
            String.format(
                "state store %s holds clips for the policies %s, in this order, where this run"
                    + " enforces %s: start again with the same policies, or with --reset-state",
                clipStoreName,
                key.substring(POLICY_LIST_PREFIX.length()),
                policyListKey.substring(POLICY_LIST_PREFIX.length())));
      }
      return true;
    }
  }

  @Override
  public void process(Record<byte[], WorldEvent> record) {
    WorldEvent event = record.value();
    if (event == null) {
      return;
    }
    if (!policyListSaved) {
      cursors.put(policyListKey, (long) policies.size());
      policyListSaved = true;
    }
    long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
    Object payload = event.getEvent();
    // Validate before any state changes, so a bad record leaves nothing behind on its way to the
    // dead-letter topic.
    LiveClip known = null;
    if (payload instanceof ClipRecorded clip) {
      days = deltas.ofId(clip.getHouseholdId());
      Bytes key = clipKey(clip.getRecordedAt(), clip.getClipId());
      if (lastKey != null && key.compareTo(lastKey) <= 0 && clips.get(key) != null) {
        throw new InvariantViolation("clip " + clip.getClipId() + " was recorded twice");
      }
    } else if (payload instanceof ClipShared share) {
      days = deltas.ofId(share.getHouseholdId());
      known = read(share.getClipRecordedAt(), share.getClipId());
      requireKnown(
          known, share.getClipId(), share.getRegion(), share.getClipRecordedAt(), now, "a share");
    } else if (payload instanceof LegalHold hold) {
      days = deltas.ofId(hold.getCameraId());
      known = read(hold.getClipRecordedAt(), hold.getClipId());
      requireKnownForHold(known, hold, now);
    }

    boolean decidesOnCurrentState =
        payload instanceof ClipShared
            || payload instanceof LegalHold
            || (payload instanceof ClockTick tick && tick.getLast());
    DailyDeltas recordDays = days;
    if (now >= nextPass || (decidesOnCurrentState && now > scannedThrough)) {
      expireDue(now);
      days = recordDays;
      if (known != null) {
        known =
            payload instanceof ClipShared share
                ? read(share.getClipRecordedAt(), share.getClipId())
                : read(
                    ((LegalHold) payload).getClipRecordedAt(), ((LegalHold) payload).getClipId());
      }
    }
    forward(deltas.advanceTo(now, partition()), now);

    if (payload instanceof ClipRecorded clip) {
      onRecorded(clip, now);
    } else if (payload instanceof ClipShared share) {
      onShared(share, known, now);
    } else if (payload instanceof LegalHold hold) {
      onHold(hold, known, now);
    } else if (payload instanceof ClockTick tick && tick.getLast()) {
      forward(deltas.finish(now, partition()), now);
      // the world's last deltas go out now, not at the next commit interval (DailyStatsAggregator)
      context.commit();
    }
    deltas.flush();
  }

  /** The clip as the store holds it, or null. */
  private LiveClip read(long recordedAt, String clipId) {
    ClipKey key = new ClipKey(recordedAt, clipId);
    byte[] value = clips.get(key.encoded());
    return value == null ? null : codec.decode(key, value);
  }

  private void onStreamTime(long streamTime) {
    if (streamTime >= nextPass) {
      expireDue(streamTime);
    }
    forward(deltas.advanceTo(streamTime, context.taskId().partition()), streamTime);
    deltas.flush();
  }

  private void onRecorded(ClipRecorded clip, long now) {
    LiveClip live =
        LiveClip.newBuilder()
            .setCameraId(clip.getCameraId())
            .setHouseholdId(clip.getHouseholdId())
            .setRegion(clip.getRegion())
            .setRecordedAt(clip.getRecordedAt())
            .setSizeBytes(clip.getSizeBytes())
            .setPolicies(new ArrayList<>(policies.size()))
            .build();
    for (PolicyRules rules : policies.values()) {
      String policy = rules.policyName();
      OriginalLifecycle original =
          OriginalLifecycle.recorded(rules, clip.getRegion(), clip.getRecordedAt());
      days.add(policy, CLIPS_RECORDED.ordinal(), 1);
      days.add(policy, CLIPS_ALIVE.ordinal(), 1);
      days.add(policy, CLIPS_STORED.ordinal(), 1);
      days.add(policy, LIVE_BYTES.ordinal(), clip.getSizeBytes());
      Transition arrival = original.arrive(now);
      for (Step step : arrival.steps()) {
        // Arrived after its own deletion time (out of order): deleted on arrival.
        receipt(rules, clip.getClipId(), live, step, null, null);
        countExpired(policy, live);
      }
      if (arrival.after().inAccount()) {
        live.getPolicies().add(newState(policy, original));
      }
    }
    if (!live.getPolicies().isEmpty()) {
      Bytes key = clipKey(clip.getRecordedAt(), clip.getClipId());
      clips.put(key, codec.encode(clip.getClipId(), live));
      if (lastKey == null || key.compareTo(lastKey) > 0) {
        lastKey = key;
      }
    }
  }

  private void onShared(ClipShared share, LiveClip live, long now) {
    boolean changed = false;
    for (PolicyRules rules : policies.values()) {
      if (!rules.admitShare(share, now).allowed()) {
        continue; // the sharing service records the block; the original is untouched
      }
      String policy = rules.policyName();
      PolicyClipState state = live == null ? null : stateOf(live, policy);
      // Absent under this policy: deleted already (requireKnown refused a clip never recorded).
      OriginalLifecycle original =
          state == null
              ? OriginalLifecycle.deleted(rules, share.getRegion(), share.getClipRecordedAt())
              : restore(rules, share.getClipRecordedAt(), state.getDueAt(), state, now);
      Step step = original.share(now).steps().get(0);
      if (step.change() == Change.SHARE_REFUSED) {
        RetentionReceipt refused =
            RetentionReceipt.newBuilder()
                .setPolicy(policy)
                .setClipId(share.getClipId())
                .setCameraId(share.getCameraId())
                .setHouseholdId(share.getHouseholdId())
                .setKind(ReceiptKind.SHARE_REFUSED)
                .setDecidedAt(now)
                .setRecordedAt(share.getClipRecordedAt())
                .setExpiresAt(original.dueAt())
                .setSizeBytes(0)
                .setChannel(share.getChannel())
                .setReason(reason(step, share.getClipRecordedAt(), share.getChannel(), null))
                .setStage(rules.forClip(share.getClipRecordedAt(), now).label())
                .build();
        context.forward(new Record<>(policy + "/" + share.getClipId(), refused, now));
        days.add(policy, SHARES_REFUSED.ordinal(), 1);
        continue;
      }
      update(state, step.after());
      changed = true;
      receipt(rules, share.getClipId(), live, step, share.getChannel(), null);
      days.add(policy, SHARES_OF_STORED_ORIGINALS.ordinal(), 1);
      if (step.change() == Change.EXEMPTED) {
        days.add(policy, CLIPS_EXEMPT_BY_SHARE.ordinal(), 1);
        days.add(policy, CLIPS_ALIVE.ordinal(), -1);
      } else {
        days.add(policy, SHARES_RECORDED.ordinal(), 1);
      }
    }
    if (changed) {
      store(clipKey(share.getClipRecordedAt(), share.getClipId()), share.getClipId(), live);
    }
  }

  private void onHold(LegalHold hold, LiveClip live, long now) {
    if (live == null) {
      return; // deleted under every policy: a hold has nothing to keep
    }
    for (PolicyClipState state : List.copyOf(live.getPolicies())) {
      String policy = state.getPolicy();
      PolicyRules rules = policies.get(policy);
      OriginalLifecycle original =
          restore(rules, live.getRecordedAt(), state.getDueAt(), state, now);
      Transition transition =
          hold.getPlaced()
              ? original.placeHold(hold.getHoldId(), now)
              : original.releaseHold(hold.getHoldId(), now);
      for (Step step : transition.steps()) {
        receipt(rules, hold.getClipId(), live, step, null, hold.getHoldId());
        switch (step.change()) {
          case HOLD_PLACED -> {
            update(state, step.after());
            days.add(policy, HOLDS_PLACED.ordinal(), 1);
          }
          case HOLD_RELEASED -> {
            update(state, step.after());
            days.add(policy, HOLDS_RELEASED.ordinal(), 1);
          }
          case DELETED_ON_RELEASE -> {
            removeState(live, state);
            countExpired(policy, live);
          }
          default ->
              throw new IllegalStateException("a legal hold cannot lead to " + step.change());
        }
      }
    }
    store(clipKey(hold.getClipRecordedAt(), hold.getClipId()), hold.getClipId(), live);
  }

  /**
   * Deletes, or marks as held, every clip due at or before {@code now}, in due order: one forward
   * scan per piece of the due-time functions, from that piece's cursor up to the last clip of the
   * piece due by now.
   */
  private void expireDue(long now) {
    List<Due> due = new ArrayList<>();
    for (int i = 0; i < pieces.length; i++) {
      DuePiece piece = pieces[i];
      long recordedBy = piece.recordedBy(now); // recorded at or before this: due at or before now
      long start = Math.max(Math.max(0, scannedFrom[i]), piece.recordedFrom());
      if (recordedBy < 0 || recordedBy < start) {
        continue; // nothing is recorded before 1970
      }
      try (KeyValueIterator<Bytes, byte[]> it =
          clips.range(ClipKey.first(start), ClipKey.after(recordedBy))) {
        while (it.hasNext()) {
          KeyValue<Bytes, byte[]> entry = it.next();
          ClipKey key = ClipKey.decode(entry.key);
          long recordedAt = key.recordedAt();
          if (recordedAt > recordedBy) {
            break;
          }
          LiveClip live = codec.decode(key, entry.value);
          // The scan also passes clips of regions or policies with another piece: leave them to
          // their own piece's scan instead of holding them all until this pass ends.
          if (hasPiece(live, piece)) {
            due.add(new Due(piece.dueAt(recordedAt), piece, entry.key, key.clipId(), live));
          }
        }
      }
      scannedFrom[i] = recordedBy + 1;
      cursors.put(piece.key(), scannedFrom[i]);
    }
    // With several pieces the scans interleave in due time; one piece's scan is already in order.
    if (pieces.length > 1) {
      due.sort(Comparator.comparingLong(Due::dueAt).thenComparing(Due::key));
    }
    // A clip due under two pieces in one pass is read once: the second visit sees the first's
    // changes.
    Map<Bytes, LiveClip> visited = pieces.length > 1 ? new HashMap<>() : Map.of();
    for (Due entry : due) {
      long dueAt = entry.dueAt();
      LiveClip live = visited.getOrDefault(entry.key(), entry.clip());
      String clipId = entry.clipId();
      days = deltas.ofId(live.getHouseholdId());
      forward(days.advanceTo(dueAt, partition()), dueAt);
      boolean changed = false;
      for (PolicyClipState state : List.copyOf(live.getPolicies())) {
        String policy = state.getPolicy();
        PolicyRules rules = policies.get(policy);
        if (!rules.duePiece(live.getRegion(), live.getRecordedAt()).equals(entry.piece())) {
          continue;
        }
        // as the clip stood just before its due time; an exempt one takes no step
        for (Step step :
            restore(rules, live.getRecordedAt(), dueAt, state, dueAt - 1).due().steps()) {
          receipt(rules, clipId, live, step, null, null);
          if (step.change() == Change.KEPT_BY_HOLD) {
            days.add(policy, EXPIRY_HELD.ordinal(), 1);
          } else {
            removeState(live, state);
            changed = true;
            countExpired(policy, live);
          }
        }
      }
      if (changed) {
        store(entry.key(), clipId, live);
        if (pieces.length > 1) {
          visited.put(entry.key(), live);
        }
      }
    }
    scannedThrough = now;
    nextPass = Math.floorDiv(now, HOUR_MS) * HOUR_MS + HOUR_MS;
  }

  /** Whether any policy still holding {@code live} sets its due time by {@code piece}. */
  private boolean hasPiece(LiveClip live, DuePiece piece) {
    for (PolicyClipState state : live.getPolicies()) {
      if (policies
          .get(state.getPolicy())
          .duePiece(live.getRegion(), live.getRecordedAt())
          .equals(piece)) {
        return true;
      }
    }
    return false;
  }

  /** A clip found due under one piece of a due-time function. */
  private record Due(long dueAt, DuePiece piece, Bytes key, String clipId, LiveClip clip) {}

  /** Drops one policy's state (decoded Avro arrays cannot remove in place). */
  private static void removeState(LiveClip live, PolicyClipState state) {
    List<PolicyClipState> remaining = new ArrayList<>(live.getPolicies());
    remaining.remove(state);
    live.setPolicies(remaining);
  }

  private void store(Bytes key, String clipId, LiveClip live) {
    if (live.getPolicies().isEmpty()) {
      clips.delete(key);
    } else {
      clips.put(key, codec.encode(clipId, live));
    }
  }

  private void countExpired(String policy, LiveClip live) {
    days.add(policy, CLIPS_EXPIRED.ordinal(), 1);
    days.add(policy, CLIPS_ALIVE.ordinal(), -1);
    days.add(policy, CLIPS_STORED.ordinal(), -1);
    days.add(policy, LIVE_BYTES.ordinal(), -live.getSizeBytes());
  }

  private static PolicyClipState stateOf(LiveClip live, String policy) {
    for (PolicyClipState state : live.getPolicies()) {
      if (state.getPolicy().equals(policy)) {
        return state;
      }
    }
    return null;
  }

  private void requireKnown(
      LiveClip live, String clipId, String region, long recordedAt, long now, String what) {
    for (PolicyRules rules : policies.values()) {
      boolean present = live != null && stateOf(live, rules.policyName()) != null;
      if (!present && rules.dueAt(region, recordedAt) > now) {
        throw new InvariantViolation(what + " names clip " + clipId + ", which was never recorded");
      }
    }
  }

  private void requireKnownForHold(LiveClip live, LegalHold hold, long now) {
    if (live != null) {
      return;
    }
    // Absent everywhere: either deleted under every policy, or never recorded. A hold names the
    // recording time; under the longest retention period the clip must still exist.
    long longest =
        policies.values().stream()
            .mapToLong(r -> r.dueAt("", hold.getClipRecordedAt()))
            .max()
            .orElseThrow();
    if (longest > now) {
      throw new InvariantViolation(
          "a legal hold names clip " + hold.getClipId() + ", which was never recorded");
    }
  }

  /**
   * The original under one policy as the clip store holds it, due at {@code dueAt}, as it stands at
   * {@code asOf}.
   */
  private static OriginalLifecycle restore(
      PolicyRules rules, long recordedAt, long dueAt, PolicyClipState state, long asOf) {
    return OriginalLifecycle.restore(
        rules, recordedAt, dueAt, state.getExempt(), state.getShared(), state.getHolds(), asOf);
  }

  /** A new clip's state under one policy. */
  private static PolicyClipState newState(String policy, OriginalLifecycle original) {
    PolicyClipState state =
        new PolicyClipState(policy, original.dueAt(), false, false, new ArrayList<>());
    update(state, original);
    return state;
  }

  /** Writes what a step changed back into the stored state; the due time never changes. */
  private static void update(PolicyClipState state, OriginalLifecycle original) {
    state.setExempt(original.exempt());
    state.setShared(original.shared());
    state.setHolds(new ArrayList<>(original.holds()));
  }

  /**
   * The receipt of one step of the original, at the step's time, saying when it is due to go from
   * then on.
   */
  private void receipt(
      PolicyRules rules,
      String clipId,
      LiveClip live,
      Step step,
      ShareChannel channel,
      String holdId) {
    String policy = rules.policyName();
    OptionalLong expiresAt = step.after().expiresAt();
    RetentionReceipt receipt =
        RetentionReceipt.newBuilder()
            .setPolicy(policy)
            .setClipId(clipId)
            .setCameraId(live.getCameraId())
            .setHouseholdId(live.getHouseholdId())
            .setKind(kindOf(step.change()))
            .setDecidedAt(step.at())
            .setRecordedAt(live.getRecordedAt())
            .setExpiresAt(expiresAt.isPresent() ? expiresAt.getAsLong() : null)
            .setSizeBytes(live.getSizeBytes())
            .setChannel(channel)
            .setReason(reason(step, live.getRecordedAt(), channel, holdId))
            .setStage(stageOf(rules, live, step))
            .build();
    context.forward(new Record<>(policy + "/" + clipId, receipt, step.at()));
  }

  /**
   * The stage that decided a step: the one that set the due time for a deletion or an expiry held,
   * else the one deciding about the clip at the step's time.
   */
  private static String stageOf(PolicyRules rules, LiveClip live, Step step) {
    return switch (step.change()) {
      case DELETED_ON_ARRIVAL, DELETED_AT_DUE, KEPT_BY_HOLD, DELETED_ON_RELEASE ->
          rules.dueStage(live.getRegion(), live.getRecordedAt()).label();
      default -> rules.forClip(live.getRecordedAt(), step.at()).label();
    };
  }

  private static ReceiptKind kindOf(Change change) {
    return switch (change) {
      case DELETED_ON_ARRIVAL, DELETED_AT_DUE, DELETED_ON_RELEASE -> ReceiptKind.CLIP_EXPIRED;
      case KEPT_BY_HOLD -> ReceiptKind.EXPIRY_HELD;
      case EXEMPTED -> ReceiptKind.RETAINED_SHARED;
      case SHARED -> ReceiptKind.SHARE_RECORDED;
      case SHARE_REFUSED -> ReceiptKind.SHARE_REFUSED;
      case HOLD_PLACED -> ReceiptKind.HOLD_PLACED;
      case HOLD_RELEASED -> ReceiptKind.HOLD_RELEASED;
    };
  }

  private static String reason(Step step, long recordedAt, ShareChannel channel, String holdId) {
    return switch (step.change()) {
      case DELETED_ON_ARRIVAL -> "arrived after its retention period had passed";
      case DELETED_AT_DUE ->
          "retention period of "
              + Duration.ofMillis(step.at() - recordedAt).toDays()
              + " days passed";
      case DELETED_ON_RELEASE ->
          "retention period passed while held; deleted when the last hold was released";
      case KEPT_BY_HOLD ->
          "retention period passed; kept under legal hold "
              + String.join(", ", step.after().holds());
      case EXEMPTED ->
          channel == ShareChannel.POLICE_REQUEST
              ? "shared with police: exempt from deletion"
              : "posted to the neighbourhood feed: exempt from deletion";
      case SHARED ->
          step.after().exempt()
              ? "shared again; already exempt"
              : "shared; the original still expires on time";
      case SHARE_REFUSED -> "the original was deleted at its retention period before the share";
      case HOLD_PLACED -> "legal hold " + holdId;
      case HOLD_RELEASED -> "legal hold " + holdId + " released";
    };
  }

  private void forward(List<StatsDelta> closed, long at) {
    for (StatsDelta delta : closed) {
      context.forward(new Record<>(delta.getPolicy(), delta, Math.min(at, delta.getDayEnd())));
    }
  }

  private int partition() {
    return context.taskId().partition();
  }

  private static Bytes clipKey(long recordedAt, String clipId) {
    return new ClipKey(recordedAt, clipId).encoded();
  }
}
