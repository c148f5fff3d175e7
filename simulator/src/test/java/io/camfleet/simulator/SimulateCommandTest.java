package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.simulator.cli.SimulateCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code camfleet simulate}: options, exit codes, and a container file any Avro reader understands. */
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

  /** Counts records by the name of their {@code event} branch, reading with plain Avro: no camfleet class involved. */
  private static Map<String, Long> countByEventType(Path file) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      for (GenericRecord record : reader) {
        GenericRecord event = (GenericRecord) record.get("event");
        counts.merge(event.getSchema().getName(), 1L, Long::sum);
      }
    }
    return counts;
  }

  @Test
  void fortLauderdaleFileCountsAs22RequestsAndAbout319EmailsInAPlainAvroReader() throws IOException {
    Path file = dir.resolve("fl.avro");
    int exit = simulate("--world", Worlds.file("fort-lauderdale-2018").toString(), "--out-file", file.toString());
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
    int exit = simulate("--world", Worlds.file("default").toString(), "--seed", "7", "--cameras", "30", "--days", "5",
        "--shard", "2/2", "--out-file", file.toString());
    assertEquals(0, exit, err.toString());
    Map<String, Long> counts = countByEventType(file);
    assertEquals(5L * 24 * 2, counts.get("ClockTick"), "hourly ticks on the shard's two partitions, the last at the horizon");
    assertTrue(counts.get("CameraInstalled") < 30, counts.toString());
    assertTrue(out.toString().contains("world default, seed 7, 30 cameras (shard 2/2)"), out.toString());
  }

  @Test
  void bootstrapServersAndOutFileTogetherAreAUsageError() {
    int exit = simulate("--world", Worlds.file("default").toString(), "--bootstrap-servers", "localhost:9092",
        "--out-file", dir.resolve("x.avro").toString());
    assertEquals(2, exit);
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
  }

  @Test
  void noDestinationIsAUsageError() {
    assertEquals(2, simulate("--world", Worlds.file("default").toString()));
    assertTrue(err.toString().contains("Missing required argument"), err.toString());
  }

  @Test
  void badShardIsAUsageError() {
    assertEquals(2, simulate("--world", Worlds.file("default").toString(), "--shard", "3/2", "--out-file", "x.avro"));
    assertTrue(err.toString().contains("'3/2' is not K/N with 1 <= K <= N"), err.toString());
  }

  @Test
  void moreShardsThanPartitionsIsAUsageError() {
    assertEquals(2, simulate("--world", Worlds.file("default").toString(), "--shard", "1/5", "--out-file", "x.avro"));
    assertTrue(err.toString().contains("shard count must be between 1 and the number of partitions (4), not 5"), err.toString());
  }

  @Test
  void badWorldFilePrintsTheProblemAndExitsTwo() throws IOException {
    Path world = dir.resolve("bad.yaml");
    Files.writeString(world, Files.readString(Worlds.file("default")).replace("days: 100 ", "days: 0 "));
    Path file = dir.resolve("never.avro");
    assertEquals(2, simulate("--world", world.toString(), "--out-file", file.toString()));
    assertTrue(err.toString().startsWith(world + ":"), err.toString());
    assertTrue(err.toString().contains("field 'days': days must be a positive number of days, not 0"), err.toString());
    assertEquals(false, Files.exists(file));
  }

  @Test
  void missingWorldFileExitsTwo() {
    assertEquals(2, simulate("--world", dir.resolve("nowhere.yaml").toString(), "--out-file", "x.avro"));
    assertEquals(dir.resolve("nowhere.yaml") + ": no such file", err.toString().strip());
  }

  @Test
  void kafkaConfigWithoutBootstrapServersIsAUsageError() {
    assertEquals(2, simulate("--world", Worlds.file("default").toString(), "--kafka-config", "client.properties",
        "--out-file", dir.resolve("x.avro").toString()));
    assertTrue(err.toString().contains("--kafka-config goes with --bootstrap-servers"), err.toString());
  }
}
