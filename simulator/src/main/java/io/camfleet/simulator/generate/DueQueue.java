package io.camfleet.simulator.generate;

import java.util.Arrays;

/**
 * Items due at a time, taken earliest first and, at equal times, in the order they were added: a
 * binary heap over parallel arrays of times and arrival numbers, with no comparator and no boxing.
 */
final class DueQueue<T> {
  private long[] times = new long[64];
  private long[] order = new long[64];
  private Object[] items = new Object[64];
  private long added;
  private int size;

  int size() {
    return size;
  }

  /** The time of the first item, {@link Long#MAX_VALUE} when there is none. */
  long firstTime() {
    return size == 0 ? Long.MAX_VALUE : times[0];
  }

  void add(long time, T item) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      order = Arrays.copyOf(order, size * 2);
      items = Arrays.copyOf(items, size * 2);
    }
    long seq = added++;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(time, seq, times[parent], order[parent])) {
        break;
      }
      times[i] = times[parent];
      order[i] = order[parent];
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    order[i] = seq;
    items[i] = item;
  }

  /** Removes and returns the first item; the queue must not be empty. */
  @SuppressWarnings("unchecked")
  T poll() {
    if (size == 0) {
      throw new IllegalStateException("nothing is due");
    }
    T first = (T) items[0];
    int n = --size;
    long time = times[n];
    long seq = order[n];
    Object item = items[n];
    items[n] = null;
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && before(times[child + 1], order[child + 1], times[child], order[child])) {
        child++;
      }
      if (!before(times[child], order[child], time, seq)) {
        break;
      }
      times[i] = times[child];
      order[i] = order[child];
      items[i] = items[child];
      i = child;
    }
    if (n > 0) {
      times[i] = time;
      order[i] = seq;
      items[i] = item;
    }
    return first;
  }

  void clear() {
    Arrays.fill(items, 0, size, null);
    size = 0;
  }

  private static boolean before(long timeA, long seqA, long timeB, long seqB) {
    return timeA < timeB || (timeA == timeB && seqA < seqB);
  }
}
