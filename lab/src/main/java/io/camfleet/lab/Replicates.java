package io.camfleet.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The seeds a command runs a world under ({@code --seeds N} or {@code --seed-list}) and the policy
 * the others are compared with ({@code --baseline}), shared by {@code run} and {@code sweep}.
 */
final class Replicates {
  /** The most seeds one command runs. */
  static final int MAX_SEEDS = 100;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      description =
          "Run the world under N seeds: its own and N-1 derived from it (default 1, at most "
              + MAX_SEEDS
              + ").")
  Integer seeds;

  @Option(
      names = "--seed-list",
      paramLabel = "S,S,...",
      split = ",",
      description = "Run the world under exactly these seeds instead (e.g. 7,8,9).")
  List<String> seedList;

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description =
          "The policy the others are compared with (default status-quo-2019 when it runs, else the first).")
  String baseline;

  /**
   * The seeds of a world whose own seed is {@code worldSeed}; a bad value is a usage error of
   * {@code spec} naming the option.
   */
  List<Long> seeds(long worldSeed, CommandSpec spec) {
    if (seeds != null && seedList != null) {
      throw new ParameterException(spec.commandLine(), "give --seeds or --seed-list, not both");
    }
    if (seedList != null) {
      return parseList(seedList, spec);
    }
    int n = seeds == null ? 1 : seeds;
    if (n < 1 || n > MAX_SEEDS) {
      throw new ParameterException(
          spec.commandLine(), "--seeds must be between 1 and " + MAX_SEEDS + ", not " + n);
    }
    return derive(worldSeed, n);
  }

  /** {@code --baseline} if it names one of {@code policies}, else a usage error. */
  Optional<String> baseline(List<String> policies, CommandSpec spec) {
    if (baseline != null && !policies.contains(baseline)) {
      throw new ParameterException(
          spec.commandLine(),
          "--baseline '"
              + baseline
              + "' is not one of the policies of the run: "
              + String.join(", ", policies));
    }
    return Optional.ofNullable(baseline);
  }

  /**
   * {@code first}, then {@code n - 1} seeds derived from it: each the next output of a SplitMix64
   * sequence started at {@code first}, kept to 31 bits so that it reads like a world file's seed,
   * skipping any seed already in the list. The same {@code first} always gives the same seeds.
   */
  static List<Long> derive(long first, int n) {
    Set<Long> seeds = new LinkedHashSet<>();
    seeds.add(first);
    long state = first;
    while (seeds.size() < n) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
      seeds.add(z >>> 33);
    }
    return List.copyOf(seeds);
  }

  private static List<Long> parseList(List<String> items, CommandSpec spec) {
    List<Long> seeds = new ArrayList<>();
    for (String item : items) {
      String text = item.strip();
      if (text.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "--seed-list has an empty item: '" + String.join(",", items) + "'");
      }
      long seed;
      try {
        seed = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new ParameterException(
            spec.commandLine(), "--seed-list: '" + text + "' is not a whole number");
      }
      if (seeds.contains(seed)) {
        throw new ParameterException(
            spec.commandLine(), "--seed-list names seed " + seed + " twice");
      }
      seeds.add(seed);
    }
    if (seeds.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--seed-list names no seed");
    }
    if (seeds.size() > MAX_SEEDS) {
      throw new ParameterException(
          spec.commandLine(), "--seed-list names " + seeds.size() + " seeds; at most " + MAX_SEEDS);
    }
    return List.copyOf(seeds);
  }
}
