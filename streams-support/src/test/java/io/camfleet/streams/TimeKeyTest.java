package io.camfleet.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class TimeKeyTest {
  /**
   * How RocksDB orders the keys of a store with string keys: their UTF-8 bytes, unsigned, left to
   * right.
   */
  private static final Comparator<String> STORE_ORDER =
      Comparator.comparing(
          key -> key.getBytes(StandardCharsets.UTF_8), Bytes.BYTES_LEXICO_COMPARATOR);

  private static final long[] EDGE_TIMES = {
    0, 1, 9, 10, 99, 100, 999_999, 1_559_494_170_095L, Long.MAX_VALUE - 1, Long.MAX_VALUE
  };
  private static final String[] EDGE_RESTS = {
    "", "!", "0", "a", "a|b", "|", "}", "~", "clip-1", "é"
  };

  private record Entry(long time, String rest) {}

  @Test
  void writesTheTimeAsNineteenZeroPaddedDigitsThenTheSeparatorThenTheRest() {
    assertEquals(
        "0000001559494170095|clip-cam-000008-1-6",
        TimeKey.of(1_559_494_170_095L, "clip-cam-000008-1-6"));
    assertEquals("0000000000000000000|", TimeKey.of(0, ""));
    assertEquals("9223372036854775807|D|p|c", TimeKey.of(Long.MAX_VALUE, "D|p|c"));
    assertEquals("0000000000000000042", TimeKey.digits(42));
    assertEquals("0000000000000000042}", TimeKey.after(42));
  }

  @Test
  void storeOrderOfKeysIsTimeOrderThenOrderOfTheRest() {
    List<Entry> entries = new ArrayList<>();
    for (long time : EDGE_TIMES) {
      for (String rest : EDGE_RESTS) {
        entries.add(new Entry(time, rest));
      }
    }
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      // times of every magnitude, and many keys sharing one instant
      long time = i % 5 == 0 ? random.nextInt(3) : (random.nextLong() >>> 1) >>> random.nextInt(63);
      entries.add(
          new Entry(
              time,
              Integer.toString(random.nextInt(1_000), 36) + (random.nextBoolean() ? "|x" : "")));
    }

    List<String> byTimeThenRest =
        entries.stream()
            .sorted(Comparator.comparingLong(Entry::time).thenComparing(Entry::rest, STORE_ORDER))
            .map(e -> TimeKey.of(e.time(), e.rest()))
            .toList();
    List<String> byStoreOrder =
        entries.stream().map(e -> TimeKey.of(e.time(), e.rest())).sorted(STORE_ORDER).toList();

    assertEquals(byTimeThenRest, byStoreOrder);
  }

  @Test
  void rangeBoundsTakeInEveryKeyOfTheirInstantAndNoOther() {
    for (long time : new long[] {0, 9, 10, 1_559_494_170_095L, Long.MAX_VALUE - 1}) {
      for (String rest : EDGE_RESTS) {
        String key = TimeKey.of(time, rest);
        String context = time + " " + rest;
        assertEquals(
            List.of(TimeKey.digits(time), key, TimeKey.after(time), TimeKey.digits(time + 1)),
            sortedInStoreOrder(
                TimeKey.after(time), key, TimeKey.digits(time + 1), TimeKey.digits(time)),
            context);
        if (time > 0) {
          assertEquals(
              List.of(TimeKey.after(time - 1), key),
              sortedInStoreOrder(key, TimeKey.after(time - 1)),
              context);
        }
      }
    }
  }

  private static List<String> sortedInStoreOrder(String... keys) {
    return Arrays.stream(keys).sorted(STORE_ORDER).toList();
  }

  @Test
  void readsBackTheTimeAndTheRestOfEveryKey() {
    for (long time : EDGE_TIMES) {
      for (String rest : EDGE_RESTS) {
        String key = TimeKey.of(time, rest);
        assertEquals(
            new Entry(time, rest), new Entry(TimeKey.timeOf(key), TimeKey.restOf(key)), key);
      }
    }
  }

  @Test
  void refusesTimesBefore1970AndKeysItDidNotMake() {
    assertEquals(
        "times before 1970 have no time key: -1",
        assertThrows(IllegalArgumentException.class, () -> TimeKey.of(-1, "clip-1")).getMessage());
    assertEquals(
        "not a time key: 0000016b191895ef|clip-1",
        assertThrows(
                IllegalArgumentException.class, () -> TimeKey.timeOf("0000016b191895ef|clip-1"))
            .getMessage());
    assertEquals(
        "not a time key: 0000000000000000042",
        assertThrows(IllegalArgumentException.class, () -> TimeKey.restOf("0000000000000000042"))
            .getMessage());
  }
}
