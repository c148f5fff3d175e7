package io.camfleet.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.WorldEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The compatibility rule of the contract: every kept older version of a record and its current
 * schema read each other (Avro's backward and forward rules), so old records reach new services and
 * new records reach old ones.
 */
class SchemaHistoryTest {
  private static final Path AVRO = Path.of("src/main/avro");

  @Test
  void everyKeptVersionAndTheCurrentSchemaReadEachOther() throws IOException {
    List<Schema> contract = contract();
    assertTrue(
        contract.stream().anyMatch(s -> s.getFullName().equals("io.camfleet.avro.WorldEvent")),
        "contract read");
    List<String> problems = new ArrayList<>();
    for (Schema current : contract) {
      for (Schema older : AvroSerde.SchemaHistory.olderVersionsOf(current)) {
        problems.addAll(bothWays(current, older));
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void addingOrRemovingAFieldWithADefaultKeepsBothWays() {
    Schema current = WorldEvent.getClassSchema();
    String json = current.toString();
    String request =
        ",{\"name\":\"request\",\"type\":[\"null\",\"RequestTerms\"],\"default\":null}";
    assertTrue(json.contains(request), json);
    Schema withoutRequest = new Schema.Parser().parse(json.replace(request, ""));

    assertEquals(List.of(), bothWays(current, withoutRequest));
  }

  @Test
  void addingAFieldWithoutADefaultBreaksOneWayAndSaysWhere() {
    Schema current = WorldEvent.getClassSchema();
    String size = "{\"name\":\"sizeBytes\",\"type\":\"long\"}";
    Schema newer =
        new Schema.Parser()
            .parse(
                current
                    .toString()
                    .replace(size, size + ",{\"name\":\"motionScore\",\"type\":\"double\"}"));

    assertEquals(
        List.of(
            "io.camfleet.avro.WorldEvent: the current schema cannot read a kept version:"
                + " READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1/type/1[ClipRecorded]/fields/7: motionScore"),
        bothWays(newer, current));
  }

  private static List<String> bothWays(Schema current, Schema older) {
    List<String> problems = new ArrayList<>();
    for (String p : WriterSchemaStore.problemsReading(current, older)) {
      problems.add(current.getFullName() + ": the current schema cannot read a kept version: " + p);
    }
    for (String p : WriterSchemaStore.problemsReading(older, current)) {
      problems.add(current.getFullName() + ": a kept version cannot read the current schema: " + p);
    }
    return problems;
  }

  /**
   * Every top-level record of the contract, parsed as the build parses it (world-event.avsc first).
   */
  private static List<Schema> contract() throws IOException {
    Schema.Parser parser = new Schema.Parser();
    List<Schema> schemas = new ArrayList<>();
    schemas.add(parser.parse(AVRO.resolve("world-event.avsc").toFile()));
    try (Stream<Path> files = Files.list(AVRO)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        if (!file.getFileName().toString().equals("world-event.avsc")) {
          schemas.add(parser.parse(file.toFile()));
        }
      }
    }
    return schemas;
  }
}
