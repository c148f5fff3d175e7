package io.camfleet.bench;

import io.camfleet.avro.WorldEvent;
import io.camfleet.bench.ResultsTable.Goal;
import io.camfleet.bench.ResultsTable.Row;
import io.camfleet.cli.CommandLog;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code camfleet bench}: measures the simulator and both services against Kafka's own tools and
 * writes a results table.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Starts its own Kafka broker and measures the simulator to Kafka against ProducerPerformance, the simulator "
          + "to an Avro file, both services against ConsumerPerformance and against a plain Kafka Streams application "
          + "counting the same topic by key (exactly-once and at-least-once), expiry cost "
          + "with few and many live clips, and (--size full) the fleet-100k run end to end.",
      "Prints the table and writes it to --out. Measures only: a missed goal never fails the command."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--size",
      defaultValue = "small",
      paramLabel = "tiny|small|full",
      description =
          "small (default): a few minutes on two cores; full: the issue's sizes (10 million events); tiny: seconds, for tests.")
  String size;

  @Option(
      names = "--out",
      defaultValue = "bench/results.md",
      paramLabel = "FILE",
      description = "Results file (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--world",
      defaultValue = "worlds/default.yaml",
      paramLabel = "FILE",
      description = "World whose shape is scaled to each size (default ${DEFAULT-VALUE}).")
  Path worldFile;

  @Option(
      names = "--policy",
      defaultValue = "policies/status-quo-2019.yaml",
      paramLabel = "FILE",
      description = "Policy the services enforce (default ${DEFAULT-VALUE}).")
  Path policyFile;

  @Option(
      names = "--fleet-world",
      defaultValue = "worlds/fleet-100k.yaml",
      paramLabel = "FILE",
      description =
          "World of item 1's second row, published as it is (not scaled) over its first --fleet-days days "
              + "(default ${DEFAULT-VALUE}).")
  Path fleetWorldFile;

  @Option(
      names = "--fleet-days",
      paramLabel = "DAYS",
      description =
          "Days of --fleet-world that item 1's second row publishes (default 3; 1 at --size tiny, with 200 of its cameras).")
  Integer fleetDays;

  @Option(
      names = "--skip-e2e",
      description =
          "Skip item 5 (fleet-100k end to end, every bundled policy and then --policy alone), which --size full otherwise runs.")
  boolean skipE2e;

  @Option(
      names = "--items",
      defaultValue = "1,2,3,4,5",
      split = ",",
      paramLabel = "N[,N...]",
      description =
          "Which items to measure (default: all; item 5 only with --size full). The results file then holds those rows only.")
  List<Integer> items;

  /** Runs {@code bench} alone, without the rest of the camfleet command. */
  public static void main(String[] args) {
    System.setProperty(
        "org.apache.avro.SERIALIZABLE_PACKAGES",
        System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.camfleet.avro"));
    System.exit(new picocli.CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    BenchSize benchSize = parseSize(size);
    Set<Integer> chosen = parseItems(items);
    PrintStream err = System.err;
    World base = World.read(worldFile);
    List<Policy> policies = Policies.read(List.of(policyFile));
    World fleet = chosen.contains(1) ? fleetSlice(benchSize) : null;
    ResultsTable table = new ResultsTable();
    List<String> notes = new ArrayList<>();
    Instant started = Instant.now();
    double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Path logFile = logFile(out);
    Files.createDirectories(logFile.getParent());
    try (CommandLog log = CommandLog.open(logFile)) {
      err.printf("camfleet bench: log in %s%n", logFile);
      BenchProgress progress =
          new BenchProgress(err, BenchProgress.steps(chosen, benchSize), System::nanoTime);
      if (chosen.contains(1) || chosen.contains(2) || chosen.contains(3)) {
        try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
          ClientConfig client = ClientConfig.of(broker.bootstrapServers(), null);
          if (chosen.contains(1) || chosen.contains(2)) {
            producerItems(chosen, base, fleet, benchSize, client, table, notes, progress);
          }
          if (chosen.contains(3)) {
            serviceItems(base, benchSize, client, policies, table, notes, progress);
          }
        }
      }
      if (chosen.contains(4)) {
        expiryItem(benchSize, policies.get(0), table, progress);
      }
    }

    boolean e2e = benchSize == BenchSize.FULL && !skipE2e && chosen.contains(5);
    if (e2e) {
      Path world = Path.of("worlds/fleet-100k.yaml");
      // every bundled policy first, as `camfleet run --world worlds/fleet-100k.yaml` runs, then one
      for (List<Path> chosenPolicies : List.of(List.<Path>of(), List.of(policyFile))) {
        String what = chosenPolicies.isEmpty() ? "every bundled policy" : policyFile.toString();
        err.println("5. end to end: camfleet run --world " + world + ", " + what + "...");
        EndToEnd.Result r = EndToEnd.run(world, chosenPolicies);
        err.printf(
            Locale.ROOT,
            "5. %s: %.1f min, exit code %d, peak resident %.0f MiB, retention state %,d bytes"
                + " for %,d live clips (%.1f B each)%n",
            what,
            r.wallMinutes(),
            r.exitCode(),
            r.peakRssMegabytes(),
            r.retentionStateBytes(),
            r.liveClips(),
            r.stateBytesPerLiveClip());
        endToEndRows(r, table, notes);
      }
    }

    notes.add(
        0,
        String.format(
            Locale.ROOT,
            "Load average (1 min) %.1f at the start and %.1f at the end on %d cores. The bench's own threads (broker, "
                + "services, tools) count in it; well above the core count, other processes shared the CPU and every figure "
                + "is low by an unknown amount.",
            loadAtStart,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            Runtime.getRuntime().availableProcessors()));
    String markdown = render(benchSize, started, table, notes, e2e);
    System.out.println(table.toMarkdown());
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.writeString(out, markdown + measuredElsewhere(out));
    err.printf(
        "bench: results in %s (%.0f s); log in %s%n",
        out.toAbsolutePath().normalize(),
        (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0,
        logFile);
    return 0;
  }

  /** Item 5's rows for one run: wall time, peak memory and retention state per live clip. */
  static void endToEndRows(EndToEnd.Result r, ResultsTable table, List<String> notes) {
    boolean all = r.policies().isEmpty();
    String run =
        all
            ? String.format(Locale.ROOT, "all %d bundled policies", r.policyCount())
            : r.policies().get(0).getFileName().toString().replaceFirst("\\.yaml$", "");
    table.add(
        new Row(
            "5",
            "camfleet run, fleet-100k, " + run + ": wall time",
            r.wallMinutes(),
            "min",
            Goal.AT_MOST,
            all ? 20 : 10,
            "exit code " + r.exitCode()));
    table.add(
        new Row(
            "5",
            "retention state on disk per live clip, " + run,
            r.stateBytesPerLiveClip(),
            "B",
            Goal.AT_MOST,
            100,
            String.format(
                Locale.ROOT,
                "%,d bytes of state before the report, %,d clips alive at the end (the policy keeping"
                    + " the most)",
                r.retentionStateBytes(),
                r.liveClips())));
    table.add(
        new Row(
            "5",
            "peak resident memory, " + run,
            r.peakRssMegabytes(),
            "MiB",
            Goal.NONE,
            0,
            "VmHWM of the child JVM (heap limit " + r.heapLimit() + ")"));
    notes.add(
        String.format(
            Locale.ROOT,
            "5. %s: retention state at most %,d bytes during the run, broker folder at most %,d bytes.",
            run,
            r.peakRetentionStateBytes(),
            r.peakBrokerBytes()));
  }

  /** Items 1 and 2: the simulator into Kafka against ProducerPerformance, and into an Avro file. */
  private static void producerItems(
      Set<Integer> chosen,
      World base,
      World fleet,
      BenchSize benchSize,
      ClientConfig client,
      ResultsTable table,
      List<String> notes,
      BenchProgress progress)
      throws Exception {
    PrintStream err = System.err;
    int runs = benchSize.runs;
    World producerWorld = base.withCameras(benchSize.producerCameras);
    ProducerBench.Shape shape = ProducerBench.shape(producerWorld);
    err.printf(
        "bench %s: world %s with %d cameras: %,d events of %.1f bytes on average (key + value)%n",
        benchSize.name().toLowerCase(Locale.ROOT),
        base.name(),
        producerWorld.cameras(),
        shape.events(),
        shape.averageBytes());
    if (chosen.contains(1)) {
      err.println("1. simulator to Kafka vs ProducerPerformance...");
      simulatorToKafkaRow(producerWorld, shape, "", client, runs, table, notes, progress);
      ProducerBench.Shape fleetShape = ProducerBench.shape(fleet);
      String label =
          String.format(
              Locale.ROOT,
              ", %s, first %s (%,d cameras)",
              fleet.name(),
              fleet.days() == 1 ? "day" : fleet.days() + " days",
              fleet.cameras());
      err.printf(
          "1. the same on %s: %,d events of %.1f bytes on average...%n",
          label.substring(2), fleetShape.events(), fleetShape.averageBytes());
      simulatorToKafkaRow(fleet, fleetShape, label, client, runs, table, notes, progress);
    }
    if (chosen.contains(2)) {
      err.println("2. simulator to an Avro file...");
      List<Double> avro = ProducerBench.simulatorToAvroFile(producerWorld, runs, progress);
      table.add(
          new Row(
              "2",
              "simulator to Avro file, one thread",
              Ratios.median(avro),
              "events/s",
              Goal.AT_LEAST,
              1_000_000,
              String.format(
                  Locale.ROOT,
                  "%,d events, median of %s",
                  shape.events(),
                  ResultsTable.runs(avro))));
    }
  }

  /** One row of item 1: the simulator on {@code world} into Kafka against ProducerPerformance. */
  private static void simulatorToKafkaRow(
      World world,
      ProducerBench.Shape shape,
      String label,
      ClientConfig client,
      int runs,
      ResultsTable table,
      List<String> notes,
      BenchProgress progress)
      throws Exception {
    ProducerBench.KafkaResult one =
        ProducerBench.simulatorVersusProducerPerformance(world, shape, client, runs, progress);
    table.add(
        new Row(
            "1",
            "simulator to Kafka / ProducerPerformance" + label,
            one.comparison().medianRatio(),
            "x",
            Goal.AT_LEAST,
            0.9,
            String.format(
                Locale.ROOT,
                "%,d records of %.0f B, 4 partitions, lz4, acks=all, idempotent, batch 256 KiB, linger 10 ms, a transaction every 100 ms; "
                    + "ours %s ev/s, theirs %s rec/s",
                shape.events(),
                shape.averageBytes(),
                ResultsTable.runs(one.comparison().ours()),
                ResultsTable.runs(one.comparison().reference()))));
    notes.add(
        "1"
            + label
            + ": CPU during the last simulator-to-Kafka run, by thread (% of one core): "
            + one.profile()
            + ".");
  }

  /**
   * The fleet world of item 1's second row: {@code --fleet-world} over its first {@code
   * --fleet-days} days (at the tiny size, a few hundred of its cameras over one day).
   */
  World fleetSlice(BenchSize benchSize) {
    World fleet = World.read(fleetWorldFile);
    int days = fleetDays != null ? fleetDays : benchSize.fleetDays;
    if (days < 1 || days > fleet.days()) {
      throw new IllegalArgumentException(
          "--fleet-days must be 1 to " + fleet.days() + " for " + fleetWorldFile + ", not " + days);
    }
    return benchSize.fleetCameras > 0
        ? fleet.withSize(Math.min(benchSize.fleetCameras, fleet.cameras()), days)
        : fleet.withDays(days);
  }

  /**
   * Item 3: both services against ConsumerPerformance and against the counting Streams application
   * over one preloaded topic, under both guarantees.
   */
  private static void serviceItems(
      World base,
      BenchSize benchSize,
      ClientConfig client,
      List<Policy> policies,
      ResultsTable table,
      List<String> notes,
      BenchProgress progress)
      throws Exception {
    World servicesWorld = base.withCameras(benchSize.servicesCameras);
    Topic<String, WorldEvent> preloaded =
        Topics.WORLD_EVENTS.renamed("bench-preloaded-world-events");
    TopicAdmin.createTopics(client.toProperties(), List.of(preloaded), 30);
    long events;
    try (KafkaEventSink sink = new KafkaEventSink(client, preloaded)) {
      events =
          Simulator.run(servicesWorld, SimulationOptions.defaults(), sink, ProgressListener.NONE)
              .totalEvents();
    }
    progress.step(String.format(Locale.ROOT, "3. %,d events preloaded", events));
    System.err.printf(
        "3. services vs ConsumerPerformance and a Streams count over %,d preloaded events...%n",
        events);
    ServiceBench services = new ServiceBench(client, preloaded, events, policies);
    for (String guarantee : List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE)) {
      ServiceBench.Result r =
          services.measure(guarantee, benchSize.runs, benchSize.warmUpRound, progress);
      Goal goal = guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) ? Goal.AT_LEAST : Goal.NONE;
      String consumer = "ConsumerPerformance";
      String counting = "Streams count by key";
      table.add(serviceRow("retention-service", consumer, guarantee, goal, events, r.retention()));
      table.add(serviceRow("sharing-service", consumer, guarantee, goal, events, r.sharing()));
      table.add(
          serviceRow(
              "retention-service", counting, guarantee, goal, events, r.retentionVsStreams()));
      table.add(
          serviceRow("sharing-service", counting, guarantee, goal, events, r.sharingVsStreams()));
      notes.add(
          "3. CPU during the last "
              + guarantee
              + " run (% of one core): retention-service: "
              + r.retentionProfile()
              + "; sharing-service: "
              + r.sharingProfile()
              + ".");
    }
  }

  /** Item 4: expiry time per clip with few and with many live clips. */
  private static void expiryItem(
      BenchSize benchSize, Policy policy, ResultsTable table, BenchProgress progress)
      throws Exception {
    System.err.printf(
        "4. expiry cost with %,d and %,d live clips...%n",
        benchSize.liveSmall, benchSize.liveLarge);
    // a discarded first pass at the smaller size, so neither measured size runs on a cold JIT
    ExpiryScaling.nanosPerExpiredClip(policy, benchSize.liveSmall, benchSize.expiring);
    progress.step("4. warm-up pass");
    double fewLive =
        ExpiryScaling.nanosPerExpiredClip(policy, benchSize.liveSmall, benchSize.expiring);
    progress.step(
        String.format(
            Locale.ROOT,
            "4. %,d live clips: %.1f us per expired clip",
            benchSize.liveSmall,
            fewLive / 1000));
    double manyLive =
        ExpiryScaling.nanosPerExpiredClip(policy, benchSize.liveLarge, benchSize.expiring);
    progress.step(
        String.format(
            Locale.ROOT,
            "4. %,d live clips: %.1f us per expired clip",
            benchSize.liveLarge,
            manyLive / 1000));
    table.add(
        new Row(
            "4",
            String.format(
                Locale.ROOT,
                "expiry time per clip, %,d / %,d live clips",
                benchSize.liveLarge,
                benchSize.liveSmall),
            manyLive / fewLive,
            "x",
            Goal.AT_MOST,
            1.3,
            String.format(
                Locale.ROOT,
                "%,d clips expired at each size: %.1f us per clip with %,d live, %.1f us with %,d live",
                benchSize.expiring,
                fewLive / 1000,
                benchSize.liveSmall,
                manyLive / 1000,
                benchSize.liveLarge)));
  }

  /** One row of item 3: a service against one of the two references, under one guarantee. */
  private static Row serviceRow(
      String service,
      String reference,
      String guarantee,
      Goal goal,
      long events,
      Ratios.Comparison c) {
    return new Row(
        "3",
        service + " / " + reference + ", " + guarantee,
        c.medianRatio(),
        "x",
        goal,
        0.5,
        String.format(
            Locale.ROOT,
            "%,d events, one policy; service %s rec/s, %s %s rec/s",
            events,
            ResultsTable.runs(c.ours()),
            reference.equals("ConsumerPerformance") ? reference : "counting application",
            ResultsTable.runs(c.reference())));
  }

  /**
   * The bench's log, beside its results file: {@code bench/results.md} logs to {@code
   * bench/results.log}.
   */
  static Path logFile(Path results) {
    Path absolute = results.toAbsolutePath().normalize();
    String name = absolute.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path log = absolute.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".log");
    return log.equals(absolute) ? absolute.resolveSibling(name + ".log") : log;
  }

  static Set<Integer> parseItems(List<Integer> items) {
    Set<Integer> chosen = new TreeSet<>(items);
    for (int item : chosen) {
      if (item < 1 || item > 5) {
        throw new IllegalArgumentException("--items takes the numbers 1 to 5, not " + item);
      }
    }
    return chosen;
  }

  static BenchSize parseSize(String size) {
    try {
      return BenchSize.valueOf(size.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--size must be tiny, small or full, not '" + size + "'");
    }
  }

  /**
   * The line after which a results file holds measurements the bench does not make (side-by-side
   * runs of whole commands, say); a new bench keeps them.
   */
  static final String KEPT_BELOW = "<!-- camfleet bench keeps what follows: measured apart -->";

  /** What follows {@link #KEPT_BELOW} in the results file being replaced, with the line itself. */
  private static String measuredElsewhere(Path out) throws IOException {
    if (!Files.isRegularFile(out)) {
      return "";
    }
    String before = Files.readString(out);
    int at = before.indexOf(KEPT_BELOW);
    return at < 0 ? "" : "\n" + before.substring(at);
  }

  private String render(
      BenchSize benchSize, Instant started, ResultsTable table, List<String> notes, boolean e2e)
      throws IOException {
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    StringBuilder s = new StringBuilder();
    s.append("# camfleet bench results\n\n");
    s.append(
        String.format(
            Locale.ROOT,
            "- date: %s%n- command: `./camfleet bench --size %s`%n- machine: %d cores, %.1f GiB memory; "
                + "JVM %s, max heap %.1f GiB%n- world: %s scaled by camera count; policy: %s%n- broker: one embedded KRaft broker in the same JVM%n%n",
            started.truncatedTo(ChronoUnit.SECONDS),
            benchSize.name().toLowerCase(Locale.ROOT),
            Runtime.getRuntime().availableProcessors(),
            memory / (1024.0 * 1024 * 1024),
            Runtime.version(),
            Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024),
            worldFile,
            policyFile));
    s.append(table.toMarkdown()).append('\n');
    s.append("## Sizes\n\n");
    s.append(
        String.format(
            Locale.ROOT,
            "- items 1-2: %,d cameras; item 3: %,d cameras preloaded; %d alternating runs each of ours and Kafka's tool"
                + " (median of the paired ratios)%n- item 4: %,d and %,d live clips, %,d expired at each size%n",
            benchSize.producerCameras,
            benchSize.servicesCameras,
            benchSize.runs,
            benchSize.liveSmall,
            benchSize.liveLarge,
            benchSize.expiring));
    if (benchSize != BenchSize.FULL) {
      s.append(
          "- scaled down from the issue (10 million preloaded events; 1 and 10 million live clips): run `--size full` for those\n");
    }
    if (!e2e) {
      s.append(
          "- item 5 (fleet-100k end to end) was not run: it runs only with `--size full` and without `--skip-e2e`\n");
    }
    s.append("\n## Where the time goes\n\n");
    notes.forEach(n -> s.append("- ").append(n).append('\n'));
    s.append("\n## Method\n\n");
    s.append(
        """
        - 1: our run is the simulator into `KafkaEventSink` on a fresh 4-partition topic, timed from the first event to the \
        end of the sink's flush; ProducerPerformance gets the same record count, the simulator's average serialized record \
        size (key plus value), a fresh 4-partition topic and the sink's producer settings, including a transaction committed every 100 ms \
        (`--transactional-id`, `--transaction-duration-ms`). It sends unkeyed random-letter \
        payloads, so its batches compress differently from Avro records. One discarded run of each comes first, so that \
        neither side's first measured run compiles the producer.
        - 2: the simulator into `AvroFileSink` (no codec), timed from the first event to the file's rename, one thread.
        - 3: each service starts with a new application id and state folder on the preloaded topic and is timed from \
        `start` until its final statistics (last=true for the policy) are committed; ConsumerPerformance's nMsg.sec reads \
        the same topic, from before joining its group to the last record. The counting application is a plain Kafka Streams \
        application with the services' settings (`StreamsSettings`: guarantee, commit interval, record cache, RocksDB budget, \
        lz4 and batching), a new application id and state folder, that counts the topic by key in a RocksDB store (values \
        not decoded) and writes each count to a topic; it is timed from its creation until the committed counts add up to \
        the topic's records. All three include their start-up and alternate: ConsumerPerformance, the counting \
        application, retention, sharing. One discarded round of the four comes first for each guarantee, so that no \
        measured run compiles its code (not at `--size tiny`, which only shows that every row gets a number).
        - 4: the retention topology under `TopologyTestDriver` (RocksDB stores as in the service, one task, no broker): \
        load the live clips, close the days in between, then time the clock ticks that expire the fixed batch in three groups.
        - 5: `camfleet run --world worlds/fleet-100k.yaml` in a child JVM (the bench's classpath, `-Xmx2g`, the embedded \
        broker), first with every bundled policy, then with `--policy` alone; wall time from the child's start to its exit. \
        Every 2 s: the child's peak resident set (VmHWM), and the bytes under the retention service's state folder (the \
        child's temporary folder is the bench's). State per live clip is the last sample before report.csv appears, when \
        both services have processed every event, over the most clips alive at the end under any one policy (the store \
        keeps one entry per clip, holding every policy's part of it).
        """);
    return s.toString();
  }
}
