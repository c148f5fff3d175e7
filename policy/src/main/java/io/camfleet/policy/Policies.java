package io.camfleet.policy;

import io.camfleet.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Loads several policy files and checks that their names do not collide. */
public final class Policies {
  private Policies() {}

  /** Reads each file, in order; two policies with one name are an error naming the second file. */
  public static List<Policy> read(List<Path> files) {
    List<Policy> policies = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path file : files) {
      Policy policy = Policy.read(file);
      if (!names.add(policy.name())) {
        throw new ConfigException(
            file,
            0,
            0,
            "name",
            "another policy file already uses the name '" + policy.name() + "'");
      }
      policies.add(policy);
    }
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("no policy files given");
    }
    return List.copyOf(policies);
  }

  /** Every {@code *.yaml} file in {@code dir}, sorted by name. */
  public static List<Path> filesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list policy folder " + dir, e);
    }
  }
}
