package io.camfleet.lab;

import io.camfleet.policy.Policy;
import io.camfleet.schemas.Runs;
import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * What {@code camfleet run} does, checked before anything starts: the world and where it was read,
 * the policies and their files, the report folder, the cluster (an embedded broker when {@code
 * bootstrapServers} is empty), the dashboard port if any, how long the services may make no
 * progress before the run gives up, the partitions of world-events if asked for, the seeds the
 * world runs under (its own first, for one seed) and the baseline policy if one was named; {@code
 * replay}, the recorded event log to enforce the policies on instead of simulating {@code world}
 * (which is then null), and whether to keep the events beside the report.
 */
record RunPlan(
    World world,
    Path worldFile,
    List<Policy> policies,
    List<Path> policyFiles,
    Path out,
    Optional<String> bootstrapServers,
    Properties clientSettings,
    OptionalInt dashboardPort,
    Duration timeout,
    OptionalInt partitions,
    List<Long> seeds,
    Optional<String> baseline,
    Optional<RecordedEvents> replay,
    boolean keepEvents) {

  RunPlan {
    Objects.requireNonNull(replay, "replay");
    if (replay.isEmpty()) {
      Objects.requireNonNull(world, "world");
      Objects.requireNonNull(worldFile, "worldFile");
    }
    policies = List.copyOf(policies);
    policyFiles = List.copyOf(policyFiles);
    if (policies.isEmpty() || policies.size() != policyFiles.size()) {
      throw new IllegalArgumentException(
          "a run enforces at least one policy, each read from one file");
    }
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Properties copy = new Properties();
    copy.putAll(clientSettings);
    clientSettings = copy;
    Objects.requireNonNull(dashboardPort, "dashboardPort");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be longer than 0, not " + timeout);
    }
    Objects.requireNonNull(partitions, "partitions");
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
      throw new IllegalArgumentException("a run has at least one seed, each once: " + seeds);
    }
    Objects.requireNonNull(baseline, "baseline");
  }

  /**
   * The runs of the world-events topic, one per seed: {@link Runs#ONLY} for one seed, whose topic
   * is exactly that of a run of one seed, else one run named after each seed.
   */
  List<String> runs() {
    return seeds.size() == 1 ? Runs.ONLY : seeds.stream().map(Runs::forSeed).toList();
  }

  /** The world under each seed, in the order of {@link #seeds}. */
  List<World> worlds() {
    return seeds.stream().map(world::withSeed).toList();
  }

  List<String> policyNames() {
    return policies.stream().map(Policy::name).toList();
  }
}
