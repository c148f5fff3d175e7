package io.camfleet.simulator.cli;

import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that change a world file's seed, cameras or days, shared by every command that runs a
 * world; each value is checked against the world's own limits and named by its option.
 */
public final class WorldOverrides {
  @Option(names = "--seed", paramLabel = "N", description = "Seed instead of the world file's.")
  Long seed;

  @Option(
      names = "--cameras",
      paramLabel = "N",
      description = "Number of cameras instead of the world file's.")
  Integer cameras;

  @Option(
      names = "--days",
      paramLabel = "N",
      description = "Simulated days instead of the world file's.")
  Integer days;

  /**
   * {@code world} (read from {@code file}) with the overrides given; a value out of range is a
   * usage error of {@code spec}.
   */
  public World apply(World world, Path file, CommandSpec spec) {
    if (cameras != null && (cameras < 1 || cameras > world.maxCameras())) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(
              Locale.ROOT,
              "--cameras must be between 1 and %,d (one camera per household of the county in %s), not %d",
              world.maxCameras(),
              file,
              cameras));
    }
    int runCameras = cameras != null ? cameras : world.cameras();
    if (days != null && (days < 1 || days > World.maxDays(runCameras))) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(
              Locale.ROOT,
              "--days must be between 1 and %,d%s, not %d",
              World.maxDays(runCameras),
              World.maxDays(runCameras) < World.MAX_DAYS
                  ? String.format(Locale.ROOT, " for %,d cameras", runCameras)
                  : "",
              days));
    }
    World result = seed != null ? world.withSeed(seed) : world;
    try {
      return result.withSize(runCameras, days != null ? days : result.days());
    } catch (IllegalArgumentException e) {
      // the world file's days may be too many for the cameras asked for
      throw new ParameterException(
          spec.commandLine(),
          (cameras != null ? "--cameras " + cameras + ": " : "") + e.getMessage());
    }
  }
}
