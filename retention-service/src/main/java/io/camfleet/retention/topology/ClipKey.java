package io.camfleet.retention.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * A live clip's key in the clip store: its recording time as eight big-endian bytes, then its id in
 * UTF-8. Recording times are never negative, and RocksDB compares keys as unsigned bytes, so the
 * store is in recording order and the clips recorded by a time are one range.
 */
record ClipKey(long recordedAt, String clipId) {
  private static final int TIME_BYTES = Long.BYTES;

  // Sorts after every byte of a UTF-8 id: 0xFF never occurs in UTF-8.
  private static final byte AFTER_ID = (byte) 0xFF;

  ClipKey {
    requireStoredTime(recordedAt);
  }

  Bytes encoded() {
    byte[] id = clipId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(TIME_BYTES + id.length).putLong(recordedAt).put(id).array());
  }

  static ClipKey decode(Bytes key) {
    byte[] bytes = key.get();
    if (bytes.length < TIME_BYTES) {
      throw new IllegalArgumentException("not a clip key: " + key);
    }
    return new ClipKey(
        recordedAtOf(key),
        new String(bytes, TIME_BYTES, bytes.length - TIME_BYTES, StandardCharsets.UTF_8));
  }

  /** The recording time a key starts with. */
  static long recordedAtOf(Bytes key) {
    return ByteBuffer.wrap(key.get()).getLong();
  }

  /** A range bound at or before every key of {@code time}, and after every key of earlier times. */
  static Bytes first(long time) {
    return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES).putLong(requireStoredTime(time)).array());
  }

  /** A range bound after every key of {@code time} and before every key of a later time. */
  static Bytes after(long time) {
    return Bytes.wrap(
        ByteBuffer.allocate(TIME_BYTES + 1).putLong(requireStoredTime(time)).put(AFTER_ID).array());
  }

  private static long requireStoredTime(long time) {
    if (time < 0) {
      throw new IllegalArgumentException("times before 1970 have no clip key: " + time);
    }
    return time;
  }
}
