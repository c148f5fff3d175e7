package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C, as a person would press it: SIGINT to a command in its own JVM whose temporary folder is
 * one of the test's own. {@code run} is interrupted during the simulation and during the services'
 * catch-up, {@code simulate} while it writes a file. Each says what it stopped, exits 130 and
 * leaves no camfleet folder and no partial file behind.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunInterruptIT {
  /**
   * A world whose simulation and catch-up each last long enough to be interrupted in: ten times the
   * default world's cameras, whose events the simulator publishes several times faster than the
   * services process them, over a third of its days (more would only lengthen the simulation the
   * catch-up test waits through).
   */
  private static final List<String> WORLD =
      List.of(
          "--world",
          "../worlds/default.yaml",
          "--policy",
          "../policies/status-quo-2019.yaml",
          "--cameras",
          "1500",
          "--days",
          "33");

  @TempDir Path tmp;

  @BeforeEach
  void ownTemporaryFolder() throws IOException {
    Files.createDirectories(temp());
  }

  @Test
  void sigintDuringTheSimulationStopsCleanlyAndRemovesEveryTemporaryFolder() throws Exception {
    ChildJvm.Outcome run = interruptRunAfter("Services running:");
    assertEquals(ExitCode.INTERRUPTED.code(), run.exitCode(), run.text());
    assertTrue(
        run.lines()
            .contains(
                "camfleet run: interrupted during the simulation: stopped the services and the broker,"
                    + " removed the temporary folders; no report written (log: "
                    + out().resolve("run.log")
                    + ")"),
        run.text());
    assertNothingLeftBehind();
  }

  @Test
  void sigintDuringTheCatchUpStopsCleanlyAndRemovesEveryTemporaryFolder() throws Exception {
    ChildJvm.Outcome run = interruptRunAfter("Simulated ");
    assertEquals(ExitCode.INTERRUPTED.code(), run.exitCode(), run.text());
    assertTrue(
        run.lines()
            .contains(
                "camfleet run: interrupted during the services' catch-up: stopped the services and"
                    + " the broker, removed the temporary folders; no report written (log: "
                    + out().resolve("run.log")
                    + ")"),
        run.text());
    assertNothingLeftBehind();
  }

  @Test
  void sigintWhileSimulatingToAFileLeavesNoFileAndNoPart() throws Exception {
    Path file = out().resolve("events.avro");
    Files.createDirectories(out());
    // progress lines start with the bar; the first comes a few seconds in
    ChildJvm.Outcome simulate =
        ChildJvm.interruptAfter(
            "[",
            jvmOptions(),
            "simulate",
            "--world",
            "../worlds/default.yaml",
            "--cameras",
            "20000",
            "--out-file",
            file.toString());
    assertEquals(ExitCode.INTERRUPTED.code(), simulate.exitCode(), simulate.text());
    assertTrue(
        simulate
            .lines()
            .contains(
                "camfleet simulate: interrupted: stopped the simulation; no file written ("
                    + file
                    + " is as it was)"),
        simulate.text());
    try (var left = Files.list(out())) {
      assertEquals(List.of(), left.toList());
    }
    assertNothingLeftBehind();
  }

  private Path temp() {
    return tmp.resolve("java-tmp");
  }

  private Path out() {
    return tmp.resolve("out").toAbsolutePath().normalize();
  }

  private List<String> jvmOptions() {
    return List.of("-Djava.io.tmpdir=" + temp());
  }

  private ChildJvm.Outcome interruptRunAfter(String marker) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "--out", out().toString()));
    args.addAll(WORLD);
    return ChildJvm.interruptAfter(marker, jvmOptions(), args.toArray(String[]::new));
  }

  private void assertNothingLeftBehind() throws IOException {
    try (var left = Files.list(temp())) {
      assertEquals(
          List.of(),
          left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("camfleet")).toList());
    }
    assertTrue(Files.notExists(out().resolve("report.json")), "no report of an interrupted run");
  }
}
