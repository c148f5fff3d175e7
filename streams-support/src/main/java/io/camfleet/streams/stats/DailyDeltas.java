package io.camfleet.streams.stats;

import io.camfleet.avro.StatsDelta;
import io.camfleet.schemas.Runs;
import io.camfleet.streams.StateFolderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * One input partition's changes to each policy's measures during the open simulated day, kept in a
 * state store so they survive a crash exactly as the records that caused them. When stream time
 * passes the end of the day, the day is closed: its changes leave as a {@link StatsDelta}, and
 * every skipped day leaves as an empty one, so the aggregator hears of every day from every
 * partition. Every policy's open day sits in one store entry, so a record costs one write however
 * many policies it touches.
 *
 * <p>A day runs from one midnight (UTC) up to, not including, the next, with one exception: the
 * world's horizon, the time of its final clock tick, belongs to the last day, which closes there. A
 * world of N days therefore reports exactly N days, the last one ending at the horizon. As the
 * horizon is only known once {@link #finish} is called, a day stays open while stream time merely
 * reaches its end; changes at that very instant are held apart until stream time passes it (they
 * belong to the next day) or the world finishes there (they belong to the last day).
 */
public final class DailyDeltas {
  public static final long DAY_MS = 86_400_000L;
  private static final int DAY_START = 0;
  private static final int STATE = 1;
  private static final int FIRST_MEASURE = 2;

  /** {@link #STATE}: the day is open and stream time lies inside it. */
  private static final long OPEN = 0;

  /** {@link #STATE}: the final tick closed the days for good. */
  private static final long FINISHED = 1;

  /** {@link #STATE}: stream time stands exactly at the day's end; changes go to the second half. */
  private static final long AT_END = 2;

  private final KeyValueStore<String, long[]> store;
  private final String run;
  private final String key;
  private final List<String> policies;
  private final List<String> measures;
  private final Map<String, long[]> open = new HashMap<>();
  private boolean dirty;
  private static final String KEY = "open-days";

  /** A store for the open days of every policy. */
  public static StoreBuilder<KeyValueStore<String, long[]>> storeBuilder(String name) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), new LongArraySerde())
        .withCachingEnabled();
  }

  public DailyDeltas(
      KeyValueStore<String, long[]> store, List<String> policies, List<String> measures) {
    this(store, Runs.SINGLE, policies, measures);
  }

  /**
   * The open days of one run ({@link Runs}) of a multi-run input, kept in their own store entry, so
   * a record costs the write of its own run's entry only; {@link Runs#SINGLE} keeps the entry of an
   * input of one run.
   */
  public DailyDeltas(
      KeyValueStore<String, long[]> store,
      String run,
      List<String> policies,
      List<String> measures) {
    this.store = store;
    this.run = Runs.requireValid(run);
    this.key = run.isEmpty() ? KEY : KEY + "/" + run;
    this.policies = List.copyOf(policies);
    this.measures = List.copyOf(measures);
    long[] saved = store.get(key);
    int width = width();
    // entries written before the changes at a day's end were kept apart lack that second half
    int before = FIRST_MEASURE + this.measures.size();
    int count = this.policies.size();
    int savedWidth =
        saved == null
            ? 0
            : saved.length == width * count ? width : saved.length == before * count ? before : 0;
    if (saved != null && savedWidth == 0) {
      throw new StateFolderException(
          String.format(
              "the open days saved in state store %s hold %d values, where this version keeps %d:"
                  + " they were written by a version that counted other measures; start again with"
                  + " --reset-state",
              store.name(), saved.length, width * count));
    }
    if (savedWidth > 0) {
      for (int i = 0; i < count; i++) {
        long[] day = new long[width];
        System.arraycopy(saved, i * savedWidth, day, 0, savedWidth);
        open.put(this.policies.get(i), day);
      }
    }
  }

  public static long dayStart(long time) {
    return Math.floorDiv(time, DAY_MS) * DAY_MS;
  }

  /**
   * Adds {@code amount} to measure number {@code measure} of the policy's open day, or, while
   * stream time stands exactly at that day's end, to the changes at that instant.
   */
  public void add(String policy, int measure, long amount) {
    long[] day = open.get(policy);
    if (day == null) {
      throw new IllegalStateException("no open day for " + policy + ": call advanceTo first");
    }
    day[(day[STATE] == AT_END ? FIRST_MEASURE + measures.size() : FIRST_MEASURE) + measure] +=
        amount;
    dirty = true;
  }

  /** Whether the policy's days have been closed for good by the final tick. */
  public boolean finished(String policy) {
    long[] day = open.get(policy);
    return day != null && day[STATE] == FINISHED;
  }

  /**
   * Moves each policy to {@code streamTime}: opens its day there, or closes every day whose end
   * stream time has passed and opens the next; returns the closed days' deltas, oldest first. A day
   * whose end is exactly {@code streamTime} stays open, in case that instant is the horizon.
   */
  public List<StatsDelta> advanceTo(long streamTime, int partition) {
    List<StatsDelta> closed = new ArrayList<>();
    for (String policy : policies) {
      long[] day = open.get(policy);
      if (day == null) {
        open.put(policy, fresh(dayStart(streamTime)));
        dirty = true;
        continue;
      }
      if (day[STATE] == FINISHED) {
        continue;
      }
      while (true) {
        long end = day[DAY_START] + DAY_MS;
        if (streamTime < end) {
          break;
        }
        if (streamTime == end) {
          if (day[STATE] != AT_END) {
            day[STATE] = AT_END;
            dirty = true;
          }
          break;
        }
        closed.add(delta(policy, partition, day[DAY_START], end, changesBeforeEnd(day)).build());
        long[] next = fresh(end);
        if (day[STATE] == AT_END) {
          // the changes at the closed day's end open the next day
          System.arraycopy(
              day, FIRST_MEASURE + measures.size(), next, FIRST_MEASURE, measures.size());
        }
        day = next;
        open.put(policy, day);
        dirty = true;
      }
    }
    return closed;
  }

  /**
   * Closes every policy's open day as the last one, at the world's horizon: the day holds every
   * change up to and including the horizon, and its end is the horizon.
   */
  public List<StatsDelta> finish(long horizon, int partition) {
    List<StatsDelta> closed = new ArrayList<>(advanceTo(horizon, partition));
    for (String policy : policies) {
      long[] day = open.get(policy);
      if (day[STATE] == FINISHED) {
        continue;
      }
      // A partition whose first record is the final tick saw no time before the horizon; its
      // changes still belong to the day that ends there.
      long start = day[DAY_START] < horizon ? day[DAY_START] : dayStart(horizon - 1);
      // the last day ends at the horizon and keeps the changes at that instant
      Map<String, Long> changes =
          day[STATE] == AT_END ? changesThroughEnd(day) : changesBeforeEnd(day);
      closed.add(delta(policy, partition, start, horizon, changes).setLast(true).build());
      long[] done = fresh(start);
      done[STATE] = FINISHED;
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
    int width = width();
    long[] all = new long[width * policies.size()];
    for (int i = 0; i < policies.size(); i++) {
      System.arraycopy(open.get(policies.get(i)), 0, all, i * width, width);
    }
    store.put(key, all);
    dirty = false;
  }

  /** Day start, state, the open day's changes, then the changes at its end instant. */
  private int width() {
    return FIRST_MEASURE + 2 * measures.size();
  }

  private long[] fresh(long dayStart) {
    long[] day = new long[width()];
    day[DAY_START] = dayStart;
    day[STATE] = OPEN;
    return day;
  }

  /** The day's changes, in measure order, without those at the instant it ends. */
  private Map<String, Long> changesBeforeEnd(long[] day) {
    Map<String, Long> changes = new LinkedHashMap<>();
    for (int i = 0; i < measures.size(); i++) {
      changes.put(measures.get(i), day[FIRST_MEASURE + i]);
    }
    return changes;
  }

  /** The day's changes, in measure order, with those at the instant it ends. */
  private Map<String, Long> changesThroughEnd(long[] day) {
    Map<String, Long> changes = changesBeforeEnd(day);
    for (int i = 0; i < measures.size(); i++) {
      changes.merge(measures.get(i), day[FIRST_MEASURE + measures.size() + i], Long::sum);
    }
    return changes;
  }

  /** A day that is not the last one; {@code setLast(true)} makes it the last. */
  private StatsDelta.Builder delta(
      String policy, int partition, long dayStart, long dayEnd, Map<String, Long> changes) {
    return StatsDelta.newBuilder()
        .setRun(run)
        .setPolicy(policy)
        .setPartition(partition)
        .setDayStart(dayStart)
        .setDayEnd(dayEnd)
        .setLast(false)
        .setChanges(changes);
  }
}
