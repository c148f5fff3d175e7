package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CamfleetCommandTest {
  @TempDir Path tmp;

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(String... args) {
    CommandLine cli = Camfleet.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryCommand() {
    Outcome help = run("--help");
    assertEquals(0, help.exitCode());
    for (String command : commands()) {
      assertTrue(help.out().contains(command), "--help lists " + command + ":\n" + help.out());
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : commands()) {
      Outcome help = run(command, "--help");
      assertEquals(0, help.exitCode(), command);
      assertTrue(help.out().contains("Usage: camfleet " + command), help.out());
    }
  }

  @Test
  void everyHelpTextFormatsWithoutAWarning() {
    // picocli warns on its own stderr, not the command's, when a text's % is not a format
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      run("--help");
      for (String command : commands()) {
        run(command, "--help");
      }
    } finally {
      System.setErr(stderr);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
  }

  @Test
  void wrongOptionExitsTwoWithAMessage() {
    Outcome wrong = run("run", "--no-such-option");
    assertEquals(2, wrong.exitCode());
    assertTrue(wrong.err().contains("Unknown option: '--no-such-option'"), wrong.err());
  }

  @Test
  void retentionServiceRefusesZeroThreadsBeforeContactingKafka() {
    Outcome zero =
        run(
            "retention-service",
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--bootstrap-servers",
            "localhost:1",
            "--threads",
            "0");
    assertEquals(2, zero.exitCode());
    assertTrue(zero.err().contains("--threads must be 1 or more, not 0"), zero.err());
  }

  @Test
  void missingWorldFileExitsTwoNamingTheFileAndWritesNoReport() {
    Path out = tmp.resolve("report");
    Outcome missing =
        run("run", "--world", tmp.resolve("nope.yaml").toString(), "--out", out.toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("nope.yaml: no such file"), missing.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void malformedPolicyFileExitsTwoNamingFileLineAndField() throws Exception {
    Path policy = tmp.resolve("bad.yaml");
    Files.writeString(policy, "name: bad\nretention:\n  days: -5\n");
    Path out = tmp.resolve("report");
    Outcome bad =
        run(
            "run",
            "--world",
            "../worlds/default.yaml",
            "--policy",
            policy.toString(),
            "--out",
            out.toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("bad.yaml:3"), bad.err());
    assertTrue(
        bad.err().contains("retention.days must be a positive number of days, not -5"), bad.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownKeyInPolicyFileIsNamedWithItsLine() throws Exception {
    Path policy = tmp.resolve("typo.yaml");
    Files.writeString(policy, "name: typo\nretention:\n  days: 30\nforwardingAllowd: false\n");
    Outcome bad =
        run(
            "run",
            "--world",
            "../worlds/default.yaml",
            "--policy",
            policy.toString(),
            "--out",
            tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("typo.yaml:4"), bad.err());
    assertTrue(bad.err().contains("unknown key 'forwardingAllowd'"), bad.err());
  }

  @Test
  void wrongTypeInPolicyFileIsNamed() throws Exception {
    Path policy = tmp.resolve("type.yaml");
    Files.writeString(policy, "name: type\nretention:\n  days: sixty\n");
    Outcome bad =
        run(
            "run",
            "--world",
            "../worlds/default.yaml",
            "--policy",
            policy.toString(),
            "--out",
            tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("type.yaml:3"), bad.err());
    assertTrue(bad.err().contains("field 'retention.days'"), bad.err());
  }

  @Test
  void unwritableOutputFolderIsRefusedBeforeAnyWork() throws Exception {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    Outcome bad =
        run(
            "run",
            "--world",
            "../worlds/default.yaml",
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--out",
            file.resolve("report").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("cannot write the report to"), bad.err());
  }

  @Test
  void refusedConnectionNamesTheAddressAndTheCauseBeforeAnyWork() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Outcome down =
        run(
            "run",
            "--world",
            "../worlds/default.yaml",
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--bootstrap-servers",
            "localhost:" + closedPort,
            "--out",
            tmp.resolve("r").toString());
    assertEquals(1, down.exitCode());
    assertEquals(
        "camfleet: cannot reach Kafka at localhost:" + closedPort + ": connection refused",
        oneLine(down.err()));
    assertFalse(Files.exists(tmp.resolve("r")));
  }

  @Test
  void unknownHostIsNamedAsUnknownNotAsAnAdminClientFailure() {
    Outcome down =
        run(
            "run",
            "--world",
            "../worlds/default.yaml",
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--bootstrap-servers",
            "no-such-broker.invalid:9092",
            "--out",
            tmp.resolve("r").toString());
    assertEquals(1, down.exitCode());
    assertEquals(
        "camfleet: cannot reach Kafka at no-such-broker.invalid:9092: unknown host",
        oneLine(down.err()));
  }

  @Test
  void seedThatIsNotANumberIsOneLineInTheUsersTerms() {
    Outcome bad = run("run", "--seed", "abc");
    assertEquals(2, bad.exitCode());
    assertEquals(
        "camfleet run: Invalid value for option '--seed': 'abc' is not a whole number"
            + " (see 'camfleet run --help')",
        oneLine(bad.err()));
  }

  @Test
  void timeoutThatIsNotADurationSaysWhatADurationLooksLike() {
    Outcome bad = run("run", "--timeout", "30min");
    assertEquals(2, bad.exitCode());
    assertEquals(
        "camfleet run: Invalid value for option '--timeout': '30min' is not a duration"
            + " (for example 30m, 90s, 2h, 1h30m or PT30M) (see 'camfleet run --help')",
        oneLine(bad.err()));
  }

  @Test
  void zeroPartitionsAreRefusedBeforeTheRunStarts() {
    Outcome bad = run("run", "--partitions", "0", "--out", tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertEquals(
        "camfleet run: --partitions must be between 1 and 127, not 0 (see 'camfleet run --help')",
        oneLine(bad.err()));
    assertFalse(Files.exists(tmp.resolve("r")));
  }

  @Test
  void brokerRefusesMorePartitionsThanTheSimulatorCanFillBeforeStarting() {
    Outcome bad = run("broker", "--partitions", "500", "--data-dir", tmp.resolve("b").toString());
    assertEquals(2, bad.exitCode());
    assertEquals(
        "camfleet broker: --partitions must be between 1 and 127, not 500"
            + " (see 'camfleet broker --help')",
        oneLine(bad.err()));
    assertFalse(Files.exists(tmp.resolve("b")));
  }

  @Test
  void runHelpSaysTheTimeoutIsAboutProgressAndNamesThePartitionsDefault() {
    String help = run("run", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("make no progress for this long"), help);
    assertTrue(help.contains("--partitions=N"), help);
    assertTrue(help.contains("(default " + Topics.DEFAULT_WORLD_PARTITIONS + ", 1 to 127)"), help);
  }

  @Test
  void zeroDaysIsRefusedNamingTheOption() {
    Outcome bad = run("run", "--days", "0", "--out", tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertEquals(
        "camfleet run: --days must be between 1 and 1,000,000, not 0 (see 'camfleet run --help')",
        oneLine(bad.err()));
    assertFalse(Files.exists(tmp.resolve("r")));
  }

  @Test
  void defaultWorldIsFoundFromAnotherFolder() {
    // the tests run in lab/, which has no worlds/: the installation's copy is found
    Outcome bad = run("run", "--cameras", "-5", "--out", tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(
        oneLine(bad.err())
            .contains(
                "household of the county in "
                    + Path.of("..", "worlds", "default.yaml").toAbsolutePath().normalize()
                    + "), not -5"),
        bad.err());
  }

  @Test
  void negativeCamerasIsRefusedNamingTheOption() {
    Outcome bad =
        run(
            "run",
            "--world",
            "../worlds/default.yaml",
            "--cameras",
            "-5",
            "--out",
            tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertEquals(
        "camfleet run: --cameras must be between 1 and 27,750 (one camera per household of the county in"
            + " ../worlds/default.yaml), not -5 (see 'camfleet run --help')",
        oneLine(bad.err()));
  }

  @Test
  void missingKafkaConfigIsRefusedBeforeTheBrokerStarts() {
    Path missing = tmp.resolve("missing.properties");
    Outcome bad =
        run(
            "run",
            "--world",
            "../worlds/default.yaml",
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--kafka-config",
            missing.toString(),
            "--out",
            tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertEquals("camfleet: " + missing + ": no such Kafka client config file", oneLine(bad.err()));
    assertFalse(Files.exists(tmp.resolve("r")));
  }

  @Test
  void brokerPortOutOfRangeIsOneLineNotAStackTrace() {
    Outcome bad = run("broker", "--port", "70000");
    assertEquals(2, bad.exitCode());
    assertEquals(
        "camfleet broker: --port must be 1 to 65535, not 70000 (see 'camfleet broker --help')",
        oneLine(bad.err()));
  }

  @Test
  void brokerOnABusyPortNamesThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Outcome busy = run("broker", "--port", Integer.toString(port));
      assertEquals(2, busy.exitCode());
      String line = oneLine(busy.err());
      assertTrue(
          line.startsWith("camfleet broker: port " + port + " is in use on localhost ("), line);
      assertTrue(line.endsWith("): stop what holds it, or choose another --port"), line);
    }
  }

  @Test
  void explainOfAFolderWithoutAuditFilesExitsTwoNamingIt() {
    Outcome none = run("explain", "--clip", "clip-1", "--from", tmp.toString());
    assertEquals(2, none.exitCode());
    assertEquals(
        "camfleet: no audit files in "
            + tmp
            + " (missing audit/retention-receipts.avro); name a run's report folder with --from",
        oneLine(none.err()));
  }

  @Test
  void replayOfAMissingEventLogExitsTwoNamingTheFileBeforeAnyWork() {
    Path missing = tmp.resolve("events.avro");
    Outcome replay =
        run("run", "--events", missing.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(2, replay.exitCode());
    assertEquals("camfleet: no event log " + missing, oneLine(replay.err()));
    assertFalse(Files.exists(tmp.resolve("o")));
  }

  @Test
  void replayRefusesOptionsThatChooseAWorld() throws Exception {
    Outcome replay = run("run", "--events", "events.avro", "--seed", "7");
    assertEquals(2, replay.exitCode());
    assertEquals(
        "camfleet run: --seed goes without --events: a recorded event log carries its own world"
            + " (see 'camfleet run --help')",
        oneLine(replay.err()));
  }

  @Test
  void everyCommandAnswersVersion() {
    for (String command : commands()) {
      Outcome version = run(command, "--version");
      assertEquals(0, version.exitCode(), command);
      assertTrue(version.out().strip().matches("camfleet \\S+"), command + ": " + version.out());
    }
  }

  @Test
  void noCommandListsEveryCommand() {
    Outcome none = run();
    assertEquals(2, none.exitCode());
    assertEquals(
        "camfleet: name a command: " + String.join(", ", commands()) + " (see 'camfleet --help')",
        oneLine(none.err()));
  }

  @Test
  void helpGivesEachCommandAWholeSentence() {
    List<String> lines = run("--help").out().lines().toList();
    for (String command : commands()) {
      int row =
          lines.indexOf(
              lines.stream()
                  .filter(l -> l.startsWith("  " + command + " "))
                  .findFirst()
                  .orElseThrow());
      StringBuilder entry = new StringBuilder(lines.get(row).strip());
      for (int i = row + 1; i < lines.size() && lines.get(i).startsWith("    "); i++) {
        entry.append(' ').append(lines.get(i).strip());
      }
      assertTrue(
          entry.toString().endsWith("."), "the entry of " + command + " ends a sentence: " + entry);
    }
  }

  private static List<String> commands() {
    return List.of(
        "run",
        "sweep",
        "simulate",
        "retention-service",
        "sharing-service",
        "broker",
        "dashboard",
        "explain",
        "bench");
  }

  /** The message, checked to be exactly one line. */
  private static String oneLine(String err) {
    List<String> lines = err.strip().lines().toList();
    assertEquals(1, lines.size(), "one line:\n" + err);
    return lines.get(0);
  }
}
