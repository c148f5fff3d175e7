package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scenario runner starts the services through their public entry points and knows none of their
 * internals.
 */
class LabBoundaryTest {
  @Test
  void labImportsNoServicesTopologyClass() throws IOException {
    try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
      List<String> imports =
          sources
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(LabBoundaryTest::lines)
              .filter(line -> line.matches("import io\\.camfleet\\.[a-z]+\\.topology\\..*"))
              .toList();
      assertEquals(List.of(), imports);
    }
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::strip);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
