package io.camfleet.sharing.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.streams.stats.LongArraySerde;
import org.junit.jupiter.api.Test;

class SourceMarkTest {
  private static final long TIME = 1_559_494_170_095L;

  @Test
  void storesTheSameBytesAsTheArrayOfTimeAndLastFlagTheStoreHeldBefore() {
    LongArraySerde before = new LongArraySerde();
    assertArrayEquals(
        before.serializer().serialize("", new long[] {TIME, 1}),
        SourceMark.SERDE.serializer().serialize("", new SourceMark(TIME, true)));
    assertArrayEquals(
        before.serializer().serialize("", new long[] {TIME, 0}),
        SourceMark.SERDE.serializer().serialize("", new SourceMark(TIME, false)));
    assertEquals(
        new SourceMark(TIME, true),
        SourceMark.SERDE
            .deserializer()
            .deserialize("", before.serializer().serialize("", new long[] {TIME, 1})));
  }

  @Test
  void advancingNeverMovesTimeBackNorUnfinishesASource() {
    SourceMark finished = new SourceMark(TIME, true);
    assertEquals(new SourceMark(TIME, true), finished.advancedTo(TIME - 1, false));
    assertEquals(
        new SourceMark(TIME + 1, false), new SourceMark(TIME, false).advancedTo(TIME + 1, false));
    assertEquals(new SourceMark(TIME, true), new SourceMark(TIME, false).advancedTo(TIME, true));
  }
}
