package io.camfleet.streams.stats;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.PendingDay;
import io.camfleet.avro.PendingStats;
import io.camfleet.avro.StatsDelta;
import io.camfleet.schemas.Runs;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the daily deltas of every input partition into one policy's totals (one run's, where the
 * input carries several runs: {@link Runs}). A day is released, in order, once every partition has
 * closed it or a later day; its record carries the cumulative totals at that day's end. The day the
 * final tick closes is the world's last: {@link DailyDeltas} ends it at the horizon, so a world of
 * N days gives N records, the last with {@code last=true}.
 */
public final class DailyStatsAggregator
    implements Processor<String, StatsDelta, String, DailyStats> {
  private final String storeName;
  private final String service;
  private final int inputPartitions;
  private ProcessorContext<String, DailyStats> context;
  private KeyValueStore<String, PendingStats> store;

  public DailyStatsAggregator(String storeName, String service, int inputPartitions) {
    this.storeName = storeName;
    this.service = service;
    this.inputPartitions = inputPartitions;
  }

  @Override
  public void init(ProcessorContext<String, DailyStats> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, StatsDelta> record) {
    StatsDelta delta = record.value();
    if (delta.getPartition() < 0 || delta.getPartition() >= inputPartitions) {
      throw new IllegalArgumentException(
          "stats delta from partition "
              + delta.getPartition()
              + " but the input has "
              + inputPartitions);
    }
    String policy = delta.getPolicy();
    String run = delta.getRun();
    String storeKey = run.isEmpty() ? policy : run + "/" + policy;
    PendingStats state = store.get(storeKey);
    if (state == null) {
      state =
          PendingStats.newBuilder()
              .setTotals(new HashMap<>())
              .setReleasedThrough(Long.MIN_VALUE)
              .setReportedThrough(
                  new ArrayList<>(Collections.nCopies(inputPartitions, Long.MIN_VALUE)))
              .setDays(new ArrayList<>())
              .build();
    }
    // Each pending day is an entry of its own (the key orders it by day), so a delta costs the
    // same however far one input partition runs ahead of the others.
    String dayKey = dayKey(storeKey, delta.getDayStart());
    PendingStats held = store.get(dayKey);
    PendingDay day = held == null ? null : held.getDays().get(0);
    if (day == null) {
      if (delta.getDayStart() <= state.getReleasedThrough()) {
        // A partition re-sent a day that was already released: stats stay as they are.
        return;
      }
      day =
          PendingDay.newBuilder()
              .setDayStart(delta.getDayStart())
              .setDayEnd(delta.getDayEnd())
              .setLast(false)
              .setChanges(new HashMap<>())
              .build();
    }
    Map<String, Long> changes = day.getChanges();
    delta.getChanges().forEach((measure, amount) -> changes.merge(measure, amount, Long::sum));
    day.setLast(day.getLast() || delta.getLast());
    store.put(dayKey, holding(day));
    List<Long> through = state.getReportedThrough();
    through.set(
        delta.getPartition(), Math.max(through.get(delta.getPartition()), delta.getDayStart()));

    long everyPartitionThrough =
        through.stream().mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
    while (everyPartitionThrough > state.getReleasedThrough()) {
      PendingDay complete = null;
      String completeKey = null;
      // from the day after the last released one, so the scan never walks over released days
      try (KeyValueIterator<String, PendingStats> first =
          store.range(
              dayKey(storeKey, state.getReleasedThrough() + 1),
              dayKey(storeKey, everyPartitionThrough))) {
        if (first.hasNext()) {
          KeyValue<String, PendingStats> entry = first.next();
          completeKey = entry.key;
          complete = entry.value.getDays().get(0);
        }
      }
      if (complete == null) {
        break;
      }
      store.delete(completeKey);
      Map<String, Long> totals = state.getTotals();
      complete.getChanges().forEach((measure, amount) -> totals.merge(measure, amount, Long::sum));
      String date =
          Instant.ofEpochMilli(complete.getDayStart())
              .atOffset(ZoneOffset.UTC)
              .toLocalDate()
              .toString();
      DailyStats stats =
          DailyStats.newBuilder()
              .setPolicy(policy)
              .setService(service)
              .setDay(date)
              .setDayEnd(complete.getDayEnd())
              .setLast(complete.getLast())
              .setMeasures(new LinkedHashMap<>(totals))
              .setRun(run.isEmpty() ? null : run)
              .build();
      // Stamped with the day's end (the horizon for the last day), or with the time of the delta
      // that closed the day if that is earlier: never a time the world has not reached.
      context.forward(
          new Record<>(
              Runs.statsKey(run, policy, date),
              stats,
              Math.min(record.timestamp(), complete.getDayEnd())));
      state.setReleasedThrough(complete.getDayStart());
      if (complete.getLast()) {
        // A run waits for the last day's record, and readers see it only once it is committed.
        // Each step on its way (the last deltas, a repartition topic, this record) would otherwise
        // wait up to a commit interval (StreamsSettings); the processors that send the world's
        // last records request a commit, which Kafka Streams makes before reading more input.
        context.commit();
      }
    }
    store.put(storeKey, state);
  }

  /**
   * The entry of one pending day of a policy: the policy's key, a separator that sorts after every
   * key character used in policy and run names, and the day's start as sixteen hex digits with the
   * sign bit flipped, so that the text order is the order of days.
   */
  static String dayKey(String storeKey, long dayStart) {
    return storeKey
        + "~day~"
        + String.format(java.util.Locale.ROOT, "%016x", dayStart ^ Long.MIN_VALUE);
  }

  /** A pending day held in an entry of its own. */
  private static PendingStats holding(PendingDay day) {
    return PendingStats.newBuilder()
        .setTotals(new HashMap<>())
        .setReleasedThrough(Long.MIN_VALUE)
        .setReportedThrough(new ArrayList<>())
        .setDays(new ArrayList<>(List.of(day)))
        .build();
  }
}
