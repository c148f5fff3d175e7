package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.simulator.cli.SimulateCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code camfleet simulate}: options, exit codes, and a container file any Avro reader understands.
 */
class SimulateCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int simulate(String... args) {
    CommandLine command = new CommandLine(new SimulateCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  /**
   * Counts records by the name of their {@code event} branch, reading with plain Avro: no camfleet
   * class involved.
   */
  private static Map<String, Long> countByEventType(Path file) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      for (GenericRecord record : reader) {
        GenericRecord event = (GenericRecord) record.get("event");
        counts.merge(event.getSchema().getName(), 1L, Long::sum);
      }
    }
    return counts;
  }

  @Test
  void fortLauderdaleFileCountsAs22RequestsAndAbout319EmailsInAPlainAvroReader()
      throws IOException {
    Path file = dir.resolve("fl.avro");
    int exit =
        simulate(
            "--world",
            Worlds.file("fort-lauderdale-2018").toString(),
            "--out-file",
            file.toString());
    assertEquals(0, exit, err.toString());
    Map<String, Long> counts = countByEventType(file);
    assertEquals(22L, counts.get("PoliceRequest"));
    assertEquals(297L, counts.get("RequestNotification"));
    assertTrue(Math.abs(counts.get("RequestNotification") - 319) <= 31.9);
    assertTrue(out.toString().contains("requests 22, notifications 297"), out.toString());
    assertTrue(out.toString().contains(" events to " + file), out.toString());
  }

  @Test
  void overridesAndShardShrinkTheRun() throws IOException {
    Path file = dir.resolve("small.avro");
    int exit =
        simulate(
            "--world",
            Worlds.file("default").toString(),
            "--seed",
            "7",
            "--cameras",
            "30",
            "--days",
            "5",
            "--shard",
            "2/2",
            "--out-file",
            file.toString());
    assertEquals(0, exit, err.toString());
    Map<String, Long> counts = countByEventType(file);
    assertEquals(
        5L * 24 * 2,
        counts.get("ClockTick"),
        "hourly ticks on the shard's two partitions, the last at the horizon");
    assertTrue(counts.get("CameraInstalled") < 30, counts.toString());
    assertTrue(
        out.toString().contains("world default, seed 7, 30 cameras (shard 2/2)"), out.toString());
  }

  @Test
  void bootstrapServersAndOutFileTogetherAreAUsageError() {
    int exit =
        simulate(
            "--world",
            Worlds.file("default").toString(),
            "--bootstrap-servers",
            "localhost:9092",
            "--out-file",
            dir.resolve("x.avro").toString());
    assertEquals(2, exit);
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
  }

  @Test
  void noDestinationIsAUsageError() {
    assertEquals(2, simulate("--world", Worlds.file("default").toString()));
    assertTrue(err.toString().contains("Missing required argument"), err.toString());
  }

  private String firstErrorLine() {
    return err.toString().lines().findFirst().orElse("");
  }

  /**
   * Runs with {@code options} to a file in the test folder, expecting a usage error before the file
   * is written.
   */
  private void refusedBeforeWriting(String expected, String... options) {
    Path file = dir.resolve("never.avro");
    List<String> args =
        new ArrayList<>(
            List.of("--world", Worlds.file("default").toString(), "--out-file", file.toString()));
    args.addAll(List.of(options));
    assertEquals(2, simulate(args.toArray(String[]::new)), err.toString());
    assertEquals(expected, firstErrorLine());
    assertEquals(List.of(), filesIn(dir));
  }

  private static List<Path> filesIn(Path folder) {
    try (var files = Files.list(folder)) {
      return files.toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shardWithKAboveNIsRefusedNamingTheOptionAndValue() {
    refusedBeforeWriting(
        "--shard must be K/N with 1 <= K <= N <= the partitions of world-events, e.g. 1/2, not '3/2'",
        "--shard",
        "3/2");
  }

  @Test
  void moreShardsThanPartitionsAreRefused() {
    refusedBeforeWriting(
        "--shard 1/5 asks for 5 shards, but the file's world has 4 partitions and a shard owns whole"
            + " partitions: N must be at most 4",
        "--shard",
        "1/5");
  }

  @Test
  void moreShardsThanTheRequestedPartitionsAreRefused() {
    refusedBeforeWriting(
        "--shard 3/3 asks for 3 shards, but the file's world has 2 partitions and a shard owns whole"
            + " partitions: N must be at most 2",
        "--partitions",
        "2",
        "--shard",
        "3/3");
  }

  @Test
  void zeroPartitionsAreRefused() {
    refusedBeforeWriting(
        "--partitions must be between 1 and 127, not 0", "--partitions", "0", "--shard", "1/2");
  }

  @Test
  void shardsUpToTwelvePartitionsTogetherMakeTheWholeFile() throws IOException {
    Path whole = dir.resolve("whole.avro");
    assertEquals(0, simulateTwelvePartitions("--out-file", whole.toString()), err.toString());
    Map<String, Long> union = new TreeMap<>();
    for (int k = 1; k <= 12; k++) {
      Path shard = dir.resolve("shard-" + k + ".avro");
      assertEquals(
          0,
          simulateTwelvePartitions("--shard", k + "/12", "--out-file", shard.toString()),
          err.toString());
      countByEventType(shard).forEach((type, n) -> union.merge(type, n, Long::sum));
    }
    Map<String, Long> counts = countByEventType(whole);
    assertEquals(counts, union);
    assertEquals(12L * 2 * 24, counts.get("ClockTick"), "hourly ticks on 12 partitions");
  }

  /** A small world of 30 cameras over 2 days on 12 partitions, with {@code more} options. */
  private int simulateTwelvePartitions(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--world",
                Worlds.file("default").toString(),
                "--cameras",
                "30",
                "--days",
                "2",
                "--partitions",
                "12"));
    args.addAll(List.of(more));
    return simulate(args.toArray(String[]::new));
  }

  @Test
  void negativeCamerasAreRefusedWithTheWorldsLimit() {
    refusedBeforeWriting(
        "--cameras must be between 1 and 27,750 (one camera per household of the county in "
            + Worlds.file("default")
            + "), not -5",
        "--cameras",
        "-5");
  }

  @Test
  void moreCamerasThanHouseholdsAreRefusedNamingTheOption() {
    refusedBeforeWriting(
        "--cameras must be between 1 and 27,750 (one camera per household of the county in "
            + Worlds.file("default")
            + "), not 1000000",
        "--cameras",
        "1000000");
  }

  @Test
  void zeroDaysAreRefused() {
    refusedBeforeWriting("--days must be between 1 and 1,000,000, not 0", "--days", "0");
  }

  @Test
  void daysBeyondTheLimitAreRefused() {
    refusedBeforeWriting(
        "--days must be between 1 and 1,000,000, not 2000000", "--days", "2000000");
  }

  @Test
  void daysBeyondWhatAMillionCamerasAllowAreRefused() throws IOException {
    Path file = dir.resolve("never.avro");
    assertEquals(
        2,
        simulate(
            "--world",
            Worlds.file("fleet-100k").toString(),
            "--cameras",
            "1000000",
            "--days",
            "200000",
            "--out-file",
            file.toString()),
        err.toString());
    assertEquals(
        "--days must be between 1 and 101,806 for 1,000,000 cameras, not 200000", firstErrorLine());
    assertEquals(false, Files.exists(file));
  }

  @Test
  void speedThatIsNoNumberIsRefused() {
    refusedBeforeWriting(
        "--speed must be a positive number of times real time (e.g. 60), or 0 for as fast as possible,"
            + " not 'nonsense'",
        "--speed",
        "nonsense");
  }

  @Test
  void negativeSpeedIsRefused() {
    refusedBeforeWriting(
        "--speed must be a positive number of times real time (e.g. 60), or 0 for as fast as possible,"
            + " not '-2'",
        "--speed",
        "-2");
  }

  @Test
  void infiniteSpeedIsRefused() {
    refusedBeforeWriting(
        "--speed must be a positive number of times real time (e.g. 60), or 0 for as fast as possible,"
            + " not 'Infinity'",
        "--speed",
        "Infinity");
  }

  @Test
  void badDaysAreRefusedBeforeConnectingToKafka() {
    // nothing listens on port 1: reaching for it would end in exit code 1 after the 30 s wait
    assertEquals(
        2,
        simulate(
            "--world",
            Worlds.file("default").toString(),
            "--bootstrap-servers",
            "localhost:1",
            "--days",
            "-3"));
    assertEquals("--days must be between 1 and 1,000,000, not -3", firstErrorLine());
  }

  @Test
  void badWorldFilePrintsTheProblemAndExitsTwo() throws IOException {
    Path world = dir.resolve("bad.yaml");
    Files.writeString(
        world, Files.readString(Worlds.file("default")).replace("days: 100 ", "days: 0 "));
    Path file = dir.resolve("never.avro");
    assertEquals(2, simulate("--world", world.toString(), "--out-file", file.toString()));
    assertTrue(err.toString().startsWith(world + ":"), err.toString());
    assertTrue(
        err.toString().contains("field 'days': days must be a positive number of days, not 0"),
        err.toString());
    assertEquals(false, Files.exists(file));
  }

  @Test
  void missingWorldFileExitsTwo() {
    assertEquals(
        2, simulate("--world", dir.resolve("nowhere.yaml").toString(), "--out-file", "x.avro"));
    assertEquals(dir.resolve("nowhere.yaml") + ": no such file", err.toString().strip());
  }

  @Test
  void kafkaConfigWithoutBootstrapServersIsAUsageError() {
    assertEquals(
        2,
        simulate(
            "--world",
            Worlds.file("default").toString(),
            "--kafka-config",
            "client.properties",
            "--out-file",
            dir.resolve("x.avro").toString()));
    assertTrue(
        err.toString().contains("--kafka-config goes with --bootstrap-servers"), err.toString());
  }
}
