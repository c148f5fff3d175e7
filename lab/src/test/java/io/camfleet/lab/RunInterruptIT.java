package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on {@code camfleet run}, as a person would press it: SIGINT to a run in its own JVM, whose
 * temporary folder is one of the test's own, during the simulation and during the services'
 * catch-up. The run says what it stopped, exits 130, and leaves no camfleet folder behind.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunInterruptIT {
  /** A world whose simulation and catch-up each last long enough to be interrupted in. */
  private static final String[] WORLD = {
    "--world", "../worlds/default.yaml", "--policy", "../policies/status-quo-2019.yaml", "--cameras", "1500"
  };

  @TempDir Path tmp;

  @Test
  void sigintDuringTheSimulationStopsCleanlyAndRemovesEveryTemporaryFolder() throws Exception {
    List<String> output = interruptAfter("Services running:");
    assertTrue(output.contains("camfleet run: interrupted during the simulation: stopped the services and the broker,"
        + " removed the temporary folders; no report written (log: " + out().resolve("run.log") + ")"), String.join("\n", output));
    assertNothingLeftBehind();
  }

  @Test
  void sigintDuringTheCatchUpStopsCleanlyAndRemovesEveryTemporaryFolder() throws Exception {
    List<String> output = interruptAfter("Simulated ");
    assertTrue(output.contains("camfleet run: interrupted during the services' catch-up: stopped the services and the"
        + " broker, removed the temporary folders; no report written (log: " + out().resolve("run.log") + ")"),
        String.join("\n", output));
    assertNothingLeftBehind();
  }

  private Path temp() {
    return tmp.resolve("java-tmp");
  }

  private Path out() {
    return tmp.resolve("out").toAbsolutePath().normalize();
  }

  /** Runs the world, sends SIGINT once a line starts with {@code marker}, and returns every line it printed. */
  private List<String> interruptAfter(String marker) throws Exception {
    Files.createDirectories(temp());
    List<String> args = new ArrayList<>(List.of("run", "--out", out().toString()));
    args.addAll(List.of(WORLD));
    Process run = ChildJvm.startPiped(1024, List.of("-Djava.io.tmpdir=" + temp()), args.toArray(String[]::new));
    List<String> lines = new ArrayList<>();
    boolean sent = false;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
        if (!sent && line.startsWith(marker)) {
          signal(run, "INT");
          sent = true;
        }
      }
    }
    assertTrue(sent, "never saw '" + marker + "':\n" + String.join("\n", lines));
    assertEquals(ExitCodes.INTERRUPTED, run.waitFor(), String.join("\n", lines));
    return lines;
  }

  private void assertNothingLeftBehind() throws IOException {
    try (var left = Files.list(temp())) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("camfleet")).toList());
    }
    assertTrue(Files.notExists(out().resolve("report.json")), "no report of an interrupted run");
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }
}
