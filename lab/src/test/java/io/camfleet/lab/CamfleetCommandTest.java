package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    for (String command : new String[] {"run", "simulate", "retention-service", "sharing-service", "broker"}) {
      assertTrue(help.out().contains(command), "--help lists " + command + ":\n" + help.out());
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"run", "simulate", "retention-service", "sharing-service", "broker"}) {
      Outcome help = run(command, "--help");
      assertEquals(0, help.exitCode(), command);
      assertTrue(help.out().contains("Usage: camfleet " + command), help.out());
    }
  }

  @Test
  void wrongOptionExitsTwoWithAMessage() {
    Outcome wrong = run("run", "--no-such-option");
    assertEquals(2, wrong.exitCode());
    assertTrue(wrong.err().contains("Unknown option: '--no-such-option'"), wrong.err());
  }

  @Test
  void retentionServiceRefusesZeroThreadsBeforeContactingKafka() {
    Outcome zero = run("retention-service", "--policy", "../policies/status-quo-2019.yaml",
        "--bootstrap-servers", "localhost:1", "--threads", "0");
    assertEquals(2, zero.exitCode());
    assertTrue(zero.err().contains("--threads must be 1 or more, not 0"), zero.err());
  }

  @Test
  void missingWorldFileExitsTwoNamingTheFileAndWritesNoReport() {
    Path out = tmp.resolve("report");
    Outcome missing = run("run", "--world", tmp.resolve("nope.yaml").toString(), "--out", out.toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("nope.yaml: no such file"), missing.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void malformedPolicyFileExitsTwoNamingFileLineAndField() throws Exception {
    Path policy = tmp.resolve("bad.yaml");
    Files.writeString(policy, "name: bad\nretention:\n  days: -5\n");
    Path out = tmp.resolve("report");
    Outcome bad = run("run", "--world", "../worlds/default.yaml", "--policy", policy.toString(), "--out", out.toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("bad.yaml:3"), bad.err());
    assertTrue(bad.err().contains("retention.days must be a positive number of days, not -5"), bad.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownKeyInPolicyFileIsNamedWithItsLine() throws Exception {
    Path policy = tmp.resolve("typo.yaml");
    Files.writeString(policy, "name: typo\nretention:\n  days: 30\nforwardingAllowd: false\n");
    Outcome bad = run("run", "--world", "../worlds/default.yaml", "--policy", policy.toString(), "--out", tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("typo.yaml:4"), bad.err());
    assertTrue(bad.err().contains("unknown key 'forwardingAllowd'"), bad.err());
  }

  @Test
  void wrongTypeInPolicyFileIsNamed() throws Exception {
    Path policy = tmp.resolve("type.yaml");
    Files.writeString(policy, "name: type\nretention:\n  days: sixty\n");
    Outcome bad = run("run", "--world", "../worlds/default.yaml", "--policy", policy.toString(), "--out", tmp.resolve("r").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("type.yaml:3"), bad.err());
    assertTrue(bad.err().contains("field 'retention.days'"), bad.err());
  }

  @Test
  void unwritableOutputFolderIsRefusedBeforeAnyWork() throws Exception {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    Outcome bad = run("run", "--world", "../worlds/default.yaml", "--policy", "../policies/status-quo-2019.yaml",
        "--out", file.resolve("report").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("cannot write the report to"), bad.err());
  }

  @Test
  void unreachableBrokerIsAClearErrorWithinThirtySecondsNotAHang() {
    long started = System.nanoTime();
    Outcome down = run("run", "--world", "../worlds/default.yaml", "--policy", "../policies/status-quo-2019.yaml",
        "--bootstrap-servers", "localhost:1", "--out", tmp.resolve("r").toString());
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(1, down.exitCode());
    assertTrue(down.err().contains("no Kafka broker answered at localhost:1 within 30 s"), down.err());
    assertTrue(seconds < 45, "gave up after " + seconds + " s");
    assertFalse(Files.exists(tmp.resolve("r")));
  }
}
