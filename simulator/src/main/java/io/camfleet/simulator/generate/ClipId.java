package io.camfleet.simulator.generate;

import java.nio.charset.StandardCharsets;

/**
 * A clip's id, {@code clip-{camera}-{day}-{index}}: the one place its form is written. The
 * generator hands a receiver the id of each clip it records in this form, reused from clip to clip,
 * so that a receiver that writes bytes copies them from the camera's prefix without making a string
 * (on fleet-100k, the string of each clip's id took about a quarter of the simulating thread).
 */
public final class ClipId {
  private String prefix;
  private byte[] prefixBytes;
  private int day;
  private int index;

  ClipId() {}

  /**
   * The id of a camera's clip: the {@code index}-th (from 0) it recorded on the world's day {@code
   * day} (from 0).
   */
  public static ClipId of(String cameraId, int day, int index) {
    String prefix = prefix(cameraId);
    return new ClipId().set(prefix, utf8(prefix), day, index);
  }

  /** {@link #of}'s text, without the bytes. */
  static String text(String cameraId, int day, int index) {
    return prefix(cameraId) + day + "-" + index;
  }

  /** What every id of a camera's clips begins with. */
  static String prefix(String cameraId) {
    return "clip-" + cameraId + "-";
  }

  /** This becomes the id of a clip of the camera whose {@link #prefix} this is (text and UTF-8). */
  ClipId set(String prefix, byte[] prefixBytes, int day, int index) {
    if (day < 0 || index < 0) {
      throw new IllegalArgumentException("a clip's day and index are never negative");
    }
    this.prefix = prefix;
    this.prefixBytes = prefixBytes;
    this.day = day;
    this.index = index;
    return this;
  }

  /** The id as text. */
  public String text() {
    return prefix + day + "-" + index;
  }

  /** The length of its UTF-8 bytes. */
  public int utf8Length() {
    return prefixBytes.length + digits(day) + 1 + digits(index);
  }

  /** Writes its UTF-8 bytes into {@code b} at {@code at}; returns where they end. */
  public int writeUtf8(byte[] b, int at) {
    System.arraycopy(prefixBytes, 0, b, at, prefixBytes.length);
    at = writeDigits(b, at + prefixBytes.length, day);
    b[at++] = '-';
    return writeDigits(b, at, index);
  }

  @Override
  public String toString() {
    return text();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int digits(int n) {
    int d = 1;
    while (n >= 10) {
      n /= 10;
      d++;
    }
    return d;
  }

  private static int writeDigits(byte[] b, int at, int n) {
    int end = at + digits(n);
    for (int i = end - 1; i >= at; i--) {
      b[i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    return end;
  }
}
