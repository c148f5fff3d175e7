package io.camfleet.report;

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
}
