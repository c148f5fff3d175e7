package io.camfleet.simulator;

import io.camfleet.simulator.world.World;
import java.nio.file.Path;

/** The shipped world files, for tests (Surefire runs in the module folder, beside ../worlds). */
final class Worlds {
  private Worlds() {}

  static final Path DIR = Path.of("..", "worlds").toAbsolutePath().normalize();

  static Path file(String name) {
    return DIR.resolve(name + ".yaml");
  }

  static World read(String name) {
    return World.read(file(name));
  }
}
