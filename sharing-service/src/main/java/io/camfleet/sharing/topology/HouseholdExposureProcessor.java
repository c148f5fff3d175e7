package io.camfleet.sharing.topology;

import static io.camfleet.schemas.stats.MeasureKey.byHolder;
import static io.camfleet.schemas.stats.SharingMeasure.ADDRESSES_DISCLOSED;
import static io.camfleet.schemas.stats.SharingMeasure.HOUSEHOLDS_EXPOSED;
import static io.camfleet.schemas.stats.SharingMeasure.HOUSEHOLDS_KNOWN_TO_POLICE;

import io.camfleet.avro.HolderType;
import io.camfleet.avro.HouseholdCopyChange;
import io.camfleet.avro.HouseholdExposure;
import io.camfleet.avro.HouseholdSignal;
import io.camfleet.avro.SourceWatermark;
import io.camfleet.avro.StatsDelta;
import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.streams.TimeKey;
import io.camfleet.streams.stats.DailyDeltas;
import io.camfleet.streams.stats.RunDeltas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts households exposed, addresses disclosed and households known to police, per policy, from
 * the copy changes of every input partition. A household's cameras may sit on several partitions,
 * so the changes arrive here keyed by household; they wait in a time-ordered buffer until every
 * source partition's watermark has passed them, and are then applied in event time, so each day's
 * levels are exact.
 */
