package io.camfleet.lab;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where camfleet is installed, so that the bundled {@code worlds/} and {@code policies/} are found
 * from any working folder. The launcher passes {@code -Dcamfleet.home}; otherwise it is two folders
 * above the jar ({@code lab/target/camfleet.jar} in a checkout).
 */
final class Installation {
  private Installation() {}

  /**
   * {@code relative} as given when it exists in the working folder, else the installation's copy
   * when that exists, else {@code relative} unchanged (the error then names the path as given).
   */
  static Path resolveDefault(Path relative) {
    if (Files.exists(relative)) {
      return relative;
    }
    return home().map(h -> h.resolve(relative)).filter(Files::exists).orElse(relative);
  }

  static Optional<Path> home() {
    String property = System.getProperty("camfleet.home");
    if (property != null && !property.isBlank()) {
      return Optional.of(Path.of(property));
    }
    try {
      Path jar =
          Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.getParent() == null ? null : jar.getParent().getParent();
      return Optional.ofNullable(root == null ? null : root.getParent());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
