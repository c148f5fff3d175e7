package io.camfleet.simulator.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The clip queue gives exactly the order of a priority queue of (time, camera), ties by camera,
 * whatever the spread of the times: within one slot, across the wheel's wrap and past its reach.
 */
class ClipQueueTest {
  private static final long ORIGIN = 1_559_347_200_000L;

  /** One (time, camera) entry of the reference queue. */
  private record Entry(long time, int camera) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int byTime = Long.compare(time, o.time);
      return byTime != 0 ? byTime : Integer.compare(camera, o.camera);
    }
  }

  /**
   * Random adds, replacements and removals as the generator makes them (a camera's next time not
   * before the one just taken, new cameras at any time after the origin), checking the first entry
   * after every step and returning the order taken.
   */
  private static List<Entry> drive(
      ClipQueue queue, long seed, int cameras, long maxGap, int steps) {
    Random random = new Random(seed);
    PriorityQueue<Entry> reference = new PriorityQueue<>();
    boolean[] waiting = new boolean[cameras];
    List<Integer> idle = new ArrayList<>();
    for (int c = 0; c < cameras; c++) {
      idle.add(c);
    }
    List<Entry> taken = new ArrayList<>();
    long now = 0;
    for (int step = 0; step < steps; step++) {
      int op = random.nextInt(10);
      if ((op < 2 || reference.isEmpty()) && !idle.isEmpty()) {
        int camera = idle.remove(random.nextInt(idle.size()));
        // sometimes before the current first entry, sometimes far ahead
        long time = ORIGIN + Math.max(0, now + gap(random, maxGap) - maxGap / 4);
        queue.add(time, camera);
        reference.add(new Entry(time, camera));
        waiting[camera] = true;
      } else if (!reference.isEmpty()) {
        Entry first = reference.poll();
        assertEquals(first.time(), queue.topTime(), "time at step " + step);
        assertEquals(first.camera(), queue.topCamera(), "camera at step " + step);
        taken.add(first);
        now = first.time() - ORIGIN;
        if (op < 8) {
          Entry again = new Entry(first.time() + gap(random, maxGap), first.camera());
          queue.replaceTop(again.time(), again.camera());
          reference.add(again);
        } else {
          queue.removeTop();
          waiting[first.camera()] = false;
          idle.add(first.camera());
        }
      }
      assertEquals(reference.size(), queue.size());
    }
    while (!reference.isEmpty()) {
      Entry first = reference.poll();
      assertEquals(first.time(), queue.topTime());
      assertEquals(first.camera(), queue.topCamera());
      queue.removeTop();
      taken.add(first);
    }
    assertEquals(0, queue.size());
    return taken;
  }

  /** Mostly small gaps with many ties (0), some across many slots, some far past the wheel. */
  private static long gap(Random random, long maxGap) {
    int kind = random.nextInt(10);
    if (kind < 3) {
      return 0;
    }
    if (kind < 7) {
      return random.nextInt(4);
    }
    if (kind < 9) {
      return (long) (random.nextDouble() * maxGap / 50);
    }
    return (long) (random.nextDouble() * maxGap);
  }

  @ParameterizedTest(name = "seed {0}, {1} cameras, slots of 2^{3} ms, 2^{4} slots")
  @CsvSource({
    "1, 1, 100, 0, 2",
    "2, 5, 1000, 1, 2",
    "3, 64, 100000, 2, 4",
    "4, 300, 10000000, 3, 6",
    "5, 1000, 400000000, 10, 17",
    "6, 2000, 5000, 0, 1",
    "7, 100, 86400000, 10, 8"
  })
  void takesEntriesInTheOrderOfAPriorityQueue(
      long seed, int cameras, long maxGap, int slotShift, int slotBits) {
    int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(cameras - 1));
    ClipQueue queue = new ClipQueue(cameras, ORIGIN, bits, slotShift, slotBits);
    List<Entry> taken = drive(queue, seed, cameras, maxGap, 200_000);
    // every step compared the first entry with the reference's; most steps took one
    assertEquals(true, taken.size() > 100_000, taken.size() + " entries taken");
  }

  @Test
  void defaultWheelOrdersTiesByCameraAndFarEntriesAfterNearOnes() {
    ClipQueue queue = new ClipQueue(10, ORIGIN, 4);
    long far = ORIGIN + 30L * 86_400_000L;
    queue.add(far, 1);
    queue.add(ORIGIN + 5_000, 7);
    queue.add(ORIGIN + 5_000, 3);
    queue.add(ORIGIN + 4_999, 9);
    queue.add(far, 0);
    queue.add(ORIGIN, 5);
    long[][] expected = {
      {ORIGIN, 5}, {ORIGIN + 4_999, 9}, {ORIGIN + 5_000, 3}, {ORIGIN + 5_000, 7}, {far, 0}, {far, 1}
    };
    List<String> got = new ArrayList<>();
    List<String> want = new ArrayList<>();
    for (long[] e : expected) {
      want.add(e[0] + "/" + e[1]);
      got.add(queue.topTime() + "/" + queue.topCamera());
      queue.removeTop();
    }
    assertEquals(want, got);
    assertThrows(IllegalStateException.class, queue::topTime);
  }
}
