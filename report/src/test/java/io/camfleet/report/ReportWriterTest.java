package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path temp;

  /**
   * Every file and folder under a folder, relative to it, with file contents: the whole state on
   * disk.
   */
  private static Map<String, String> tree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      Map<String, String> tree = new TreeMap<>();
      for (Path path : paths.filter(p -> !p.equals(root)).toList()) {
        tree.put(
            root.relativize(path).toString(),
            Files.isDirectory(path) ? "<folder>" : Files.readString(path, StandardCharsets.UTF_8));
      }
      return tree;
    }
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> paths = Files.list(folder)) {
      return paths.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void writesTheReportFilesIntoANewFolderAndLeavesNoTemporaryFolder() throws IOException {
    Path out = temp.resolve("reports").resolve("run-1");

    ReportWriter.write(Fixtures.twoPolicyReport(), out);

    assertEquals(
        List.of("daily.csv", "report.csv", "report.html", "report.json", "report.md"), names(out));
    assertEquals(List.of("run-1"), names(temp.resolve("reports")));
  }

  @Test
  void replacesAPreviousReportAndKeepsOtherFiles() throws IOException {
    Files.writeString(temp.resolve("report.json"), "old");
    Files.writeString(temp.resolve("notes.txt"), "mine");

    ReportWriter.write(Fixtures.twoPolicyReport(), temp);

    assertEquals(
        List.of("daily.csv", "notes.txt", "report.csv", "report.html", "report.json", "report.md"),
        names(temp));
    assertEquals("mine", Files.readString(temp.resolve("notes.txt")));
    assertTrue(Files.readString(temp.resolve("report.json")).startsWith("{\n  \"world\""));
  }

  @Test
  void failsNamingTheFolderWhenItIsARegularFile() throws IOException {
    Path out = temp.resolve("out");
    Files.writeString(out, "not a folder");

    IOException error =
        assertThrows(IOException.class, () -> ReportWriter.write(Fixtures.twoPolicyReport(), out));

    assertEquals(
        "cannot write the report into " + out + ": it exists and is not a folder",
        error.getMessage());
    assertEquals(Map.of("out", "not a folder"), tree(temp));
  }

  @Test
  void failsNamingTheFolderWhenItCannotBeCreated() throws IOException {
    Files.writeString(temp.resolve("parent"), "a file where a folder should be");
    Path out = temp.resolve("parent").resolve("out");

    IOException error =
        assertThrows(IOException.class, () -> ReportWriter.write(Fixtures.twoPolicyReport(), out));

    assertTrue(
        error.getMessage().startsWith("cannot create the report folder " + out + ": "),
        error.getMessage());
    assertEquals(Map.of("parent", "a file where a folder should be"), tree(temp));
  }

  @Test
  void restoresThePreviousFilesWhenAMoveFailsHalfway() throws IOException {
    Path out = temp.resolve("out");
    Files.createDirectories(out.resolve("report.csv"));
    Files.writeString(out.resolve("report.csv").resolve("keep.txt"), "in the way");
    Files.writeString(out.resolve("report.json"), "previous json");
    Map<String, String> before = tree(temp);

    IOException error =
        assertThrows(IOException.class, () -> ReportWriter.write(Fixtures.twoPolicyReport(), out));

    // report.json and report.md were already in place when report.csv failed; both are undone
    assertTrue(
        error
            .getMessage()
            .startsWith("cannot write the report into " + out + ", left it as it was: "),
        error.getMessage());
    assertEquals(before, tree(temp));
  }

  @Test
  void failsNamingTheFolderWhenItsParentIsNotWritable() {
    // even root cannot create folders in /proc, so this holds whoever runs the build (on Linux)
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    Path out = Path.of("/proc/camfleet-report-test");

    IOException error =
        assertThrows(IOException.class, () -> ReportWriter.write(Fixtures.twoPolicyReport(), out));

    assertTrue(
        error.getMessage().startsWith("cannot create the report folder " + out + ": "),
        error.getMessage());
    assertEquals(false, Files.exists(out));
  }
}
