package io.camfleet.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Command lines of {@code camfleet run} for the end-to-end tests. */
final class RunArgs {
  private RunArgs() {}

  /** {@code run} of a bundled world through every bundled policy, in file name order. */
  static String[] everyBundledPolicy(String worldFile, Path out) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("run", "--world", "../worlds/" + worldFile, "--out", out.toString()));
    try (Stream<Path> files = Files.list(Path.of("../policies"))) {
      files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .forEach(
              f -> {
                args.add("--policy");
                args.add(f.toString());
              });
    }
    return args.toArray(String[]::new);
  }
}
