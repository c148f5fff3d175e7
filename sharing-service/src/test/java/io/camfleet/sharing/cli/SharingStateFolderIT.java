package io.camfleet.sharing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.DailyStats;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.SharingService;
import io.camfleet.streams.KafkaProbe;
import io.camfleet.streams.StateFolder;
import io.camfleet.streams.TinyWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sharing-service command run on a new cluster with the state folder an earlier camfleet left
 * (built on another cluster, with no marker): the README's separate-process recipe run twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SharingStateFolderIT {
  private static final String POLICY = "../policies/status-quo-2019.yaml";
  private static final String APP = "sharing-service-status-quo-2019";
  private static final int CAMERAS = 6;
  private static final int DAYS = 40;
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final List<String> OUTPUTS =
      List.of(
          Topics.COPY_LEDGER.name(),
          Topics.COPY_RECEIPTS.name(),
          Topics.EXPOSURE_STATS.name(),
          Topics.DEAD_LETTERS.name());

  @TempDir Path tmp;

  /**
   * What one run wrote: every ledger entry, copy receipt and day's statistics, and how many dead
   * letters.
   */
  private record Output(
      List<String> ledger,
      List<String> receipts,
      List<String> stats,
      DailyStats last,
      int deadLetters) {}

  /** A run of the command: its exit code, what it printed, and what it wrote if it started. */
  private record Run(
      int exit, List<String> out, List<String> err, SharingService service, Output output) {}

  @Test
  void stateAnEarlierVersionBuiltOnAnotherClusterIsDeletedWithANoticeAndTheLedgerComesOutRight()
      throws Exception {
    Path state = tmp.resolve("state");
    Path folder = state.resolve(APP);
    Run first;
    try (EmbeddedBroker a = EmbeddedBroker.startTemporary()) {
      TopicAdmin.createTopics(client(a.bootstrapServers()), Topics.all(), 30);

      try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        Run busy =
            run(a.bootstrapServers(), state, "--http-port", String.valueOf(taken.getLocalPort()));
        assertEquals(2, busy.exit());
        assertEquals(
            List.of(
                "sharing-service: port "
                    + taken.getLocalPort()
                    + " is in use on 127.0.0.1: choose"
                    + " another --http-port, or 0 for any free port"),
            busy.err());
        assertEquals(List.of(), busy.out());
      }

      first = run(a.bootstrapServers(), state);

      assertEquals(0, first.exit());
      assertEquals(List.of(), first.err());
      assertEquals(startupLines(a.bootstrapServers(), first, folder), first.out());
      // 6 cameras, 40 days: 48 clips shared on the neighbourhood feed, each a copy kept
      // indefinitely
      assertEquals(48, first.output().ledger().size());
      assertEquals(48L, first.output().last().getMeasures().get("copiesCreated"));
      assertEquals(48L, first.output().last().getMeasures().get("copiesAlive"));
      assertEquals(0, first.output().deadLetters());
    }
    // what a camfleet from before the marker leaves behind
    Files.delete(folder.resolve(StateFolder.MARKER));

    try (EmbeddedBroker b = EmbeddedBroker.startTemporary()) {
      String clusterB = KafkaProbe.clusterId(b.bootstrapServers());
      TopicAdmin.createTopics(client(b.bootstrapServers()), Topics.all(), 30);

      Run second = run(b.bootstrapServers(), state);

      assertEquals(0, second.exit());
      assertEquals(
          List.of(
              "sharing-service: deleted the local state in "
                  + folder
                  + ": it does not name the Kafka"
                  + " cluster it was built on (an earlier camfleet wrote it), and cluster "
                  + clusterB
                  + " has none of its"
                  + " changelog topics, so it was built on another; it is rebuilt from this cluster's topics"),
          second.err());
      assertEquals(startupLines(b.bootstrapServers(), second, folder), second.out());
      assertEquals(
          first.output(),
          second.output(),
          "the same ledger, receipts and statistics, and no dead letter");
      assertTrue(
          Files.readString(folder.resolve(StateFolder.MARKER))
              .contains("\ncluster.id=" + clusterB + "\n"));
    }
  }

  private static List<String> startupLines(String servers, Run run, Path folder) {
    return List.of(
        "sharing-service [status-quo-2019] running on " + servers,
        "  custody API at http://127.0.0.1:" + run.service().httpPort() + "/clips/{clipId}/custody",
        "  metrics at " + run.service().metricsUri(),
        "  state in " + folder);
  }

  private static Properties client(String servers) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
    return p;
  }

  /**
   * Runs {@code sharing-service} on {@code state}; if it starts, publishes the tiny world (as in
   * the README: the services first, then the simulator), waits for the final statistics, and stops
   * it as SIGTERM would.
   */
  private static Run run(String servers, Path state, String... extra) throws Exception {
    Map<TopicPartition, Long> from = KafkaProbe.endOffsets(servers, OUTPUTS);
    SharingServiceCommand command = new SharingServiceCommand();
    CompletableFuture<SharingService> started = new CompletableFuture<>();
    command.onStarted = started::complete;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--policy",
                POLICY,
                "--bootstrap-servers",
                servers,
                "--state-dir",
                state.toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--http-port")) {
      args.addAll(List.of("--http-port", "0"));
    }
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(String[]::new)));
    CompletableFuture.anyOf(started, exit).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    SharingService service = null;
    Output output = null;
    if (started.isDone()) {
      service = started.get();
      try (SharingService running = service) {
        TinyWorld.publish(servers, Topics.WORLD_EVENTS, CAMERAS, DAYS);
        output = readUntilFinal(servers, from);
      }
    }
    int code = exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return new Run(
        code, out.toString().lines().toList(), err.toString().lines().toList(), service, output);
  }

  private static Output readUntilFinal(String servers, Map<TopicPartition, Long> from) {
    List<ConsumerRecord<byte[], byte[]>> records =
        KafkaProbe.read(
            servers,
            from,
            read ->
                read.stream()
                    .anyMatch(
                        r -> r.topic().equals(Topics.EXPOSURE_STATS.name()) && stats(r).getLast()),
            WAIT);
    List<String> ledger =
        decoded(
            records,
            Topics.COPY_LEDGER.name(),
            r ->
                Topics.COPY_LEDGER
                    .valueSerde()
                    .deserializer()
                    .deserialize(r.topic(), r.value())
                    .toString());
    List<String> receipts =
        decoded(
            records,
            Topics.COPY_RECEIPTS.name(),
            r ->
                Topics.COPY_RECEIPTS
                    .valueSerde()
                    .deserializer()
                    .deserialize(r.topic(), r.value())
                    .toString());
    List<String> stats = decoded(records, Topics.EXPOSURE_STATS.name(), r -> stats(r).toString());
    DailyStats last =
        records.stream()
            .filter(r -> r.topic().equals(Topics.EXPOSURE_STATS.name()))
            .map(SharingStateFolderIT::stats)
            .filter(DailyStats::getLast)
            .reduce(
                (x, y) -> {
                  throw new AssertionError("two final statistics: " + x + " and " + y);
                })
            .orElseThrow();
    int deadLetters =
        (int) records.stream().filter(r -> r.topic().equals(Topics.DEAD_LETTERS.name())).count();
    return new Output(ledger, receipts, stats, last, deadLetters);
  }

  private static List<String> decoded(
      List<ConsumerRecord<byte[], byte[]>> records,
      String topic,
      Function<ConsumerRecord<byte[], byte[]>, String> decode) {
    return records.stream().filter(r -> r.topic().equals(topic)).map(decode).sorted().toList();
  }

  private static DailyStats stats(ConsumerRecord<byte[], byte[]> record) {
    return Topics.EXPOSURE_STATS
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
  }
}
