package io.camfleet.lab;

import io.camfleet.audit.EventLog;
import io.camfleet.avro.DailyStats;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.dashboard.DashboardServer;
import io.camfleet.dashboard.StageMarks;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policy;
import io.camfleet.report.EvidenceFile;
import io.camfleet.report.PolicyInfo;
import io.camfleet.report.Report;
import io.camfleet.report.SeedRun;
import io.camfleet.report.WorldInfo;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.schemas.Topics;
import io.camfleet.schemas.stats.StatsService;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.sink.KafkaEventSink;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of a {@link RunPlan}: a cluster, both services started through their public entry points
 * on one fresh state folder, the simulation, the wait for every service's final statistics of every
 * policy, and the report built from them. The services and the simulator name their topics from the
 * catalog and the run's prefix, as this class does; it knows none of their internals.
 */
final class Scenario {
  /** The services made no progress towards their final statistics for the plan's timeout. */
  static final class StalledException extends Exception {
    StalledException(String message) {
      super(message);
    }
  }

  private static final List<String> SERVICES =
      Arrays.stream(StatsService.values()).map(StatsService::id).toList();

  private final RunPlan plan;
  private final ShutdownGuard guard;
  private final PrintStream err;
  private final EventFeed feed;
  private volatile String phase = "the start";
  private long deadLetters;
  private String deadLetterTopic;
  private FinishedDashboard finished;
  private RunEnd.Observer atEnd = end -> {};

  Scenario(RunPlan plan, ShutdownGuard guard, PrintStream err) {
    this.plan = plan;
    this.guard = guard;
    this.err = err;
    this.feed = new EventFeed(plan);
  }

  /** Calls {@code observer} once the audit files are written, while the services still run. */
  Scenario observingEnd(RunEnd.Observer observer) {
    this.atEnd = observer;
    return this;
  }

  /** With --dashboard, the finished dashboard to serve once the report is written. */
  Optional<FinishedDashboard> finishedDashboard() {
    return Optional.ofNullable(finished);
  }

  /** What the run was doing: "the simulation", "the services' catch-up", ... */
  String phase() {
    return phase;
  }

  long deadLetters() {
    return deadLetters;
  }

  String deadLetterTopic() {
    return deadLetterTopic;
  }

  /**
   * Runs the plan and returns its report; the cluster and the state folder are gone when it
   * returns.
   */
  List<SeedRun> run() throws Exception {
    try (Cluster cluster = Cluster.open(plan, err)) {
      return run(cluster);
    }
  }

  /**
   * Runs the plan on {@code cluster}, which stays up: one report per seed, in the plan's order. The
   * state folder is gone when it returns.
   */
  List<SeedRun> run(Cluster cluster) throws Exception {
    guard.check();
    Path stateDir = Files.createTempDirectory("camfleet-state-");
    try {
      return run(cluster, stateDir);
    } finally {
      deleteRecursively(stateDir);
    }
  }

