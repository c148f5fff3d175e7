package io.camfleet.lab;

import io.camfleet.policy.Policy;
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
 * bootstrapServers} is empty), the dashboard port if any, and how long to wait for the services;
 * {@code replay}, the recorded event log to enforce the policies on instead of simulating {@code
 * world} (which is then null), and whether to keep the events beside the report.
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
  }

  List<String> policyNames() {
    return policies.stream().map(Policy::name).toList();
  }
}
