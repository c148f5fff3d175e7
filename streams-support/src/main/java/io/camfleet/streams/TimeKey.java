package io.camfleet.streams;

/**
 * The one encoding of a state-store key that sorts by time: the time as {@value #DIGITS}
 * zero-padded decimal digits (every non-negative {@code long} fits), then {@code |} and the rest of
 * the key. Strings serialize to UTF-8 and RocksDB compares the bytes, so fixed-width digits sort by
 * time and the rest orders the keys of one instant.
 *
 * <p>Times before 1970 are never simulated and are refused: a negative time would sort wrongly.
 */
public final class TimeKey {
  /** Digits of the time at the start of every key: {@code Long.MAX_VALUE} has 19. */
  public static final int DIGITS = 19;

  /** Between the time and the rest of the key. */
  public static final char SEPARATOR = '|';

  // Sorts right after the separator: a range bound beyond every key of one instant.
  private static final char AFTER_SEPARATOR = '}';

  private TimeKey() {}

  /** A key: the time, the separator, then {@code rest}. */
  public static String of(long time, String rest) {
    StringBuilder key = new StringBuilder(DIGITS + 1 + rest.length());
    appendDigits(key, time);
    return key.append(SEPARATOR).append(rest).toString();
  }

  /**
   * The time alone, padded as in a key: also a range bound at or before every key of that instant.
   */
  public static String digits(long time) {
    StringBuilder digits = new StringBuilder(DIGITS);
    appendDigits(digits, time);
    return digits.toString();
  }

  /** A range bound after every key of {@code time} and before every key of a later time. */
  public static String after(long time) {
    StringBuilder bound = new StringBuilder(DIGITS + 1);
    appendDigits(bound, time);
    return bound.append(AFTER_SEPARATOR).toString();
  }

  /** The time a key made by {@link #of} starts with. */
  public static long timeOf(String key) {
    if (key.length() <= DIGITS || key.charAt(DIGITS) != SEPARATOR) {
      throw new IllegalArgumentException("not a time key: " + key);
    }
    return Long.parseLong(key, 0, DIGITS, 10);
  }

  /** What follows the time and the separator in a key made by {@link #of}. */
  public static String restOf(String key) {
    timeOf(key);
    return key.substring(DIGITS + 1);
  }

  // Without String.format: formatting each key once cost the retention service a tenth of its
  // stream thread.
  private static void appendDigits(StringBuilder out, long time) {
    if (time < 0) {
      throw new IllegalArgumentException("times before 1970 have no time key: " + time);
    }
    char[] digits = new char[DIGITS];
    long rest = time;
    for (int i = DIGITS - 1; i >= 0; i--) {
      digits[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    out.append(digits);
  }
}
