package io.camfleet.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyOrderTest {
  @TempDir Path dir;

  private record Rec(String key, long timestamp, String value) {}

  /**
   * Records of 40 keys, each key's in its own order (its value numbers them), the keys' records
   * interleaved at random as partitions' would be.
   */
  private static List<Rec> interleaved(long seed) {
    Random random = new Random(seed);
    List<List<Rec>> byKey = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      List<Rec> one = new ArrayList<>();
      // keys of several lengths and non-ASCII bytes, so that the order is of unsigned bytes
      String key = (k % 3 == 0 ? "ü" : "") + "policy/clip-" + k;
      for (int i = 0; i < 1 + random.nextInt(60); i++) {
        one.add(new Rec(key, random.nextInt(1000), key + "#" + i));
      }
      byKey.add(one);
    }
    List<Rec> out = new ArrayList<>();
    int[] next = new int[byKey.size()];
    while (true) {
      List<Integer> left = new ArrayList<>();
      for (int k = 0; k < byKey.size(); k++) {
        if (next[k] < byKey.get(k).size()) {
          left.add(k);
        }
      }
      if (left.isEmpty()) {
        return out;
      }
      int k = left.get(random.nextInt(left.size()));
      out.add(byKey.get(k).get(next[k]++));
    }
  }

  private List<Rec> sorted(List<Rec> records, long budget, int[] runs) throws IOException {
    List<Rec> out = new ArrayList<>();
    try (KeyOrder order = new KeyOrder(dir, budget)) {
      for (Rec r : records) {
        order.add(bytes(r.key()), r.timestamp(), bytes(r.value()));
      }
      order.drainTo(
          (key, timestamp, value) ->
              out.add(
                  new Rec(
                      new String(key, StandardCharsets.UTF_8),
                      timestamp,
                      new String(value, StandardCharsets.UTF_8))));
      runs[0] = order.runs();
    }
    return out;
  }

  @Test
  void anyInterleavingOfTheKeysGivesOneOrderInMemoryOrSpilled() throws IOException {
    List<Rec> first = null;
    for (long seed = 1; seed <= 6; seed++) {
      List<Rec> records = interleaved(42);
      // the same records of each key in the same order, the keys interleaved another way
      List<Rec> reinterleaved = reinterleave(records, seed);
      for (long budget : new long[] {1L << 30, 4096, 200}) {
        int[] runs = {0};
        List<Rec> out = sorted(reinterleaved, budget, runs);
        assertEquals(budget == 1L << 30, runs[0] == 0, "runs " + runs[0] + " at " + budget);
        if (first == null) {
          first = out;
        }
        assertEquals(first, out, "seed " + seed + ", budget " + budget);
      }
    }
    // in key order (unsigned UTF-8 bytes), each key's records as added
    assertEquals(interleaved(42).size(), first.size());
    for (int i = 1; i < first.size(); i++) {
      int byKey =
          java.util.Arrays.compareUnsigned(
              bytes(first.get(i - 1).key()), bytes(first.get(i).key()));
      assertTrue(byKey <= 0, first.get(i - 1) + " before " + first.get(i));
      if (byKey == 0) {
        assertTrue(index(first.get(i - 1)) < index(first.get(i)), first.get(i).toString());
      }
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "no temporary file is left");
    }
  }

  @Test
  void closedWithoutDrainingItLeavesNothing() throws IOException {
    try (KeyOrder order = new KeyOrder(dir, 100)) {
      for (Rec r : interleaved(7)) {
        order.add(bytes(r.key()), r.timestamp(), bytes(r.value()));
      }
      assertTrue(order.runs() > 1);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aSinkThatFailsStopsTheDrainAndTheFolderStillGoes() throws IOException {
    KeyOrder order = new KeyOrder(dir, 100);
    for (Rec r : interleaved(9)) {
      order.add(bytes(r.key()), r.timestamp(), bytes(r.value()));
    }
    assertThrows(
        IOException.class,
        () ->
            order.drainTo(
                (k, t, v) -> {
                  throw new IOException("disk full");
                }));
    order.close();
    try (Stream<Path> left = Files.list(dir)) {
      assertFalse(left.findAny().isPresent());
    }
  }

  private static List<Rec> reinterleave(List<Rec> records, long seed) {
    // keep each key's records in order: shuffle the sequence of key slots only
    List<String> slots = new ArrayList<>(records.stream().map(Rec::key).toList());
    Collections.shuffle(slots, new Random(seed));
    java.util.Map<String, java.util.ArrayDeque<Rec>> byKey = new java.util.LinkedHashMap<>();
    for (Rec r : records) {
      byKey.computeIfAbsent(r.key(), k -> new java.util.ArrayDeque<>()).add(r);
    }
    List<Rec> out = new ArrayList<>();
    for (String key : slots) {
      out.add(byKey.get(key).poll());
    }
    return out;
  }

  private static int index(Rec r) {
    return Integer.parseInt(r.value().substring(r.value().indexOf('#') + 1));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
