package io.camfleet.sharing.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Event-time deadlines of one task, in a store ordered by time: key {@code time|kind|target},
 * value the target's key in its own store. The earliest deadline is cached, so a record costs one
 * comparison while nothing is due.
 */
final class ExpirySchedule {

  /** What falls due; at one instant, copies expire before originals reach their due time. */
  enum Kind {
    COPY_EXPIRES('C'),
    ORIGINAL_DUE('D');

    private final char tag;

    Kind(char tag) {
      this.tag = tag;
    }

    static Kind of(char tag) {
      return tag == 'C' ? COPY_EXPIRES : ORIGINAL_DUE;
    }
  }

  /** One deadline reached. */
  record Due(long time, Kind kind, String target) {}

  private static final int TIME_DIGITS = 19;

  private final KeyValueStore<String, String> store;
  private long earliest;

  ExpirySchedule(KeyValueStore<String, String> store) {
    this.store = store;
    this.earliest = Long.MAX_VALUE;
    try (KeyValueIterator<String, String> it = store.all()) {
      if (it.hasNext()) {
        earliest = timeOf(it.next().key);
      }
    }
  }

  void add(long time, Kind kind, String target) {
    store.put(key(time, kind, target), target);
    earliest = Math.min(earliest, time);
  }

  void remove(long time, Kind kind, String target) {
    store.delete(key(time, kind, target));
  }

  /** Removes and returns every deadline at or before {@code now}, oldest first. */
  List<Due> takeDue(long now) {
    if (now < earliest) {
      return List.of();
    }
    List<KeyValue<String, String>> due = new ArrayList<>();
    long next = Long.MAX_VALUE;
    // earliest never exceeds the first key, so the scan can start there and skip older tombstones
    try (KeyValueIterator<String, String> it = store.range(pad(Math.max(0, earliest)), null)) {
      while (it.hasNext()) {
        KeyValue<String, String> entry = it.next();
        long time = timeOf(entry.key);
        if (time > now) {
          next = time;
          break;
        }
        due.add(entry);
      }
    }
    earliest = next;
    List<Due> taken = new ArrayList<>(due.size());
    for (KeyValue<String, String> entry : due) {
      store.delete(entry.key);
      taken.add(new Due(timeOf(entry.key), Kind.of(entry.key.charAt(TIME_DIGITS + 1)), entry.value));
    }
    return taken;
  }

  private static String key(long time, Kind kind, String target) {
    return pad(time) + "|" + kind.tag + "|" + target;
  }

  private static String pad(long time) {
    if (time < 0) {
      throw new IllegalArgumentException("event times before 1970 are not scheduled: " + time);
    }
    String digits = Long.toString(time);
    return "0".repeat(TIME_DIGITS - digits.length()) + digits;
  }

  private static long timeOf(String key) {
    return Long.parseLong(key.substring(0, TIME_DIGITS));
  }
}
