package io.camfleet.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The simulated world a report describes: its parameters and the file (with its digest) it came
 * from.
 */
public record WorldInfo(
    String name,
    long seed,
    int cameras,
    int days,
    String start,
    String worldFile,
    String worldFileSha256) {

  public WorldInfo {
    name = Checks.nonBlank(name, "world name");
    if (cameras < 1) {
      throw new IllegalArgumentException("a world has at least one camera: " + cameras);
    }
    if (days < 1) {
      throw new IllegalArgumentException("a world runs at least one day: " + days);
    }
    start = Checks.nonBlank(start, "world start");
    worldFile = Checks.nonBlank(worldFile, "world file");
    worldFileSha256 = Checks.sha256(worldFileSha256, "world file sha256").toLowerCase(Locale.ROOT);
  }

  /**
   * The world's last simulated day: a world of N days ends at the midnight after its N-th day, its
   * horizon.
   */
  public LocalDate lastDay() {
    try {
      return LocalDate.parse(start).plusDays(days - 1L);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "world '" + name + "' starts on '" + start + "', which is not an ISO date", e);
    }
  }
}
