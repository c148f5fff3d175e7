package io.camfleet.simulator.generate;

import java.util.Arrays;

/**
 * The cameras by the time of their next clip, each in the queue at most once, taken in the order of
 * one long key per entry: the time since the origin in the high bits and the camera in the low
 * {@code cameraBits}, so ties go to the lower camera.
 *
 * <p>A timing wheel: entries due within the next {@code slots} slots of {@code 2^slotShift} ms wait
 * unsorted in the slot of their time, a list threaded through the cameras, and those further ahead
 * in an overflow heap that fills the wheel as time moves on. Taking the first entry sorts the
 * earliest non-empty slot (a few entries) into a run, so insertion and removal cost O(1) amortised
 * while the order is exactly that of a heap of the keys.
 */
final class ClipQueue {
  /** 1.024 s of event time per slot. */
  static final int SLOT_SHIFT = 10;

  /** 2^17 slots: about 37 hours ahead in the wheel. */
  static final int SLOT_BITS = 17;

  private final long origin;
  private final int cameraBits;
  private final long cameraMask;
  private final int slotShift;
  private final long slots;
  private final int slotMask;

  /** First camera of each slot's list, -1 when empty. */
  private final int[] head;

  /** One bit per slot, set when the slot's list is not empty. */
  private final long[] occupied;

  /** The next camera in the same slot's list, and each waiting camera's key. */
  private final int[] next;

  private final long[] keyOf;
  private final LongHeap overflow = new LongHeap();

  /**
   * The sorted entries of every slot up to {@link #current}, from {@code runStart} to {@code
   * runEnd}; the wheel holds the slots after it and before {@code current + slots}, the overflow
   * heap the later ones.
   */
  private long[] run = new long[16];

  private int runStart;
  private int runEnd;
  private long current = -1;
  private int inWheel;
  private int size;

  /** A queue for cameras {@code 0 .. cameras - 1} with times from {@code origin}. */
  ClipQueue(int cameras, long origin, int cameraBits) {
    this(cameras, origin, cameraBits, SLOT_SHIFT, SLOT_BITS);
  }

  ClipQueue(int cameras, long origin, int cameraBits, int slotShift, int slotBits) {
    this.origin = origin;
    this.cameraBits = cameraBits;
    this.cameraMask = (1L << cameraBits) - 1;
    this.slotShift = slotShift;
    this.slots = 1L << slotBits;
    this.slotMask = (1 << slotBits) - 1;
    this.head = new int[1 << slotBits];
    Arrays.fill(head, -1);
    this.occupied = new long[Math.max(1, (1 << slotBits) >>> 6)];
    this.next = new int[Math.max(1, cameras)];
    this.keyOf = new long[Math.max(1, cameras)];
  }

  int size() {
    return size;
  }

  /** The time of the first entry; the queue must not be empty. */
  long topTime() {
    return (top() >>> cameraBits) + origin;
  }

  /** The camera of the first entry; the queue must not be empty. */
  int topCamera() {
    return (int) (top() & cameraMask);
  }

  /** Adds {@code camera}, not in the queue, due at {@code time} (not before the origin). */
  void add(long time, int camera) {
    size++;
    place(((time - origin) << cameraBits) | camera);
  }

  /** Removes the first entry and adds {@code camera} at {@code time}. */
  void replaceTop(long time, int camera) {
    removeTop();
    add(time, camera);
  }

  void removeTop() {
    top();
    runStart++;
    size--;
  }

  private long top() {
    if (runStart == runEnd) {
      refill();
    }
    return run[runStart];
  }

  private long slotOf(long key) {
    return (key >>> cameraBits) >>> slotShift;
  }

  private void place(long key) {
    long slot = slotOf(key);
    if (slot <= current) {
      insertIntoRun(key);
    } else if (slot - current < slots) {
      int index = (int) (slot & slotMask);
      int camera = (int) (key & cameraMask);
      keyOf[camera] = key;
      next[camera] = head[index];
      head[index] = camera;
      occupied[index >>> 6] |= 1L << index;
      inWheel++;
    } else {
      overflow.add(key);
    }
  }

  private void insertIntoRun(long key) {
    if (runStart == runEnd) {
      runStart = 0;
      runEnd = 0;
    } else if (runEnd == run.length) {
      if (runStart > 0) {
        System.arraycopy(run, runStart, run, 0, runEnd - runStart);
        runEnd -= runStart;
        runStart = 0;
      } else {
        run = Arrays.copyOf(run, run.length * 2);
      }
    }
    int at = Arrays.binarySearch(run, runStart, runEnd, key);
    at = at < 0 ? -at - 1 : at;
    System.arraycopy(run, at, run, at + 1, runEnd - at);
    run[at] = key;
    runEnd++;
  }

  /** Moves the earliest waiting slot into the run; the run is empty and the queue is not. */
  private void refill() {
    if (size == 0) {
      throw new IllegalStateException("the clip queue is empty");
    }
    runStart = 0;
    runEnd = 0;
    if (inWheel > 0) {
      int from = (int) ((current + 1) & slotMask);
      int index = nextOccupied(from);
      current += 1 + ((index - from) & slotMask);
      int n = 0;
      for (int c = head[index]; c >= 0; c = next[c]) {
        if (n == run.length) {
          run = Arrays.copyOf(run, n * 2);
        }
        run[n++] = keyOf[c];
      }
      head[index] = -1;
      occupied[index >>> 6] &= ~(1L << index);
      inWheel -= n;
      runEnd = n;
      Arrays.sort(run, 0, n);
    } else {
      current = slotOf(overflow.peek());
    }
    while (overflow.size() > 0 && slotOf(overflow.peek()) - current < slots) {
      place(overflow.poll());
    }
  }

  /** The first slot at or after {@code from}, cyclically, whose list is not empty. */
  private int nextOccupied(int from) {
    int word = from >>> 6;
    long bits = occupied[word] & (-1L << from);
    int words = occupied.length;
    for (int i = 0; i <= words; i++) {
      if (bits != 0) {
        return ((word << 6) + Long.numberOfTrailingZeros(bits)) & slotMask;
      }
      word = (word + 1) % words;
      bits = occupied[word];
    }
    throw new IllegalStateException("no occupied slot in the clip wheel");
  }

  /** A binary min-heap of longs. */
  static final class LongHeap {
    private long[] entries = new long[16];
    private int size;

    int size() {
      return size;
    }

    long peek() {
      return entries[0];
    }

    void add(long entry) {
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (entries[parent] <= entry) {
          break;
        }
        entries[i] = entries[parent];
        i = parent;
      }
      entries[i] = entry;
    }

    long poll() {
      long first = entries[0];
      long last = entries[--size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && entries[child + 1] < entries[child]) {
          child++;
        }
        if (last <= entries[child]) {
          break;
        }
        entries[i] = entries[child];
        i = child;
      }
      if (size > 0) {
        entries[i] = last;
      }
      return first;
    }
  }
}
