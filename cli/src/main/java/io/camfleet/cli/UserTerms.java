package io.camfleet.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values read in the user's terms: a wrong value is named with what was expected ("'abc' is
 * not a whole number"), never with a Java type ("is not a long"). Registered once on the top-level
 * command line, so every command gets the same words.
 */
public final class UserTerms {
  private static final Pattern SHORT_DURATION =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private UserTerms() {}

  /** Registers the converters on {@code cli} and every subcommand it has now. */
  public static CommandLine register(CommandLine cli) {
    ITypeConverter<Long> longs = UserTerms::wholeNumber;
    ITypeConverter<Integer> ints = UserTerms::intNumber;
    ITypeConverter<Double> doubles = UserTerms::decimal;
    return cli.registerConverter(Long.class, longs)
        .registerConverter(long.class, longs)
        .registerConverter(Integer.class, ints)
        .registerConverter(int.class, ints)
        .registerConverter(Double.class, doubles)
        .registerConverter(double.class, doubles)
        .registerConverter(Duration.class, UserTerms::duration)
        .registerConverter(LocalDate.class, UserTerms::date);
  }

  static long wholeNumber(String text) {
    String value = text.strip().replace("_", "");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      if (value.matches("[+-]?\\d+")) {
        throw new TypeConversionException("'" + text + "' is too large a number");
      }
      throw new TypeConversionException("'" + text + "' is not a whole number");
    }
  }

  static int intNumber(String text) {
    long value = wholeNumber(text);
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new TypeConversionException(
          "'" + text + "' is too large a number (at most " + Integer.MAX_VALUE + ")");
    }
    return (int) value;
  }

  static double decimal(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new TypeConversionException("'" + text + "' is not a number");
  }

  /**
   * ISO-8601 ({@code PT30M}) or short ({@code 30m}, {@code 90s}, {@code 2h}, {@code 1h30m}, {@code
   * 500ms}).
   */
  static Duration duration(String text) {
    String value = text.strip();
    if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(value);
      } catch (DateTimeException e) {
        throw notADuration(text);
      }
    }
    Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (value.isEmpty() || !m.matches()) {
      throw notADuration(text);
    }
    Duration d = Duration.ZERO;
    long[] unitsMillis = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    for (int i = 0; i < unitsMillis.length; i++) {
      if (m.group(i + 1) != null) {
        d = d.plusMillis(Long.parseLong(m.group(i + 1)) * unitsMillis[i]);
      }
    }
    return d;
  }

  private static TypeConversionException notADuration(String text) {
    return new TypeConversionException(
        "'" + text + "' is not a duration (for example 30m, 90s, 2h, 1h30m or PT30M)");
  }

  static LocalDate date(String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a date (YYYY-MM-DD, a day that exists)");
    }
  }
}