  private List<SeedRun> run(Cluster cluster, Path stateDir) throws Exception {
    ClientConfig client = cluster.client();
    TopicPrefix prefix = cluster.prefix();
    Topic<String, DailyStats> retentionStats = prefix.apply(Topics.RETENTION_STATS);
    Topic<String, DailyStats> exposureStats = prefix.apply(Topics.EXPOSURE_STATS);
    List<Topic<String, DailyStats>> stats = List.of(retentionStats, exposureStats);
    deadLetterTopic = prefix.apply(Topics.DEAD_LETTERS).name();
    // created before the services (which create their own too), so that a dashboard follows them
    // from the start
    int partitions =
        TopicAdmin.createInput(
            client.toProperties(), prefix.apply(Topics.WORLD_EVENTS), feed.partitions(), 30);
    TopicAdmin.createTopics(
        client.toProperties(),
        List.of(retentionStats, exposureStats, prefix.apply(Topics.DEAD_LETTERS)),
        30);
    WorldInfo world = feed.worldInfo();
    List<String> names = plan.policyNames();
    err.printf(
        "Kafka: %s, %s with %d partitions; world %s (%d cameras, %d days, %s %s); %d %s: %s%n",
        client.describe(),
        prefix.apply(Topics.WORLD_EVENTS).name(),
        partitions,
        world.name(),
        world.cameras(),
        world.days(),
        plan.seeds().size() == 1 ? "seed" : plan.seeds().size() + " seeds",
        plan.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
        names.size(),
        names.size() == 1 ? "policy" : "policies",
        String.join(", ", names));
    guard.check();

    phase = "the services' start";
    List<Policy> policies = plan.policies();
    RetentionOptions retentionOptions =
        RetentionOptions.of(
                prefix,
                policies,
                Processing.inStateDir(stateDir).withThreads(retentionThreads(partitions)),
                Optional.empty())
            .withRuns(plan.runs());
    SharingOptions sharingOptions =
        SharingOptions.of(
                prefix,
                policies,
                Processing.inStateDir(stateDir),
                Optional.of(HttpEndpoint.loopback(0)))
            .withRuns(plan.runs());
    List<StageMarks> marks = PolicyStages.marks(policies, plan.baseline());
    try (DashboardServer board =
            plan.dashboardPort().isPresent()
                ? DashboardServer.start(
                    client, stats, "127.0.0.1", plan.dashboardPort().getAsInt(), marks)
                : null;
        StartedTogether<RetentionService, SharingService> services =
            StartedTogether.start(
                () -> RetentionService.start(policies, client, retentionOptions),
                () -> SharingService.start(policies, client, sharingOptions),
                "retention");
        StatsCollector collector = new StatsCollector(client, stats)) {
      RetentionService retention = services.first();
      SharingService sharing = services.second();
      err.printf(
          "Services running: %s, %s (custody queries on http://127.0.0.1:%d)%n",
          retention.applicationId(), sharing.applicationId(), sharing.httpPort());
      if (board != null) {
        err.printf("Dashboard: %s%n", board.url());
      }
      guard.check();

      phase = feed.phase();
      Topic<String, ?> worldEvents = prefix.apply(Topics.WORLD_EVENTS);
      long published = System.nanoTime();
      long events;
      try (EventSink sink = new KafkaEventSink(client, prefix.apply(Topics.WORLD_EVENTS))) {
        events = feed.publish(sink, guard, err);
      }
      err.printf(
          "%s %,d events in %.1f s; waiting for the services to process the final clock tick...%n",
          plan.replay().isPresent() ? "Replayed" : "Simulated",
          events,
          (System.nanoTime() - published) / 1e9);

      phase = "the services' catch-up";
      awaitFinalStatistics(
          collector,
          client,
          worldEvents.name(),
          List.of(retention.applicationId(), sharing.applicationId()));

      phase = "the audit files";
      List<EvidenceFile> evidence =
          new ArrayList<>(AuditPhase.write(client, prefix, plan.out(), guard, err));
      atEnd.atEnd(new RunEnd(plan.out(), sharing.httpPort()));
      if (plan.keepEvents()) {
        Path kept = EventFeed.keptEventsIn(plan.out());
        evidence.add(new EvidenceFile(EventLog.FILE_NAME, events, RecordedEvents.sha256(kept)));
      }

      phase = "the report";
      deadLetters = DeadLetters.count(client, deadLetterTopic, Duration.ofSeconds(30));
      // A dead letter may belong to any run: each seed's report counts them all.
      List<SeedRun> runs = new ArrayList<>();
      List<PolicyInfo> policyInfos = policyInfos();
      for (int i = 0; i < plan.seeds().size(); i++) {
        long seed = plan.seeds().get(i);
        Report report =
            Report.build(
                    worldInfo(seed),
                    policyInfos,
                    collector.stats(plan.runs().get(i)),
                    Version.current())
                .withDeadLetters(deadLetters)
                .withEvidence(evidence);
        if (plan.replay().isPresent()) {
          RecordedEvents replayed = plan.replay().get();
          report =
              report.replayedFrom(
                  EvidenceFile.replayed(replayed.file().toString(), replayed.sha256()));
        }
        runs.add(new SeedRun(seed, report));
      }
      if (board != null) {
        finished = new FinishedDashboard(collector.stats(), marks, board.port());
      }
      return runs;
    }
  }

  /**
   * Reads the statistics until every service has closed the final day of every policy, showing the
   * catch-up.
   */
  private void awaitFinalStatistics(
      StatsCollector collector, ClientConfig client, String worldEvents, List<String> groups)
      throws Exception {
    CatchUpProgress progress = CatchUpProgress.onStderr();
    StallWatch stall = new StallWatch(plan.timeout(), System::nanoTime);
    try (ConsumerGroupProgress lag = new ConsumerGroupProgress(client, worldEvents)) {
      while (!collector.complete(plan.runs(), SERVICES, plan.policyNames())) {
        guard.check();
        collector.poll(Duration.ofMillis(500));
        progress.show(() -> lag.fraction(groups));
        if (stall.stalled(() -> lag.committed(groups) + collector.stats().size())) {
          progress.finished();
          throw new StalledException(
              "the services made no progress for " + plan.timeout() + " (--timeout)");
        }
      }
    }
    progress.finished();
  }

  /**
   * One retention stream thread per core, up to the {@code partitions} of world-events. Retention
   * is the slowest stage of a run (it writes and later deletes every clip); the simulator and the
   * sharing service finish long before it on large worlds, and with one thread the second core
   * would then do nothing but RocksDB compaction.
   */
  private static int retentionThreads(int partitions) {
    return Math.min(Runtime.getRuntime().availableProcessors(), partitions);
  }

  private WorldInfo worldInfo(long seed) throws IOException {
    WorldInfo world = feed.worldInfo();
    return new WorldInfo(
        world.name(),
        seed,
        world.cameras(),
        world.days(),
        world.start(),
        world.worldFile(),
        world.worldFileSha256());
  }

  private List<PolicyInfo> policyInfos() throws IOException {
    List<PolicyInfo> infos = new ArrayList<>();
    for (int i = 0; i < plan.policies().size(); i++) {
      Policy policy = plan.policies().get(i);
      Path file = plan.policyFiles().get(i);
      infos.add(
          new PolicyInfo(
              policy.name(),
              policy.description(),
              file.toString(),
              sha256(file),
              policy.copies().lifetimeDays(),
              PolicyStages.of(policy)));
    }
    return infos;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
