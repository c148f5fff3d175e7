package io.camfleet.sharing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SharingServiceCommandTest {
  @TempDir Path dir;

  @Test
  void exitsWith2AndNamesTheFieldForBadPolicyFile() throws Exception {
    Path policy = dir.resolve("bad.yaml");
    Files.writeString(policy, "name: bad\nretention:\n  days: -5\n");
    StringWriter err = new StringWriter();

    int exit = run(err, "--policy", policy.toString(), "--bootstrap-servers", "localhost:1");

    assertEquals(2, exit);
    assertEquals(
        "sharing-service: "
            + policy
            + ":3:3: field 'retention.days': retention.days must be a positive number of days, not -5\n",
        err.toString());
  }

  @Test
  void exitsWith2ForUnknownProcessingGuarantee() {
    StringWriter err = new StringWriter();

    int exit =
        run(
            err,
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--bootstrap-servers",
            "localhost:1",
            "--processing-guarantee",
            "exactly_once");

    assertEquals(2, exit);
    assertEquals(
        "sharing-service: --processing-guarantee must be exactly_once_v2 or at_least_once, not 'exactly_once'\n",
        err.toString());
  }

  @Test
  void helpNamesTheDefaultStateFolderAndResetState() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new SharingServiceCommand());
    command.setOut(new PrintWriter(out, true));

    assertEquals(0, command.execute("--help"));

    String help = out.toString();
    assertTrue(
        help.contains(
            System.getProperty("java.io.tmpdir")
                + File.separator
                + "kafka-streams, Kafka Streams' default"),
        help);
    assertTrue(help.contains("--reset-state"), help);
  }

  @Test
  void exitsWith2ForZeroThreads() {
    StringWriter err = new StringWriter();

    int exit =
        run(
            err,
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--bootstrap-servers",
            "localhost:1",
            "--threads",
            "0");

    assertEquals(2, exit);
    assertEquals("sharing-service: --threads must be 1 or more, not 0\n", err.toString());
  }

  @Test
  void helpNamesAnyFreePortAsTheDefaultForTheCustodyApi() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new SharingServiceCommand());
    command.setOut(new PrintWriter(out, true));

    assertEquals(0, command.execute("--help"));

    assertTrue(
        out.toString()
            .replaceAll("\\s+", " ")
            .contains("--http-port=N Port of the HTTP endpoints (default: 0;"),
        out.toString());
  }

  private static int run(StringWriter err, String... args) {
    CommandLine command = new CommandLine(new SharingServiceCommand());
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }
}
