package io.camfleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandIT {
  private static final Pattern MEASURED_ROW = Pattern.compile("^\\| (\\d) \\| [^|]+ \\| [\\d,.]+ [^|]+ \\|.*");

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void tinyBenchWritesEveryRowWithANumber() throws Exception {
    Path results = dir.resolve("results.md");
    Path root = Path.of("..").toAbsolutePath().normalize();
    int code = new CommandLine(new BenchCommand()).execute(
        "--size", "tiny", "--out", results.toString(),
        "--world", root.resolve("worlds/default.yaml").toString(),
        "--policy", root.resolve("policies/status-quo-2019.yaml").toString());

    assertEquals(0, code);
    String text = Files.readString(results);
    List<String> items = text.lines().filter(l -> MEASURED_ROW.matcher(l).matches()).map(l -> l.substring(2, 3)).toList();
    assertEquals(List.of("1", "2", "3", "3", "3", "3", "4"), items);
    assertTrue(text.contains("cores"), "names the machine's cores");
    assertTrue(text.contains("GiB memory"), "names the machine's memory");
    assertTrue(text.contains("- date: "), "carries the date");
    assertTrue(text.contains("item 5 (fleet-100k end to end) was not run"), "says item 5 was not run");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void itemsChoosesTheRowsAndTheOthersAreNotRun() throws Exception {
    Path results = dir.resolve("some.md");
    Path root = Path.of("..").toAbsolutePath().normalize();
    int code = new CommandLine(new BenchCommand()).execute(
        "--size", "tiny", "--items", "2,4", "--out", results.toString(),
        "--world", root.resolve("worlds/default.yaml").toString(),
        "--policy", root.resolve("policies/status-quo-2019.yaml").toString());

    assertEquals(0, code);
    List<String> items = Files.readString(results).lines()
        .filter(l -> MEASURED_ROW.matcher(l).matches()).map(l -> l.substring(2, 3)).toList();
    assertEquals(List.of("2", "4"), items);
  }
}
