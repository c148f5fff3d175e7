package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.config.ConfigException;
import io.camfleet.simulator.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * World files are read strictly: every shipped world loads, and a mistake names its file, line and
 * field.
 */
class WorldFileTest {
  @TempDir Path dir;

  private Path defaultWorldWith(String from, String to) throws IOException {
    return shippedWorldWith("default", from, to);
  }

  /** A copy of a shipped world with {@code from} replaced by {@code to}. */
  private Path shippedWorldWith(String name, String from, String to) throws IOException {
    String text = Files.readString(Worlds.file(name));
    if (!text.contains(from)) {
      throw new IllegalStateException("the " + name + " world has no '" + from + "'");
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
    List<Headline> expected =
        List.of(
            new Headline("default", 150, 100, LocalDate.of(2019, 6, 1), 5),
            new Headline("fort-lauderdale-2018", 1200, 153, LocalDate.of(2018, 5, 1), 4),
            new Headline("county-2019", 20_000, 120, LocalDate.of(2019, 1, 1), 6),
            new Headline("fleet-100k", 100_000, 90, LocalDate.of(2019, 3, 1), 6));
    List<Headline> read =
        expected.stream()
            .map(h -> Worlds.read(h.name()))
            .map(w -> new Headline(w.name(), w.cameras(), w.days(), w.start(), w.agencies().size()))
            .toList();
    assertEquals(expected, read);
  }

  @Test
  void negativeDaysAreRefusedNamingTheField() throws IOException {
    Path file = defaultWorldWith("days: 100 ", "days: -5 ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "days: -5")
            + ":1: field 'days': days must be a positive number of days, not -5",
        e.getMessage());
  }

  @Test
  void unknownKeyIsRefusedWithItsLine() throws IOException {
    Path file =
        defaultWorldWith(
            "  optOutProbability: 0.15", "  optOutProbability: 0.15\n  optOutProbabilty: 0.15");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "optOutProbabilty")
            + ":3: field 'fleet.optOutProbabilty': unknown key 'optOutProbabilty';"
            + " expected one of installedAtStart, adoptionMidpointDay, adoptionScaleDays, optOutProbability, feedMemberProbability,"
            + " regions, optOut",
        e.getMessage());
  }

  @Test
  void misspelledRequiredKeyIsUnknownRatherThanMissing() throws IOException {
    Path file = defaultWorldWith("days: 100 ", "dayz: 100 ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "dayz: 100")
            + ":1: field 'dayz': unknown key 'dayz'; expected one of name,"
            + " description, seed, start, days, cameras, tickMinutes, county, agencies, fleet, activity, clips, requests, residents,"
            + " feed, forwarding, legalHolds, partners, portal",
        e.getMessage());
  }

  @Test
  void refusesDuplicateKeyNamingItsLineAndTheFirst() throws IOException {
    Path file = defaultWorldWith("cameras: 150 ", "cameras: 150\ncameras: 200 ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "cameras: 200")
            + ":1: field 'cameras': duplicated key 'cameras', first given on line "
            + lineOf(file, "cameras: 150"),
        e.getMessage());
  }

  @Test
  void refusesDuplicateKeyInsideAListItem() throws IOException {
    Path file =
        defaultWorldWith(
            "      jurisdiction: county-sheriff\n      activity: {quiet-street: 0.5, cul-de-sac: 0.5}",
            "      jurisdiction: county-sheriff\n      jurisdiction: metro-pd\n      activity: {quiet-street: 0.5, cul-de-sac: 0.5}");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + (lineOf(file, "jurisdiction: county-sheriff") + 1)
            + ":7: field 'county.neighbourhoods.oak-hills.jurisdiction':"
            + " duplicated key 'jurisdiction', first given on line "
            + lineOf(file, "jurisdiction: county-sheriff"),
        e.getMessage());
  }

  @Test
  void probabilityAboveOneIsRefusedNamingTheField() throws IOException {
    Path file = defaultWorldWith("optOutProbability: 0.15", "optOutProbability: 1.5");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "optOutProbability: 1.5")
            + ":3: field 'fleet.optOutProbability': fleet.optOutProbability must be a probability between 0 and 1, not 1.5",
        e.getMessage());
  }

  @Test
  void missingKeyIsRefusedNamingIt() throws IOException {
    Path file = defaultWorldWith("  optOutProbability: 0.15", "");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    // The key is absent, so the place given is its record's key, fleet, at line start.
    assertEquals(
        file
            + ":"
            + lineOf(file, "fleet:")
            + ":1: field 'fleet.optOutProbability': required but missing",
        e.getMessage());
  }

  @Test
  void textWhereANumberBelongsIsRefused() throws IOException {
    Path file = defaultWorldWith("cameras: 150 ", "cameras: many ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "cameras: many")
            + ":1: field 'cameras': 'many' is not a whole number",
        e.getMessage());
  }

  @Test
  void impossibleDateIsNotAValidDate() throws IOException {
    Path file = defaultWorldWith("start: 2019-06-01", "start: 2019-02-30");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "start: 2019-02-30")
            + ":1: field 'start': '2019-02-30' is not a valid date; expected YYYY-MM-DD, e.g. 2019-06-01",
        e.getMessage());
  }

  @Test
  void dateInWordsIsNotAValidDateInsideAnAgency() throws IOException {
    Path file = defaultWorldWith("partneredFrom: 2019-06-21", "partneredFrom: June 21st");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "partneredFrom: June 21st")
            + ":5: field 'agencies.county-sheriff.partneredFrom':"
            + " 'June 21st' is not a valid date; expected YYYY-MM-DD, e.g. 2019-06-01",
        e.getMessage());
  }

  @Test
  void unknownAgencyKindListsTheKindsAsWritten() throws IOException {
    Path file =
        defaultWorldWith(
            "kind: federal\n    forwardWeight: 0.5          # chosen; reporting",
            "kind: city\n    forwardWeight: 0.5          # chosen; reporting");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "kind: city")
            + ":5: field 'agencies.fbi.kind': 'city' is not one of local, federal",
        e.getMessage());
  }

  @Test
  void unknownJurisdictionIsReportedAtItsOwnLineListingTheAgencies() throws IOException {
    Path file =
        defaultWorldWith(
            "jurisdiction: metro-pd\n      activity: {busy-street: 0.8",
            "jurisdiction: metro-pdx\n      activity: {busy-street: 0.8");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "jurisdiction: metro-pdx")
            + ":7: field 'county.neighbourhoods.downtown.jurisdiction':"
            + " 'metro-pdx' is not the id of an agency; expected one of metro-pd, county-sheriff, state-police, fbi, ice",
        e.getMessage());
  }

  @Test
  void unknownActivityProfileIsReportedAtItsKey() throws IOException {
    Path file = defaultWorldWith("activity: {busy-street: 0.8,", "activity: {busy-streets: 0.8,");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "busy-streets")
            + ":18: field 'county.neighbourhoods.downtown.activity.busy-streets':"
            + " 'busy-streets' is not an activity profile; expected one of busy-street, cul-de-sac, quiet-street",
        e.getMessage());
  }

  @Test
  void repeatedAgencyIdIsReportedWhereItRepeats() throws IOException {
    Path file = defaultWorldWith("  - id: state-police", "  - id: metro-pd");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + (lineOf(file, "name: State Police") - 1)
            + ":5: field 'agencies.metro-pd.id':"
            + " 'metro-pd' is already the id of another agency",
        e.getMessage());
  }

  @Test
  void partnerWithoutHouseholdsInItsJurisdictionIsReportedAtItsRequests() throws IOException {
    String text =
        Files.readString(Worlds.file("default"))
            .replace("jurisdiction: county-sheriff", "jurisdiction: metro-pd");
    Path file = dir.resolve("world.yaml");
    Files.writeString(file, text);
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "requests: {perDay: 0.25}")
            + ":5: field 'agencies.county-sheriff.requests':"
            + " the agency sends requests, but no neighbourhood with households lies in its jurisdiction",
        e.getMessage());
  }

  @Test
  void shortHourlyListNamesItsActivityProfile() throws IOException {
    Path file =
        defaultWorldWith("hourly: [0.5, 0.5, 0.5, 0.5, 0.5, 1,", "hourly: [0.5, 0.5, 0.5, 0.5, 1,");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "hourly: [0.5, 0.5, 0.5, 0.5, 1,")
            + ":5: field 'activity.quiet-street.hourly':"
            + " hourly must list 24 weights, one per hour from midnight, not 23",
        e.getMessage());
  }

  @Test
  void negativeAreaCornerNamesTheCoordinate() throws IOException {
    Path file = defaultWorldWith("area: {x: 0.0, y: 1.0,", "area: {x: -1.0, y: 1.0,");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "x: -1.0")
            + ":14: field 'county.neighbourhoods.oak-hills.area.x':"
            + " x must be a non-negative number of miles, not -1.0",
        e.getMessage());
  }

  @Test
  void neighbourhoodIdThatIsNotKebabCaseIsReportedAtTheId() throws IOException {
    Path file = defaultWorldWith("id: riverside", "id: River Side");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "id: River Side")
            + ":7: field 'county.neighbourhoods.River Side.id':"
            + " id must be lower-case letters, digits and '-' (kebab-case), not 'River Side'",
        e.getMessage());
  }

  @Test
  void daysBeyondAMillionAreRefused() throws IOException {
    Path file = defaultWorldWith("days: 100 ", "days: 2000000 ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        file
            + ":"
            + lineOf(file, "days: 2000000")
            + ":1: field 'days': days must be at most 1,000,000, not 2000000",
        e.getMessage());
  }

  @Test
  void onlyFleetsOfHundredsOfThousandsOfCamerasGetFewerDays() {
    assertEquals(
        List.of(1_000_000, 1_000_000, 814_453, 12_725),
        List.of(
            World.maxDays(1),
            World.maxDays(150),
            World.maxDays(100_000),
            World.maxDays(World.MAX_CAMERAS)));
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
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> world.withCameras(1_000_000));
    assertEquals(
        "cameras: 1000000 cameras need as many households, but the county has 27750",
        e.getMessage());
  }

  /** A problem at {@code key} on the first line holding {@code lineText}: "file:line:column". */
  private static String at(Path file, String lineText, String key) throws IOException {
    int line = lineOf(file, lineText);
    return file + ":" + line + ":" + (Files.readAllLines(file).get(line - 1).indexOf(key) + 1);
  }

  private Path ringWorldWith(String from, String to) throws IOException {
    return shippedWorldWith("ring-2019-2025", from, to);
  }

  @Test
  void readsTheRingWorldWithItsStages() {
    World ring = Worlds.read("ring-2019-2025");
    assertEquals(
        List.of(LocalDate.of(2019, 7, 1), 2376, 16, 7, 3),
        List.of(
            ring.start(),
            ring.days(),
            ring.cameras(),
            ring.agencies().size(),
            ring.partners().joined().size()));
    assertEquals(LocalDate.of(2026, 1, 1), LocalDate.ofInstant(ring.horizon(), ZoneOffset.UTC));
  }

  @Test
  void partneredFromBesidePartnerCountsIsRefusedAtTheAgency() throws IOException {
    Path file =
        ringWorldWith(
            "    kind: local\n    requests: {perDay: 0.05}",
            "    kind: local\n    partneredFrom: 2019-08-01\n    requests: {perDay: 0.05}");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "partneredFrom: 2019-08-01", "partneredFrom")
            + ": field 'agencies.bay-pd.partneredFrom': partners.joined decides when partnered"
            + " agencies join; give no partneredFrom",
        e.getMessage());
  }

  @Test
  void requestsWithoutAJoinDateAreRefusedAtTheAgency() throws IOException {
    Path file = defaultWorldWith("    partneredFrom: 2019-06-21 ", "   ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "requests: {perDay: 0.25}", "requests")
            + ": field 'agencies.county-sheriff.requests': give both partneredFrom and requests"
            + " for a partnered agency, or neither",
        e.getMessage());
  }

  @Test
  void partnerCountsOutOfDateOrderAreRefused() throws IOException {
    Path file = ringWorldWith("{from: 2019-11-01, count: 600}", "{from: 2019-07-01, count: 600}");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "  joined:", "joined")
            + ": field 'partners.joined': count 2 is dated 2019-07-01, not after the count"
            + " before it (2019-08-01); list the counts by ascending date",
        e.getMessage());
  }

  @Test
  void aNegativePartnerCountIsRefusedAtItsItem() throws IOException {
    Path file = ringWorldWith("count: 401}", "count: -401}");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "count: -401", "count")
            + ": field 'partners.joined[0].count': count must be a non-negative number of"
            + " agencies, not -401",
        e.getMessage());
  }

  @Test
  void anOptOutUptakeAboveOneIsRefused() throws IOException {
    Path file = ringWorldWith("uptakePerYear: 0.4 ", "uptakePerYear: 1.4 ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "uptakePerYear: 1.4", "uptakePerYear")
            + ": field 'fleet.optOut.uptakePerYear': fleet.optOut.uptakePerYear must be a share"
            + " above 0 and at most 1, not 1.4",
        e.getMessage());
  }

  @Test
  void noClipsSharedIsNotSelectiveSharing() throws IOException {
    Path file =
        ringWorldWith("shareFractionOfWindowClips: 0.5 ", "shareFractionOfWindowClips: 0.0 ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "shareFractionOfWindowClips: 0.0", "shareFractionOfWindowClips")
            + ": field 'residents.shareFractionOfWindowClips':"
            + " residents.shareFractionOfWindowClips must be a share above 0 and at most 1, not 0.0",
        e.getMessage());
  }

  @Test
  void aSelectiveSharingDateWithoutAShareIsRefused() throws IOException {
    Path file =
        ringWorldWith("shareFractionOfWindowClips: 0.5 ", "shareFractionOfWindowClips: 1.0 ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "selectiveSharingFrom:", "selectiveSharingFrom")
            + ": field 'residents.selectiveSharingFrom': it dates selective sharing, so give"
            + " residents.shareFractionOfWindowClips below 1 too",
        e.getMessage());
  }

  @Test
  void aDeviceMapForAnUnknownAgencyIsRefused() throws IOException {
    Path file = ringWorldWith("agency: city-pd}", "agency: city-police}");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "  deviceMaps:", "deviceMaps")
            + ": field 'portal.deviceMaps': map 1 names agency 'city-police', which is not the id"
            + " of an agency; expected one of city-pd, bay-pd, campus-pd, county-sheriff,"
            + " township-pd, state-police, fbi",
        e.getMessage());
  }

  @Test
  void anUnknownForwardingPracticeListsThePractices() throws IOException {
    Path file = ringWorldWith("forwarding: local-only ", "forwarding: state-only ");
    ConfigException e = assertThrows(ConfigException.class, () -> World.read(file));
    assertEquals(
        at(file, "forwarding: state-only", "forwarding")
            + ": field 'agencies.bay-pd.forwarding': 'state-only' is not one of any, local-only",
        e.getMessage());
  }
}
