package io.camfleet.lab;

import io.camfleet.cli.CommandLog;
import io.camfleet.cli.ExitCode;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.report.Comparison;
import io.camfleet.report.ReportWriter;
import io.camfleet.simulator.cli.PartitionsOption;
import io.camfleet.simulator.cli.WorldOverrides;
import io.camfleet.simulator.world.World;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code camfleet run}: one world, several policies, one report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    // one element per paragraph: picocli wraps each to the help's width
    description = {
      "Simulates a world once, enforces every policy on the same event stream with the retention and"
          + " sharing services, waits for their final statistics and writes report.json, .md, .csv"
          + " and .html.",
      "With --seeds N (or --seed-list) it runs the world under N seeds in one pass of each service"
          + " and the report gives each policy's mean, 95%% interval and difference from the"
          + " baseline policy.",
      "The audit files (every receipt and ledger entry) go to audit/ beside the report. --events"
          + " replays a recorded event log instead of simulating. Without --bootstrap-servers a real"
          + " Kafka broker runs in this process for the duration. With --dashboard the finished"
          + " dashboard stays up after the report until Ctrl-C (exit code 130, as for any Ctrl-C;"
          + " the report is complete by then)."
    })
public final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--world",
      paramLabel = "FILE",
      description =
          "World file (default worlds/default.yaml, from this folder or else from camfleet's own).")
  Path worldFile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Report folder (default out/<world name>/).")
  Path outDir;

  @Mixin EngineOptions engine;

  @Mixin WorldOverrides overrides;

  @Mixin Replicates replicates;

  @Option(
      names = "--dashboard",
      description = "Serve the live dashboard on 127.0.0.1 while the run lasts.")
  boolean dashboard;

  @Option(
      names = "--dashboard-port",
      defaultValue = "8080",
      paramLabel = "N",
      description =
          "Port of the dashboard with --dashboard (default ${DEFAULT-VALUE}; 0 for any free port).")
  int dashboardPort;

  @Mixin PartitionsOption partitions;

  @Option(
      names = "--keep-events",
      description =
          "Also write the events to events.avro beside the report, as 'simulate --out-file' does.")
  boolean keepEvents;

  @Option(
      names = "--events",
      paramLabel = "FILE.avro",
      description =
          "Enforce the policies on this recorded event log (events.avro of a run, or 'simulate"
              + " --out-file') instead of simulating a world.")
  Path events;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    RunPlan plan = plan();
    Path logFile = plan.out().resolve("run.log").toAbsolutePath().normalize();
    Files.createDirectories(plan.out());
    long started = System.nanoTime();
    // The guard is closed last: a Ctrl-C ends the JVM only once the run has cleaned up and said so.
    try (ShutdownGuard guard = ShutdownGuard.install("camfleet run", err);
        CommandLog log = CommandLog.open(logFile)) {
      err.printf("camfleet run: log in %s%n", logFile);
      Scenario scenario = new Scenario(plan, guard, err);
      try {
        Comparison report = Comparison.of(scenario.run(), plan.baseline());
        ReportWriter.write(report, plan.out());
        if (!report.trustworthy()) {
          err.printf(
              "camfleet: %s (topic %s; details in %s)%n",
              report.integrityWarning(), scenario.deadLetterTopic(), logFile);
        }
        err.printf(
            "Done in %.1f s. Report: %s (report.json, report.md, report.csv, report.html, daily.csv);"
                + " dead letters: %,d%n",
            (System.nanoTime() - started) / 1e9,
            plan.out().toAbsolutePath().normalize(),
            report.deadLetters());
        if (scenario.finishedDashboard().isPresent()) {
          scenario.finishedDashboard().get().serveUntilStopped(guard, err);
          return ExitCode.INTERRUPTED.code();
        }
        return ExitCode.OK.code();
      } catch (Scenario.StalledException e) {
        err.printf("camfleet: %s; no report written (log: %s)%n", e.getMessage(), logFile);
        return ExitCode.FAILED.code();
      } catch (ShutdownGuard.StoppedException
          | org.apache.kafka.common.errors.InterruptException e) {
        err.printf(
            "camfleet run: interrupted during %s: stopped the services and the broker, removed the temporary"
                + " folders; no report written (log: %s)%n",
            scenario.phase(), logFile);
        return ExitCode.INTERRUPTED.code();
      }
    }
  }

  /** Everything the user gave, checked before anything starts. */
  private RunPlan plan() {
    if (dashboardPort < 0 || dashboardPort > 65_535) {
      throw new ParameterException(
          spec.commandLine(),
          "--dashboard-port must be 0 (any free port) to 65535, not " + dashboardPort);
    }
    Duration timeout = engine.timeout(spec);
    Optional<RecordedEvents> replay = ReplayOption.open(events, spec);
    Path worldPath =
        replay.isPresent()
            ? null
            : worldFile != null
                ? worldFile
                : Installation.resolveDefault(Path.of("worlds", "default.yaml"));
    World world =
        replay.isPresent() ? null : overrides.apply(World.read(worldPath), worldPath, spec);
    List<Long> seeds =
        replay.isPresent()
            ? List.of(replay.get().world().seed())
            : replicates.seeds(world.seed(), spec);
    if (keepEvents && seeds.size() > 1) {
      throw new ParameterException(
          spec.commandLine(), "--keep-events keeps the events of one seed, not of " + seeds.size());
    }
    List<Path> files = engine.policyFiles();
    List<Policy> policies = Policies.read(files);
    Optional<String> baseline =
        replicates.baseline(policies.stream().map(Policy::name).toList(), spec);
    Path out =
        outDir != null
            ? outDir
            : Path.of("out", replay.map(r -> r.world().worldName()).orElseGet(() -> world.name()));
    requireWritable(out);
    Properties clientSettings = engine.clientSettings();
    Optional<String> cluster = engine.reachableCluster();
    return new RunPlan(
        world,
        worldPath,
        policies,
        files,
        out,
        cluster,
        clientSettings,
        dashboard ? OptionalInt.of(dashboardPort) : OptionalInt.empty(),
        timeout,
        partitions.requested(),
        seeds,
        baseline,
        replay,
        keepEvents);
  }

  /** Fails before any work when the report could not be written. */
  static void requireWritable(Path out) {
    Path dir = out.toAbsolutePath().normalize();
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new IllegalArgumentException(
          "cannot write the report to "
              + out
              + ": "
              + (existing == null ? "no such place" : existing + " is not a writable folder"));
    }
  }
}
