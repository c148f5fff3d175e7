package io.camfleet.retention.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the command refuses before it contacts Kafka, and what its help says. */
class RetentionServiceCommandTest {

  @Test
  void refusesAnUnknownProcessingGuaranteeNamingTheOptionAndTheAcceptedValues() {
    StringWriter err = new StringWriter();

    int exit =
        run(
            err,
            new StringWriter(),
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--bootstrap-servers",
            "localhost:1",
            "--processing-guarantee",
            "exactly_once");

    assertEquals(2, exit);
    assertEquals(
        "retention-service: --processing-guarantee must be exactly_once_v2 or at_least_once, not 'exactly_once'\n",
        err.toString());
  }

  @Test
  void helpNamesTheDefaultStateFolderAndResetState() {
    StringWriter out = new StringWriter();

    assertEquals(0, run(new StringWriter(), out, "--help"));

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
  void helpNamesPort8082AsTheDefaultForMetrics() {
    StringWriter out = new StringWriter();

    assertEquals(0, run(new StringWriter(), out, "--help"));

    assertTrue(
        out.toString()
            .replaceAll("\\s+", " ")
            .contains("--http-port=N Port of the HTTP endpoints (default: 8082;"),
        out.toString());
  }

  private static int run(StringWriter err, StringWriter out, String... args) {
    CommandLine command = new CommandLine(new RetentionServiceCommand());
    command.setErr(new PrintWriter(err, true));
    command.setOut(new PrintWriter(out, true));
    return command.execute(args);
  }
}
