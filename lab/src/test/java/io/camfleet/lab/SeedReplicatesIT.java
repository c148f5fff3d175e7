package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.camfleet.cli.ShutdownGuard;
import io.camfleet.policy.Policies;
import io.camfleet.report.Report;
import io.camfleet.report.SeedRun;
import io.camfleet.simulator.world.World;
import io.camfleet.testkafka.TestKafka;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicates share one pass of each service, and each seed's figures are exactly those of the run
 * of that seed alone: every measure of every policy on every day.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SeedReplicatesIT {
  @TempDir Path tmp;

  private static final Path WORLD = Path.of("../worlds/default.yaml");

  @Test
  void eachSeedOfOnePassReportsExactlyWhatItsRunAloneReports() throws Exception {
    List<SeedRun> together = run(List.of(7L, 8L));
    List<SeedRun> seven = run(List.of(7L));
    List<SeedRun> eight = run(List.of(8L));

    assertEquals(List.of(7L, 8L), together.stream().map(SeedRun::seed).toList());
    assertEquals(figures(seven.get(0)), figures(together.get(0)));
    assertEquals(figures(eight.get(0)), figures(together.get(1)));
    // the seeds' worlds differ, so the equality above compares real figures
    assertNotEquals(policiesOf(together.get(0).report()), policiesOf(together.get(1).report()));
  }

  /**
   * A seed's report without its evidence: the audit files of one pass hold every seed's records, so
   * they differ from those of a run of one seed while every figure is the same.
   */
  private static Report figures(SeedRun run) {
    return run.report().withEvidence(List.of());
  }

  private static List<?> policiesOf(Report report) {
    return report.policies();
  }

  /** A small world long enough for 30-day retention to expire clips, on the shared test broker. */
  private List<SeedRun> run(List<Long> seeds) throws Exception {
    World world = World.read(WORLD).withSize(15, 40);
    List<Path> files;
    try (var list = Files.list(Path.of("../policies"))) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    RunPlan plan =
        new RunPlan(
            world,
            WORLD,
            Policies.read(files),
            files,
            Files.createTempDirectory(tmp, "camfleet-seeds-it-"),
            Optional.of(TestKafka.bootstrapServers()),
            new Properties(),
            OptionalInt.empty(),
            Duration.ofMinutes(5),
            OptionalInt.empty(),
            seeds,
            Optional.empty(),
            Optional.empty(),
            false);
    PrintStream err = System.err;
    try (ShutdownGuard guard = ShutdownGuard.install("seed replicates test", err)) {
      return new Scenario(plan, guard, err).run();
    }
  }
}
