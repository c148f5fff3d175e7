package io.camfleet.lab;

import io.camfleet.cli.ExitCode;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.ClusterReach;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.report.Comparison;
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
import java.util.Locale;
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
      "Runs every variant of a world that the --vary options make (each value of each key, every",
      "combination) through every policy, on one broker, and writes sweep.csv (one row per variant,",
      "policy, seed and measure) and sweep.html. Every variant is checked before anything runs."
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

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Policy file (repeatable; default every file in policies/, from this folder or else from camfleet's own).")
  List<Path> policyFiles;

  @Mixin Replicates replicates;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep folder.")
  Path outDir;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of an embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description = "Client properties (SASL, SSL...) for every Kafka client.")
  Path kafkaConfig;

  @Option(
      names = "--timeout",
      defaultValue = "PT30M",
      paramLabel = "DURATION",
      description =
          "Give up on a variant whose services make no progress for this long after its simulation"
              + " (default ${DEFAULT-VALUE}; 30m, 90s, 2h or PT30M).")
  Duration timeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    List<RunPlan> plans = plans();
    Path out = plans.get(0).out();
    Files.createDirectories(out);
    Path logFile = out.resolve("sweep.log").toAbsolutePath().normalize();
    long started = System.nanoTime();
    try (ShutdownGuard guard = ShutdownGuard.install("camfleet sweep", err);
        RunLog log = RunLog.open(logFile)) {
      err.printf(
          "camfleet sweep: %d variants of %s; log in %s%n", plans.size(), worldFile, logFile);
      List<SweepVariant> variants = new ArrayList<>();
      List<Map<String, String>> grid = grid();
      try (Cluster cluster = Cluster.open(plans.get(0), err)) {
        for (int i = 0; i < plans.size(); i++) {
          err.printf("Variant %d of %d: %s%n", i + 1, plans.size(), grid.get(i));
          Scenario scenario = new Scenario(plans.get(i), guard, err);
          Comparison comparison =
              Comparison.of(
                  scenario.run(cluster.view("variant-" + (i + 1))), plans.get(i).baseline());
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
          "Done in %.1f s. Sweep: %s (sweep.csv, sweep.html)%n",
          (System.nanoTime() - started) / 1e9, out.toAbsolutePath().normalize());
      return ExitCode.OK.code();
    }
  }

  /** "sweep: 2 of 4 variants done (50%), ETA 3:10", the ETA from the pace so far. */
  static String progress(int done, int total, long elapsedNanos) {
    long seconds = Math.round(elapsedNanos / 1e9 / done * (total - done));
    return String.format(
        Locale.ROOT,
        "sweep: %d of %d variants done (%.0f%%), ETA %d:%02d",
        done,
        total,
        100.0 * done / total,
        seconds / 60,
        seconds % 60);
  }

  /** Every variant's plan, each world read and checked, before anything runs. */
  private List<RunPlan> plans() {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ParameterException(
          spec.commandLine(), "--timeout must be longer than 0, not " + timeout);
    }
    List<Path> files =
        policyFiles == null || policyFiles.isEmpty()
            ? Policies.filesIn(Installation.resolveDefault(Path.of("policies")))
            : policyFiles;
    List<Policy> policies = Policies.read(files);
    Optional<String> baseline =
        replicates.baseline(policies.stream().map(Policy::name).toList(), spec);
    RunCommand.requireWritable(outDir);
    Properties clientSettings = ClientConfig.readProperties(kafkaConfig);
    List<RunPlan> plans = new ArrayList<>();
    for (Map<String, String> values : grid()) {
      World world = World.read(worldFile, values);
      plans.add(
          new RunPlan(
              world,
              worldFile,
              policies,
              files,
              outDir,
              Optional.ofNullable(bootstrapServers),
              clientSettings,
              OptionalInt.empty(),
              timeout,
              OptionalInt.empty(),
              replicates.seeds(world.seed(), spec),
              baseline,
              Optional.empty(),
              false));
    }
    if (bootstrapServers != null) {
      ClusterReach.require(bootstrapServers);
    }
    return plans;
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
