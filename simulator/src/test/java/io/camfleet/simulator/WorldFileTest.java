package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.config.ConfigException;
import io.camfleet.simulator.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** World files are read strictly: every shipped world loads, and a mistake names its file, line and field. */
class WorldFileTest {
  @TempDir Path dir;

  private Path defaultWorldWith(String from, String to) throws IOException {
    String text = Files.readString(Worlds.file("default"));
    if (!text.contains(from)) {
      throw new IllegalStateException("the default world has no '" + from + "'");
    }
    Path file = dir.resolve("world.yaml");
    Files.writeString(file, text.replace(from, to));
    return file;
  }

  private static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new IllegalStateException(text);
  }

  @Test
  void readsEveryShippedWorld() {
    record Headline(String name, int cameras, int days, LocalDate start, int agencies) {}
    List<Headline> expected = List.of(
        new Headline("default", 150, 100, LocalDate.of(2019, 6, 1), 5),
        new Headline("fort-lauderdale-2018", 1200, 153, LocalDate.of(2018, 5, 1), 4),
        new Headline("county-2019", 20_000, 120, LocalDate.of(2019, 1, 1), 6),
        new Headline("fleet-100k", 100_000, 90, LocalDate.of(2019, 3, 1), 6));
    List<Headline> read = expected.stream()
        .map(h -> Worlds.read(h.name()))
        .map(w -> new Headline(w.name(), w.cameras(), w.days(), w.start(), w.agencies().size()))
        .toList();
    assertEquals(expected, read);
  }

  @Test
  void negativeDaysAreRefusedNamingTheField() throws IOException {
    Path file = defaultWorldWith("days: 100 ", "days: -5 ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(file + ":" + lineOf(file, "days: -5") + ":1: field 'days': days must be a positive number of days, not -5",
        e.getMessage());
  }

  @Test
  void unknownKeyIsRefusedWithItsLine() throws IOException {
    Path file = defaultWorldWith("  optOutProbability: 0.15", "  optOutProbability: 0.15\n  optOutProbabilty: 0.15");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(file + ":" + lineOf(file, "optOutProbabilty") + ":3: field 'fleet.optOutProbabilty': unknown key 'optOutProbabilty'",
        e.getMessage());
  }

  @Test
  void probabilityAboveOneIsRefusedNamingTheField() throws IOException {
    Path file = defaultWorldWith("optOutProbability: 0.15", "optOutProbability: 1.5");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(file + ":" + lineOf(file, "optOutProbability: 1.5")
        + ":3: field 'fleet.optOutProbability': fleet.optOutProbability must be a probability between 0 and 1, not 1.5",
        e.getMessage());
  }

  @Test
  void missingKeyIsRefusedNamingIt() throws IOException {
    Path file = defaultWorldWith("  optOutProbability: 0.15", "");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    // The key is absent, so the place given is its record's key, fleet, at line start.
    assertEquals(file + ":" + lineOf(file, "fleet:") + ":1: field 'fleet.optOutProbability': required but missing", e.getMessage());
  }

  @Test
  void textWhereANumberBelongsIsRefused() throws IOException {
    Path file = defaultWorldWith("cameras: 150 ", "cameras: many ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals("cameras", e.field());
    assertEquals(lineOf(file, "cameras: many"), e.line());
  }

  @Test
  void badDateIsRefused() throws IOException {
    Path file = defaultWorldWith("start: 2019-06-01", "start: 2019-06-31");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals("start", e.field());
    assertEquals(lineOf(file, "start: 2019-06-31"), e.line());
  }

  @Test
  void jurisdictionMustNameAnAgency() throws IOException {
    Path file = defaultWorldWith("jurisdiction: county-sheriff\n      activity: {quiet-street: 0.5",
        "jurisdiction: nobody\n      activity: {quiet-street: 0.5");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(file + ":" + e.line() + ":" + e.column()
        + ": county.neighbourhoods.oak-hills.jurisdiction names no agency: 'nobody'", e.getMessage());
  }

  @Test
  void overridesReplaceSeedCamerasAndDaysOnly() {
    World world = Worlds.read("default");
    World changed = world.withSeed(7).withCameras(50).withDays(3);
    assertEquals(List.of(7L, 50, 3), List.of(changed.seed(), changed.cameras(), changed.days()));
    assertEquals(world.county(), changed.county());
    assertEquals(world.requests(), changed.requests());
  }

  @Test
  void moreCamerasThanHouseholdsAreRefused() {
    World world = Worlds.read("default");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> world.withCameras(1_000_000));
    assertEquals("cameras: 1000000 cameras need as many households, but the county has 27750", e.getMessage());
  }
}
