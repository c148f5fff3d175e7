package io.camfleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandIT {
  private static final Pattern MEASURED_ROW =
      Pattern.compile("^\\| (\\d) \\| [^|]+ \\| [\\d,.]+ [^|]+ \\|.*");

  // a log line of Kafka's: its logger names, however logback abbreviates them
  private static final Pattern KAFKA_LINE =
      Pattern.compile("(WARN|INFO) .*\\b(o|org)\\.(a|apache)\\.(k|kafka)\\.");

  @TempDir Path dir;

  // what the last bench printed on standard error
  private String console = "";

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void tinyBenchWritesEveryRowWithANumber() throws Exception {
    String text = tinyBench("results.md");
    assertEquals(
        List.of("1", "1", "2", "3", "3", "3", "3", "3", "3", "3", "3", "4"), measuredItems(text));
    assertTrue(
        text.contains("| retention-service / Streams count by key, exactly_once_v2 |"),
        "compares the retention service with the counting application");
    assertTrue(
        text.contains("| sharing-service / Streams count by key, at_least_once |"),
        "compares the sharing service with the counting application");
    assertTrue(
        text.contains(
            "| simulator to Kafka / ProducerPerformance, fleet-100k, first day (200 cameras) |"),
        "publishes the fleet world's slice");
    assertTrue(text.contains("cores"), "names the machine's cores");
    assertTrue(text.contains("GiB memory"), "names the machine's memory");
    assertTrue(text.contains("- date: "), "carries the date");
    assertTrue(
        text.contains("item 5 (fleet-100k end to end) was not run"), "says item 5 was not run");

    // the console: where the log goes, a line per step up to 100 %, and where the results went
    Path log = dir.resolve("results.log");
    List<String> lines = console.lines().toList();
    assertEquals("camfleet bench: log in " + log, lines.get(0));
    List<String> steps = lines.stream().filter(l -> l.startsWith("bench: ")).toList();
    int total = BenchProgress.steps(Set.of(1, 2, 3, 4), BenchSize.TINY);
    for (int i = 0; i < total; i++) {
      assertTrue(
          steps.get(i).startsWith("bench: " + (i + 1) + " of " + total + " steps done ("),
          steps.get(i));
    }
    assertTrue(steps.get(total - 1).contains("(100%), ETA 0:00 | 4. "), steps.get(total - 1));
    assertTrue(steps.get(total).startsWith("bench: results in " + dir.resolve("results.md")));
    // the broker's and the clients' own lines went to the log, not to the console
    assertFalse(KAFKA_LINE.matcher(console).find(), console);
    assertFalse(console.contains("Kafka broker up at"), console);
    String logged = Files.readString(log);
    assertTrue(logged.contains("Kafka broker up at"), logged);
    assertTrue(KAFKA_LINE.matcher(logged).find(), "Kafka's own lines in " + log);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void itemsChoosesTheRowsAndTheOthersAreNotRun() throws Exception {
    assertEquals(List.of("2", "4"), measuredItems(tinyBench("some.md", "--items", "2,4")));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void keepsWhatWasMeasuredApartBelowTheMarkerAndReplacesTheRest() throws Exception {
    String apart = BenchCommand.KEPT_BELOW + "\n\n## Measured apart\n\n- 1.43 x\n";
    Files.writeString(dir.resolve("kept.md"), "# old table\n\n" + apart);

    String text = tinyBench("kept.md", "--items", "2");

    assertEquals(List.of("2"), measuredItems(text));
    assertFalse(text.contains("# old table"), text);
    assertTrue(text.endsWith("\n" + apart), text);
  }

  /**
   * Runs {@code bench --size tiny} with the repository's default world and policy; returns the
   * results file.
   */
  private String tinyBench(String resultsName, String... options) throws Exception {
    Path results = dir.resolve(resultsName);
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--size",
                "tiny",
                "--out",
                results.toString(),
                "--world",
                root.resolve("worlds/default.yaml").toString(),
                "--policy",
                root.resolve("policies/status-quo-2019.yaml").toString(),
                "--fleet-world",
                root.resolve("worlds/fleet-100k.yaml").toString()));
    args.addAll(List.of(options));
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, new CommandLine(new BenchCommand()).execute(args.toArray(String[]::new)));
    } finally {
      System.setErr(stderr);
      console = captured.toString(StandardCharsets.UTF_8);
      stderr.print(console);
    }
    return Files.readString(results);
  }

  private static List<String> measuredItems(String results) {
    return results
        .lines()
        .filter(l -> MEASURED_ROW.matcher(l).matches())
        .map(l -> l.substring(2, 3))
        .toList();
  }
}
