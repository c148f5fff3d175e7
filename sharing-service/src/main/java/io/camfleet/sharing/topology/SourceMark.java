package io.camfleet.sharing.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How far one input partition has come, as the household counters know it: every change it sends
 * from now on is at or after {@code through}; {@code last} once its final clock tick has passed.
 */
record SourceMark(long through, boolean last) {

  /**
   * The mark after a watermark at {@code time}: time never goes back, and a finished source stays
   * finished.
   */
  SourceMark advancedTo(long time, boolean lastTick) {
    return new SourceMark(Math.max(through, time), last || lastTick);
  }

  /**
   * Sixteen bytes: {@code through}, then 1 or 0 for {@code last}, each a big-endian long (the
   * layout the watermarks store has always had, as an array of two longs).
   */
  static final Serde<SourceMark> SERDE = Serdes.serdeFrom(serializer(), deserializer());

  private static Serializer<SourceMark> serializer() {
    return (topic, mark) ->
        mark == null
            ? null
            : ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(mark.through())
                .putLong(mark.last() ? 1 : 0)
                .array();
  }

  private static Deserializer<SourceMark> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return new SourceMark(buffer.getLong(), buffer.getLong() == 1);
    };
  }
}
