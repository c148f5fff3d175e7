package io.camfleet.simulator.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The due queue takes items by time and, at equal times, in the order they were added. */
class DueQueueTest {

  private record Due(long time, long seq, int id) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int byTime = Long.compare(time, o.time);
      return byTime != 0 ? byTime : Long.compare(seq, o.seq);
    }
  }

  @Test
  void takesItemsInTheOrderOfAPriorityQueueByTimeThenArrival() {
    Random random = new Random(19);
    DueQueue<Integer> queue = new DueQueue<>();
    PriorityQueue<Due> reference = new PriorityQueue<>();
    List<Integer> taken = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    long now = 0;
    int ids = 0;
    for (int step = 0; step < 300_000; step++) {
      if (reference.isEmpty() || random.nextInt(5) < 3) {
        // many ties: times from a small range ahead of now
        long time = now + random.nextInt(random.nextBoolean() ? 3 : 1000);
        int id = ids++;
        queue.add(time, id);
        reference.add(new Due(time, id, id));
      } else {
        assertEquals(reference.peek().time(), queue.firstTime(), "at step " + step);
        Due first = reference.poll();
        now = first.time();
        expected.add(first.id());
        taken.add(queue.poll());
      }
      assertEquals(reference.size(), queue.size());
    }
    while (!reference.isEmpty()) {
      expected.add(reference.poll().id());
      taken.add(queue.poll());
    }
    assertEquals(expected, taken);
    assertEquals(Long.MAX_VALUE, queue.firstTime());
  }

  @Test
  void equalTimesComeOutInArrivalOrderAndClearEmpties() {
    DueQueue<String> queue = new DueQueue<>();
    queue.add(5, "c");
    queue.add(3, "a");
    queue.add(5, "d");
    queue.add(3, "b");
    queue.add(1, "first");
    assertEquals(
        List.of("first", "a", "b", "c"),
        List.of(queue.poll(), queue.poll(), queue.poll(), queue.poll()));
    assertEquals(5, queue.firstTime());
    queue.clear();
    assertEquals(0, queue.size());
    assertThrows(IllegalStateException.class, queue::poll);
  }
}
