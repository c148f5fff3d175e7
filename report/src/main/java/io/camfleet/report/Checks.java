package io.camfleet.report;

import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the report's records. */
final class Checks {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private Checks() {}

  static String nonBlank(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  static String sha256(String value, String what) {
    Objects.requireNonNull(value, what);
    if (!SHA256.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be 64 hexadecimal digits: '" + value + "'");
    }
    return value;
  }
}