final class HouseholdExposureProcessor
    implements Processor<String, HouseholdSignal, String, StatsDelta> {
  private final List<String> policies;
  private final List<String> runs;
  private final int sources;
  private final MeasureSlots measure = MeasureSlots.HOUSEHOLDS;

  private ProcessorContext<String, StatsDelta> context;
  private KeyValueStore<String, HouseholdExposure> households;
  private KeyValueStore<String, HouseholdSignal> buffer;
  private KeyValueStore<String, SourceMark> watermarks;
  private RunDeltas deltas;
  private int statsPartition;

  /** The time every source partition has passed, or Long.MIN_VALUE until each has reported. */
  private long watermark;

  HouseholdExposureProcessor(List<String> policies, List<String> runs, int sources) {
    this.policies = List.copyOf(policies);
    this.runs = List.copyOf(runs);
    this.sources = sources;
  }

  @Override
  public void init(ProcessorContext<String, StatsDelta> context) {
    this.context = context;
    this.households = context.getStateStore(SharingTopology.HOUSEHOLDS_STORE);
    this.buffer = context.getStateStore(SharingTopology.HOUSEHOLD_BUFFER_STORE);
    this.watermarks = context.getStateStore(SharingTopology.WATERMARKS_STORE);
    this.deltas =
        new RunDeltas(
            context.getStateStore(SharingTopology.HOUSEHOLD_DAYS_STORE),
            runs,
            policies,
            MeasureSlots.HOUSEHOLDS.names());
    List<SourceMark> marks = sourceWatermarks();
    this.watermark = marks == null ? Long.MIN_VALUE : earliest(marks);
  }

  @Override
  public void process(Record<String, HouseholdSignal> record) {
    HouseholdSignal signal = record.value();
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    // this task reports its days as the partitions after those of the copy ledger
    statsPartition = sources + metadata.partition();
    if (signal.getSignal() instanceof HouseholdCopyChange change) {
      deltas.ofId(change.getHouseholdId()); // a run the input does not carry fails here, unchanged
      if (signal.getTime() < watermark) {
        // later than the watermark promised: counted in the open day
        apply(change);
      } else {
        // in event time, then in the order the changes arrived
        buffer.put(TimeKey.of(signal.getTime(), TimeKey.digits(metadata.offset())), signal);
      }
    } else if (signal.getSignal() instanceof SourceWatermark mark) {
      advance(signal.getSourcePartition(), signal.getTime(), mark.getLast());
    }
    deltas.flush();
  }

  private void advance(int source, long time, boolean last) {
    if (source < 0 || source >= sources) {
      throw new IllegalArgumentException(
          "watermark from partition " + source + " but the input has " + sources);
    }
    String key = Integer.toString(source);
    SourceMark seen = watermarks.get(key);
    watermarks.put(key, seen == null ? new SourceMark(time, last) : seen.advancedTo(time, last));

    List<SourceMark> marks = sourceWatermarks();
    if (marks == null) {
      return;
    }
    long previous = watermark;
    watermark = earliest(marks);
    long horizon = Long.MIN_VALUE;
    boolean everySourceDone = true;
    for (SourceMark mark : marks) {
      horizon = Math.max(horizon, mark.through());
      everySourceDone &= mark.last();
    }
    applyBuffered(previous, everySourceDone ? Long.MAX_VALUE : watermark);
    if (everySourceDone) {
      forward(deltas.finish(horizon, statsPartition));
      // the world's last deltas go out now, not at the next commit interval (DailyStatsAggregator)
      context.commit();
    } else {
      forward(deltas.advanceTo(watermark, statsPartition));
    }
  }

  /** Each source partition's mark, or null until every one has reported. */
  private List<SourceMark> sourceWatermarks() {
    List<SourceMark> marks = new ArrayList<>(sources);
    for (int s = 0; s < sources; s++) {
      SourceMark mark = watermarks.get(Integer.toString(s));
      if (mark == null) {
        return null;
      }
      marks.add(mark);
    }
    return marks;
  }

  private static long earliest(List<SourceMark> marks) {
    long earliest = Long.MAX_VALUE;
    for (SourceMark mark : marks) {
      earliest = Math.min(earliest, mark.through());
    }
    return earliest;
  }

  /**
   * Applies, in event time, the buffered changes from {@code from} (no change is older) up to
   * {@code before}.
   */
  private void applyBuffered(long from, long before) {
    List<KeyValue<String, HouseholdSignal>> ready = new ArrayList<>();
    // starting at the old watermark skips the deleted entries of earlier drains
    try (KeyValueIterator<String, HouseholdSignal> it =
        buffer.range(TimeKey.digits(Math.max(0, from)), null)) {
      while (it.hasNext()) {
        KeyValue<String, HouseholdSignal> entry = it.next();
        if (entry.value.getTime() >= before) {
          break;
        }
        ready.add(entry);
      }
    }
    for (KeyValue<String, HouseholdSignal> entry : ready) {
      HouseholdCopyChange change = (HouseholdCopyChange) entry.value.getSignal();
      forward(
          deltas.ofId(change.getHouseholdId()).advanceTo(entry.value.getTime(), statsPartition));
      apply(change);
      buffer.delete(entry.key);
    }
  }

  private void apply(HouseholdCopyChange change) {
    DailyDeltas days = deltas.ofId(change.getHouseholdId());
    String policy = change.getPolicy();
    String key = new HouseholdKey(policy, change.getHouseholdId()).encoded();
    HouseholdExposure household = households.get(key);
    if (household == null) {
      household = new HouseholdExposure(new HashMap<>(), false, false);
    }
    if (change.getKnownToPolice()) {
      if (!household.getKnownToPolice()) {
        household.setKnownToPolice(true);
        days.add(policy, measure.of(HOUSEHOLDS_KNOWN_TO_POLICE), 1);
        households.put(key, household);
      }
      return;
    }
    // keyed by the holder type's name: Avro maps have string keys
    Map<String, Long> live = household.getLiveByHolderType();
    boolean exposedBefore = !live.isEmpty();
    HolderType holder = HolderType.valueOf(change.getHolderType());
    long before = live.getOrDefault(holder.name(), 0L);
    long after = before + change.getLiveCopies();
    if (after < 0) {
      throw new IllegalStateException(key + " would hold " + after + " copies held by " + holder);
    }
    if (after == 0) {
      live.remove(holder.name());
    } else {
      live.put(holder.name(), after);
    }
    MeasureKey byHolder = byHolder(HOUSEHOLDS_EXPOSED, holder);
    if (before == 0 && after > 0) {
      days.add(policy, measure.of(byHolder), 1);
    } else if (before > 0 && after == 0) {
      days.add(policy, measure.of(byHolder), -1);
    }
    if (!exposedBefore && !live.isEmpty()) {
      days.add(policy, measure.of(HOUSEHOLDS_EXPOSED), 1);
    } else if (exposedBefore && live.isEmpty()) {
      days.add(policy, measure.of(HOUSEHOLDS_EXPOSED), -1);
    }
    if (change.getAddressDisclosed() && !household.getAddressDisclosed()) {
      household.setAddressDisclosed(true);
      days.add(policy, measure.of(ADDRESSES_DISCLOSED), 1);
    }
    if (live.isEmpty() && !household.getAddressDisclosed() && !household.getKnownToPolice()) {
      households.delete(key);
    } else {
      households.put(key, household);
    }
  }

  private void forward(List<StatsDelta> closed) {
    for (StatsDelta delta : closed) {
      context.forward(new Record<>(delta.getPolicy(), delta, delta.getDayEnd()));
    }
  }
}
