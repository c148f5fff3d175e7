package io.camfleet.streams.stats;

import io.camfleet.avro.StatsDelta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * One input partition's changes to each policy's measures during the open simulated day, kept in
 * a state store so they survive a crash exactly as the records that caused them. When stream time
 * passes the end of the day, the day is closed: its changes leave as a {@link StatsDelta}, and
 * every skipped day leaves as an empty one, so the aggregator hears of every day from every
 * partition. Every policy's open day sits in one store entry, so a record costs one write however
 * many policies it touches.
 */
public final class DailyDeltas {
  public static final long DAY_MS = 86_400_000L;
  private static final int DAY_START = 0;
  private static final int CLOSED = 1;
  private static final int FIRST_MEASURE = 2;

  private final KeyValueStore<String, long[]> store;
  private final List<String> policies;
  private final List<String> measures;
  private final Map<String, long[]> open = new HashMap<>();
  private boolean dirty;
  private static final String KEY = "open-days";

  /** A store for the open days of every policy. */
  public static StoreBuilder<KeyValueStore<String, long[]>> storeBuilder(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), new LongArraySerde())
        .withCachingEnabled();
  }

  public DailyDeltas(KeyValueStore<String, long[]> store, List<String> policies, List<String> measures) {
    this.store = store;
    this.policies = List.copyOf(policies);
    this.measures = List.copyOf(measures);
    long[] saved = store.get(KEY);
    int width = FIRST_MEASURE + this.measures.size();
    if (saved != null && saved.length == width * this.policies.size()) {
      for (int i = 0; i < this.policies.size(); i++) {
        open.put(this.policies.get(i), Arrays.copyOfRange(saved, i * width, (i + 1) * width));
      }
    }
  }

  public static long dayStart(long time) {
    return Math.floorDiv(time, DAY_MS) * DAY_MS;
  }

  /** Adds {@code amount} to measure number {@code measure} of the policy's open day. */
  public void add(String policy, int measure, long amount) {
    long[] day = open.get(policy);
    if (day == null) {
      throw new IllegalStateException("no open day for " + policy + ": call advanceTo first");
    }
    day[FIRST_MEASURE + measure] += amount;
    dirty = true;
  }

  /** Whether the policy's days have been closed for good by the final tick. */
  public boolean finished(String policy) {
    long[] day = open.get(policy);
    return day != null && day[CLOSED] == 1;
  }

  /**
   * Opens each policy's day at {@code streamTime} and closes every earlier day; returns the
   * closed days' deltas, oldest first.
   */
  public List<StatsDelta> advanceTo(long streamTime, int partition) {
    List<StatsDelta> closed = new ArrayList<>();
    long today = dayStart(streamTime);
    for (String policy : policies) {
      long[] day = open.get(policy);
      if (day == null) {
        open.put(policy, fresh(today));
        dirty = true;
        continue;
      }
      if (day[CLOSED] == 1) {
        continue;
      }
      while (day[DAY_START] < today) {
        closed.add(delta(policy, partition, day, false));
        day = fresh(day[DAY_START] + DAY_MS);
        open.put(policy, day);
        dirty = true;
      }
    }
    return closed;
  }

  /** Closes every policy's open day as the last one, at the world's horizon. */
  public List<StatsDelta> finish(long horizon, int partition) {
    List<StatsDelta> closed = new ArrayList<>(advanceTo(horizon, partition));
    for (String policy : policies) {
      long[] day = open.get(policy);
      if (day[CLOSED] == 1) {
        continue;
      }
      closed.add(delta(policy, partition, day, true));
      long[] done = fresh(day[DAY_START]);
      done[CLOSED] = 1;
      open.put(policy, done);
      dirty = true;
    }
    return closed;
  }

  /** Writes the open days to the store if they changed; call once per processed record. */
  public void flush() {
    if (!dirty || open.size() < policies.size()) {
      return;
    }
    int width = FIRST_MEASURE + measures.size();
    long[] all = new long[width * policies.size()];
    for (int i = 0; i < policies.size(); i++) {
      System.arraycopy(open.get(policies.get(i)), 0, all, i * width, width);
    }
    store.put(KEY, all);
    dirty = false;
  }

  private long[] fresh(long dayStart) {
    long[] day = new long[FIRST_MEASURE + measures.size()];
    day[DAY_START] = dayStart;
    return day;
  }

  private StatsDelta delta(String policy, int partition, long[] day, boolean last) {
    Map<String, Long> changes = new LinkedHashMap<>();
    for (int i = 0; i < measures.size(); i++) {
      changes.put(measures.get(i), day[FIRST_MEASURE + i]);
    }
    return StatsDelta.newBuilder()
        .setPolicy(policy)
        .setPartition(partition)
        .setDayStart(day[DAY_START])
        .setDayEnd(day[DAY_START] + DAY_MS)
        .setLast(last)
        .setChanges(changes)
        .build();
  }
}
