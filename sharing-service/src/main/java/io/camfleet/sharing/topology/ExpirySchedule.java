package io.camfleet.sharing.topology;

import io.camfleet.streams.TimeKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Event-time deadlines of one task, in a store ordered by time: key {@code time|kind|target} (a
 * {@link TimeKey}), value the target's key in its own store. The earliest deadline is cached, so a
 * record costs one comparison while nothing is due.
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

  /** One deadline: when, what falls due, and the key of what it applies to. */
  record Due(long time, Kind kind, String target) {
    /** The deadline's key in the schedule. */
    String key() {
      return TimeKey.of(time, kind.tag + "|" + target);
    }

    /**
     * The deadline a schedule entry holds: the time and kind from its key, the target from its
     * value.
     */
    static Due of(String key, String target) {
      return new Due(TimeKey.timeOf(key), Kind.of(TimeKey.restOf(key).charAt(0)), target);
    }
  }

  private final KeyValueStore<String, String> store;
  private long earliest;

  ExpirySchedule(KeyValueStore<String, String> store) {
    this.store = store;
    this.earliest = Long.MAX_VALUE;
    try (KeyValueIterator<String, String> it = store.all()) {
      if (it.hasNext()) {
        earliest = TimeKey.timeOf(it.next().key);
      }
    }
  }

  void add(long time, Kind kind, String target) {
    store.put(new Due(time, kind, target).key(), target);
    earliest = Math.min(earliest, time);
  }

  void remove(long time, Kind kind, String target) {
    store.delete(new Due(time, kind, target).key());
  }

  /** Removes and returns every deadline at or before {@code now}, oldest first. */
  List<Due> takeDue(long now) {
    if (now < earliest) {
      return List.of();
    }
    List<KeyValue<String, String>> due = new ArrayList<>();
    long next = Long.MAX_VALUE;
    // earliest never exceeds the first key, so the scan can start there and skip older tombstones
    try (KeyValueIterator<String, String> it =
        store.range(TimeKey.digits(Math.max(0, earliest)), null)) {
      while (it.hasNext()) {
        KeyValue<String, String> entry = it.next();
        long time = TimeKey.timeOf(entry.key);
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
      taken.add(Due.of(entry.key, entry.value));
    }
    return taken;
  }
}
