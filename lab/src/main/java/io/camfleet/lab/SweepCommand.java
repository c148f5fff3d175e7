package io.camfleet.lab;

import io.camfleet.cli.CommandLog;
import io.camfleet.cli.ExitCode;
import io.camfleet.cli.ProgressLine;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.report.Comparison;
import io.camfleet.report.ReportWriter;
import io.camfleet.report.Sweep;
import io.camfleet.report.SweepVariant;
import io.camfleet.report.SweepWriter;
import io.camfleet.simulator.world.World;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** {@code camfleet sweep}: a grid of world variants, each run as {@code camfleet run} runs one. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every variant of a world that the --vary options make (each value of each key, every"
          + " combination) through every policy, on one broker.",
      "Writes sweep.csv (a row per variant, policy, seed and measure) and sweep.html.",
      "Every variant is checked before anything runs."
    })
public final class SweepCommand implements Callable<Integer> {
  @Option(names = "--world", required = true, paramLabel = "FILE", description = "World file.")
  Path worldFile;

  @Option(
      names = "--vary",
      required = true,
      paramLabel = "KEY=V1,V2",
      description =
          "A scalar key of the world file by its YAML path (residents.shareProbability, cameras,"
              + " requests.windowHours.median...) and its values (repeatable: the grid of all).")
  List<String> varies;

  @Mixin EngineOptions engine;

  @Mixin Replicates replicates;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep folder.")
  Path outDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    List<RunPlan> plans = plans();
    Path out = outDir;
    Files.createDirectories(out);
    Path logFile = out.resolve("sweep.log").toAbsolutePath().normalize();
    long started = System.nanoTime();
    try (ShutdownGuard guard = ShutdownGuard.install("camfleet sweep", err);
        CommandLog log = CommandLog.open(logFile)) {
      err.printf(
          "camfleet sweep: %d variants of %s; log in %s%n", plans.size(), worldFile, logFile);
      List<SweepVariant> variants = new ArrayList<>();
      List<Map<String, String>> grid = grid();
      try (Cluster cluster = Cluster.open(plans.get(0), err)) {
        for (int i = 0; i < plans.size(); i++) {
          err.printf(
              "Variant %d of %d: %s (report in %s)%n",
              i + 1, plans.size(), grid.get(i), plans.get(i).out());
          Scenario scenario = new Scenario(plans.get(i), guard, err);
          Comparison comparison =
              Comparison.of(
                  scenario.run(cluster.view("variant-" + (i + 1))), plans.get(i).baseline());
          ReportWriter.write(comparison, plans.get(i).out());
          if (!comparison.trustworthy()) {
            err.printf("camfleet: variant %d: %s%n", i + 1, comparison.integrityWarning());
          }
          variants.add(new SweepVariant(grid.get(i), comparison));
          err.println(progress(i + 1, plans.size(), System.nanoTime() - started));
        }
      } catch (Scenario.StalledException e) {
        err.printf("camfleet: %s; no sweep written (log: %s)%n", e.getMessage(), logFile);
        return ExitCode.FAILED.code();
      } catch (ShutdownGuard.StoppedException
          | org.apache.kafka.common.errors.InterruptException e) {
        err.printf(
            "camfleet sweep: interrupted: stopped the services and the broker; no sweep written (log: %s)%n",
            logFile);
        return ExitCode.INTERRUPTED.code();
      }
      SweepWriter.write(new Sweep(keys(), variants), out);
      err.printf(
          "Done in %.1f s. Sweep: %s (sweep.csv, sweep.html; each variant's report and audit files in"
              + " variant-N/)%n",
          (System.nanoTime() - started) / 1e9, out.toAbsolutePath().normalize());
      return ExitCode.OK.code();
    }
  }

  /** "sweep: 2 of 4 variants done (50%), ETA 3:10", the ETA from the pace so far. */
  static String progress(int done, int total, long elapsedNanos) {
    return ProgressLine.steps("sweep", done, total, "variants", elapsedNanos);
  }

  /** Every variant's plan, each world read and checked, before anything runs. */
  private List<RunPlan> plans() {
    Duration timeout = engine.timeout(spec);
    List<Path> files = engine.policyFiles();
    List<Policy> policies = Policies.read(files);
    Optional<String> baseline =
        replicates.baseline(policies.stream().map(Policy::name).toList(), spec);
    RunCommand.requireWritable(outDir);
    Properties clientSettings = engine.clientSettings();
    List<World> worlds = grid().stream().map(values -> World.read(worldFile, values)).toList();
    Optional<String> cluster = engine.reachableCluster();
    List<RunPlan> plans = new ArrayList<>();
    for (int i = 0; i < worlds.size(); i++) {
      World world = worlds.get(i);
      plans.add(
          new RunPlan(
              world,
              worldFile,
              policies,
              files,
              variantFolder(i),
              cluster,
              clientSettings,
              OptionalInt.empty(),
              timeout,
              OptionalInt.empty(),
              replicates.seeds(world.seed(), spec),
              baseline,
              Optional.empty(),
              false));
    }
    return plans;
  }

  /** Where variant {@code index} (from 0) keeps its report and audit files. */
  private Path variantFolder(int index) {
    return outDir.resolve("variant-" + (index + 1));
  }

  /** The varied keys, in the order given. */
  private List<String> keys() {
    return parsed().keySet().stream().toList();
  }

  /** Every combination of the varied values, the first key varying slowest. */
  List<Map<String, String>> grid() {
    List<Map<String, String>> grid = new ArrayList<>();
    grid.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> vary : parsed().entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : grid) {
        for (String value : vary.getValue()) {
          Map<String, String> variant = new LinkedHashMap<>(partial);
          variant.put(vary.getKey(), value);
          next.add(variant);
        }
      }
      grid = next;
    }
    return grid;
  }

  /** Each {@code --vary KEY=V1,V2}, checked: a key once, at least one value, no value twice. */
  private Map<String, List<String>> parsed() {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (String vary : varies) {
      int eq = vary.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(
            spec.commandLine(),
            "--vary takes KEY=V1,V2,... (e.g. cameras=100,200), not '" + vary + "'");
      }
      String key = vary.substring(0, eq).strip();
      List<String> values = new ArrayList<>();
      for (String value : vary.substring(eq + 1).split(",", -1)) {
        String v = value.strip();
        if (v.isEmpty()) {
          throw new ParameterException(
              spec.commandLine(), "--vary " + key + ": an empty value in '" + vary + "'");
        }
        if (values.contains(v)) {
          throw new ParameterException(
              spec.commandLine(), "--vary " + key + ": the value " + v + " is given twice");
        }
        values.add(v);
      }
      if (byKey.put(key, values) != null) {
        throw new ParameterException(spec.commandLine(), "--vary names " + key + " twice");
      }
    }
    return byKey;
  }
}
