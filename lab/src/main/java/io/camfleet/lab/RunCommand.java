package io.camfleet.lab;

import io.camfleet.cli.ShutdownGuard;

import io.camfleet.cli.ExitCode;

import io.camfleet.avro.DailyStats;
import io.camfleet.dashboard.DashboardServer;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.ClusterReach;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.report.PolicyInfo;
import io.camfleet.report.Report;
import io.camfleet.report.ReportWriter;
import io.camfleet.report.WorldInfo;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.schemas.Topics;
import io.camfleet.schemas.stats.StatsService;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.sharing.topology.SharingTopology;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.SimulationSummary;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.cli.TerminalProgress;
import io.camfleet.simulator.cli.WorldOverrides;
import io.camfleet.simulator.world.World;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
    description = {
      "Simulates a world once, enforces every policy on the same event stream with the retention and",
      "sharing services, waits for their final statistics and writes report.json, .md, .csv and .html.",
      "Without --bootstrap-servers a real Kafka broker runs in this process for the duration."
    })
public final class RunCommand implements Callable<Integer> {
  private static final List<String> SERVICES = Arrays.stream(StatsService.values()).map(StatsService::id).toList();

  @Option(names = "--world", paramLabel = "FILE",
      description = "World file (default worlds/default.yaml, from this folder or else from camfleet's own).")
  Path worldFile;

  @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (repeatable; default every file in policies/, from this folder or else from camfleet's own).")
  List<Path> policyFiles;

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default out/<world name>/).")
  Path outDir;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of an embedded broker.")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "Client properties (SASL, SSL...) for every Kafka client.")
  Path kafkaConfig;

  @Mixin WorldOverrides overrides;

  @Option(names = "--dashboard", description = "Serve the live dashboard on 127.0.0.1 while the run lasts.")
  boolean dashboard;

  @Option(names = "--dashboard-port", defaultValue = "8080", paramLabel = "N",
      description = "Port of the dashboard with --dashboard (default ${DEFAULT-VALUE}; 0 for any free port).")
  int dashboardPort;

  @Option(names = "--timeout", defaultValue = "PT30M", paramLabel = "DURATION",
      description = "Give up if the services have not finished this long after the simulation"
          + " (default ${DEFAULT-VALUE}; 30m, 90s, 2h or PT30M).")
  Duration timeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    // Everything the user gave is checked before anything starts.
    if (dashboardPort < 0 || dashboardPort > 65_535) {
      throw new ParameterException(spec.commandLine(),
          "--dashboard-port must be 0 (any free port) to 65535, not " + dashboardPort);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ParameterException(spec.commandLine(), "--timeout must be longer than 0, not " + timeout);
    }
    Path worldPath = worldFile != null ? worldFile : Installation.resolveDefault(Path.of("worlds", "default.yaml"));
    World world = overrides.apply(World.read(worldPath), worldPath, spec);
    List<Path> files = policyFiles == null || policyFiles.isEmpty()
        ? Policies.filesIn(Installation.resolveDefault(Path.of("policies"))) : policyFiles;
    List<Policy> policies = Policies.read(files);
    List<String> names = policies.stream().map(Policy::name).toList();
    Path out = outDir != null ? outDir : Path.of("out", world.name());
    requireWritable(out);
    Properties clientSettings = ClientConfig.readProperties(kafkaConfig);
    if (bootstrapServers != null) {
      ClusterReach.require(bootstrapServers);
    }

    long started = System.nanoTime();
    Files.createDirectories(out);
    Path logFile = out.resolve("run.log").toAbsolutePath().normalize();
    EmbeddedBroker broker = null;
    Path stateDir = null;
    String phase = "starting";
    try (ShutdownGuard guard = ShutdownGuard.install("camfleet run", err);
        RunLog log = RunLog.open(logFile)) {
      err.printf("camfleet run: log in %s%n", logFile);
      try {
        long deadLetters;
        String bootstrap = bootstrapServers;
        TopicPrefix prefix = TopicPrefix.NONE;
        if (bootstrap == null) {
          err.println("Starting an embedded Kafka broker (use --bootstrap-servers to run against a cluster)...");
          broker = EmbeddedBroker.startTemporary();
          bootstrap = broker.bootstrapServers();
        } else {
          // A shared cluster may hold earlier runs: this run gets topics (and application ids) of its own.
          prefix = TopicPrefix.of("run-" + UUID.randomUUID().toString().substring(0, 8));
        }
        guard.check();
        ClientConfig client = new ClientConfig(bootstrap, clientSettings);
        // The services' stores live only as long as the run: removed at the end, whatever happens.
        stateDir = Files.createTempDirectory("camfleet-state-");
        RetentionOptions retentionOptions = RetentionOptions.of(
            prefix, policies, Processing.inStateDir(stateDir).withThreads(retentionThreads()), Optional.empty());
        SharingOptions sharingOptions =
            SharingOptions.of(prefix, policies, Processing.inStateDir(stateDir), Optional.of(HttpEndpoint.loopback(0)));
        RetentionTopics retentionTopics = retentionOptions.topics();
        SharingTopics sharingTopics = sharingOptions.topics();
        // both services' dead letters go to the one topic of the run's prefix
        String deadLetterTopic = sharingTopics.deadLetters().name();
        // created before the services, which create their own too: the dashboard follows the statistics from the start
        List<Topic<?, ?>> topics = new ArrayList<>(retentionTopics.all());
        topics.addAll(sharingTopics.own());
        TopicAdmin.createTopics(client.toProperties(), topics, 30);
        err.printf("Kafka: %s; world %s (%d cameras, %d days, seed %d); %d %s: %s%n",
            client.describe(), world.name(), world.cameras(), world.days(), world.seed(), names.size(),
            names.size() == 1 ? "policy" : "policies", String.join(", ", names));
        guard.check();
        phase = "the services' start";
        try (DashboardServer board = dashboard
                ? DashboardServer.start(client, List.of(retentionTopics.stats(), sharingTopics.exposureStats()), "127.0.0.1", dashboardPort)
                : null;
            RetentionService retention = RetentionService.start(policies, client, retentionOptions);
            SharingService sharing = SharingService.start(policies, client, sharingOptions);
            StatsCollector collector = new StatsCollector(client, List.of(retentionTopics.stats(), sharingTopics.exposureStats()))) {
          err.printf("Services running: %s, %s (custody queries on http://127.0.0.1:%d)%n",
              retention.applicationId(), SharingTopology.SERVICE, sharing.httpPort());
          if (board != null) {
            err.printf("Dashboard: %s%n", board.url());
          }

          guard.check();
          phase = "the simulation";
          SimulationSummary summary;
          try (EventSink sink = new KafkaEventSink(client, retentionTopics.worldEvents())) {
            summary = Simulator.run(world, SimulationOptions.defaults(), EventSink.checkedBy(sink, guard::check),
                TerminalProgress.onStderr(world.days()));
          }
          err.printf("Simulated %,d events in %.1f s; waiting for the services to process the final clock tick...%n",
              summary.totalEvents(), summary.wallTime().toMillis() / 1000.0);

          phase = "the services' catch-up";
          CatchUpProgress progress = CatchUpProgress.onStderr();
          List<String> groups = List.of(retention.applicationId(), sharing.applicationId());
          long deadline = System.nanoTime() + timeout.toNanos();
          try (ConsumerGroupProgress lag = new ConsumerGroupProgress(client, retentionTopics.worldEvents().name())) {
            while (!collector.complete(SERVICES, names)) {
              guard.check();
              collector.poll(Duration.ofMillis(500));
              progress.show(() -> lag.fraction(groups));
              if (System.nanoTime() > deadline) {
                err.printf("camfleet: the services did not finish within %s; no report written (log: %s)%n", timeout, logFile);
                return ExitCode.FAILED.code();
              }
            }
          }
          progress.finished();
          phase = "the report";
          deadLetters = DeadLetters.count(client, deadLetterTopic, Duration.ofSeconds(30));
          List<DailyStats> stats = collector.stats();
          Report report = Report.build(worldInfo(world, worldPath), policyInfos(policies, files), stats, Version.current())
              .withDeadLetters(deadLetters);
          ReportWriter.write(report, out);
          if (deadLetters > 0) {
            err.printf("camfleet: %s (topic %s; details in %s)%n", report.integrityWarning(), deadLetterTopic, logFile);
          }
        }
        err.printf("Done in %.1f s. Report: %s (report.json, report.md, report.csv, report.html); dead letters: %,d%n",
            (System.nanoTime() - started) / 1e9, out.toAbsolutePath().normalize(), deadLetters);
        return ExitCode.OK.code();
      } catch (ShutdownGuard.StoppedException | org.apache.kafka.common.errors.InterruptException e) {
        err.printf("camfleet run: interrupted during %s: stopped the services and the broker, removed the temporary"
            + " folders; no report written (log: %s)%n", phase, logFile);
        return ExitCode.INTERRUPTED.code();
      } finally {
        if (broker != null) {
          broker.close();
        }
        if (stateDir != null) {
          try {
            deleteRecursively(stateDir);
          } catch (IOException e) {
            err.printf("camfleet: could not remove the services' state folder %s: %s%n", stateDir, e.getMessage());
          }
        }
      }
    }
  }

  /**
   * One retention stream thread per core, up to the partitions of world-events. Retention is the
   * slowest stage of a run (it writes and later deletes every clip); the simulator and the sharing
   * service finish long before it on large worlds, and with one thread the second core would then
   * do nothing but RocksDB compaction.
   */
  private static int retentionThreads() {
    return Math.min(Runtime.getRuntime().availableProcessors(), Topics.WORLD_PARTITIONS);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static WorldInfo worldInfo(World world, Path worldFile) throws IOException {
    return new WorldInfo(world.name(), world.seed(), world.cameras(), world.days(), world.start().toString(),
        worldFile.toString(), sha256(worldFile));
  }

  private static List<PolicyInfo> policyInfos(List<Policy> policies, List<Path> files) throws IOException {
    List<PolicyInfo> infos = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      infos.add(new PolicyInfo(policies.get(i).name(), policies.get(i).description(), files.get(i).toString(), sha256(files.get(i))));
    }
    return infos;
  }

  /** Fails before any work when the report could not be written. */
  private static void requireWritable(Path out) {
    Path dir = out.toAbsolutePath().normalize();
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new IllegalArgumentException("cannot write the report to " + out + ": "
          + (existing == null ? "no such place" : existing + " is not a writable folder"));
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
