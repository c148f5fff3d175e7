package io.camfleet.simulator.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.Answer;
import io.camfleet.avro.CameraInstalled;
import io.camfleet.avro.CameraMapped;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world's stages and reported practices, on worlds/ring-2019-2025.yaml: agencies join along the
 * partner counts, owners opt out only once they can, a local-only agency never forwards to a
 * federal one, selective sharing sends its share of the window's clips, device maps and reported
 * refusals; and a world that leaves the new keys out runs as before.
 */
class WorldStagesTest {
  private static final Path WORLDS = Path.of("..", "worlds").toAbsolutePath().normalize();
  private static final long DAY = 86_400_000L;

  record Event(String key, int partition, WorldEvent event) {
    long time() {
      return event.getEventTime();
    }

    Object body() {
      return event.getEvent();
    }
  }

  private static World ring;
  private static List<Event> stream;

  @TempDir Path dir;

  @BeforeAll
  static void runRing() {
    ring = World.read(WORLDS.resolve("ring-2019-2025.yaml"));
    stream = run(ring);
  }

  static List<Event> run(World world) {
    List<Event> events = new ArrayList<>();
    new Generator(world, 0, 1, Topics.DEFAULT_WORLD_PARTITIONS)
        .run((key, p, e) -> events.add(new Event(key, p, WorldEvent.newBuilder(e).build())));
    return events;
  }

  private static <T> List<T> all(List<Event> events, Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Event e : events) {
      if (type.isInstance(e.body())) {
        found.add(type.cast(e.body()));
      }
    }
    return found;
  }

  private static long millis(String date) {
    return LocalDate.parse(date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private World ringWith(String from, String to) throws IOException {
    String text = Files.readString(WORLDS.resolve("ring-2019-2025.yaml"));
    if (!text.contains(from)) {
      throw new IllegalStateException("the ring world has no '" + from + "'");
    }
    Path file = dir.resolve("world.yaml");
    Files.writeString(file, text.replace(from, to));
    return World.read(file);
  }

  @Test
  void partnerCountsScaleToTheWorldsAgenciesAndGrowInAStraightLineBetweenDates() {
    World.Partners partners =
        new World.Partners(
            List.of(
                new World.PartnerCount(LocalDate.parse("2020-01-01"), 1),
                new World.PartnerCount(LocalDate.parse("2020-01-11"), 2)));
    // two agencies: the first joins at the first count (1 of 2 rounds to one agency), the second
    // when the count, growing from 1 to 2 over ten days, reaches 1.5: five days later
    assertArrayEquals(
        new long[] {millis("2020-01-01"), millis("2020-01-06")}, partners.joinTimes(2));
    // four agencies: 2 at the first date, then 2.5 after two and a half days, 3.5 after seven and
    // a half
    assertArrayEquals(
        new long[] {
          millis("2020-01-01"),
          millis("2020-01-01"),
          millis("2020-01-03") + DAY / 2,
          millis("2020-01-08") + DAY / 2
        },
        partners.joinTimes(4));
  }

  @Test
  void ringAgenciesJoinAlongTheReportedCounts() {
    long[] joined = ring.joinTimes();
    List<String> ids = ring.agencies().stream().map(World.Agency::id).toList();
    assertEquals(
        List.of(
            "city-pd",
            "bay-pd",
            "campus-pd",
            "county-sheriff",
            "township-pd",
            "state-police",
            "fbi"),
        ids);
    // 401 of 2,014 is one of five agencies on 2019-08-01; 600 rounds to one still, so the second
    // joins just after 2019-11-01, the rest through 2020, all before the 2021 count
    assertEquals(millis("2019-08-01"), joined[0]);
    assertTrue(joined[1] > millis("2019-11-01") && joined[1] < millis("2019-11-03"));
    for (int a = 2; a < 5; a++) {
      assertTrue(joined[a] > joined[a - 1] && joined[a] < millis("2021-01-01"), ids.get(a));
    }
    assertEquals(Long.MAX_VALUE, joined[5]);
    assertEquals(Long.MAX_VALUE, joined[6]);
  }

  @Test
  void noAgencyIssuesARequestBeforeItJoinsAndEveryPartnerIssuesSome() {
    long[] joined = ring.joinTimes();
    Map<String, Long> joinOf = new HashMap<>();
    for (int a = 0; a < joined.length; a++) {
      joinOf.put(ring.agencies().get(a).id(), joined[a]);
    }
    Map<String, Long> first = new TreeMap<>();
    for (PoliceRequest p : all(stream, PoliceRequest.class)) {
      assertTrue(p.getIssuedAt() >= joinOf.get(p.getAgencyId()), p.toString());
      first.merge(p.getAgencyId(), p.getIssuedAt(), Math::min);
    }
    assertEquals(
        new TreeSet<>(List.of("bay-pd", "campus-pd", "city-pd", "county-sheriff", "township-pd")),
        first.keySet());
    assertTrue(first.get("city-pd") < joinOf.get("bay-pd"), "city-pd asks before bay-pd joins");
  }

  @Test
  void nobodyIsOptedOutBeforeTheOptOutExistsAndTheNotifiedAreExactlyThoseNotYetOptedOut() {
    Cameras cameras = new Cameras(ring, Topics.DEFAULT_WORLD_PARTITIONS, "");
    long available = millis("2020-01-01");
    int optingOut = 0;
    for (int c = 0; c < cameras.count; c++) {
      if (cameras.optOutAt[c] != Long.MAX_VALUE) {
        optingOut++;
        assertTrue(cameras.optOutAt[c] >= available, "camera " + c);
        assertTrue(cameras.optOutAt[c] >= cameras.installAt[c], "camera " + c);
      }
    }
    assertTrue(optingOut > 0, "some owners opt out");
    for (CameraInstalled i : all(stream, CameraInstalled.class)) {
      int c = Integer.parseInt(i.getCameraId().substring(4));
      assertEquals(cameras.optOutAt[c] <= cameras.installAt[c], i.getOptedOutOfRequests());
    }
    Map<String, PoliceRequest> requests = new HashMap<>();
    all(stream, PoliceRequest.class).forEach(p -> requests.put(p.getRequestId(), p));
    Map<String, TreeSet<Integer>> notified = new HashMap<>();
    for (RequestNotification n : all(stream, RequestNotification.class)) {
      notified
          .computeIfAbsent(n.getRequestId(), r -> new TreeSet<>())
          .add(Integer.parseInt(n.getCameraId().substring(4)));
    }
    int laterOptedOutButNotified = 0;
    for (PoliceRequest p : requests.values()) {
      TreeSet<Integer> expected = new TreeSet<>();
      for (int c = 0; c < cameras.count; c++) {
        double d = cameras.distance(c, p.getXMiles(), p.getYMiles());
        if (d * d <= p.getRadiusMiles() * p.getRadiusMiles() + 1e-12
            && cameras.installAt[c] <= p.getIssuedAt()
            && cameras.optOutAt[c] > p.getIssuedAt()) {
          expected.add(c);
          if (cameras.optOutAt[c] != Long.MAX_VALUE) {
            laterOptedOutButNotified++;
          }
        }
      }
      assertEquals(
          expected, notified.getOrDefault(p.getRequestId(), new TreeSet<>()), p.toString());
    }
    assertTrue(laterOptedOutButNotified > 0, "owners who opt out later were emailed before");
  }

  @Test
  void aLocalOnlyAgencyNeverForwardsToAFederalAgencyWhileOthersDo() throws IOException {
    // every partnered agency local-only: no federal forward comes from any of them
    String text = Files.readString(WORLDS.resolve("ring-2019-2025.yaml"));
    text = text.replace("    forwarding: local-only", "");
    text =
        text.replace("    requests: {perDay", "    forwarding: local-only\n    requests: {perDay");
    Path file = dir.resolve("all-local.yaml");
    Files.writeString(file, text);
    World everyLocal = World.read(file);
    Map<String, Long> byHolderType = federalForwards(stream, List.of("bay-pd"));
    Map<String, Long> none =
        federalForwards(
            run(everyLocal),
            List.of("city-pd", "bay-pd", "campus-pd", "county-sheriff", "township-pd"));
    assertEquals(0L, byHolderType.get("fromLocalOnly"));
    assertEquals(0L, none.get("fromLocalOnly"));
    assertTrue(none.get("forwards") > 0, "local-only agencies still forward locally");
    assertTrue(byHolderType.get("federal") > 0, "others forward to federal agencies");
  }

  /** Forwards, federal forwards, and federal forwards whose sender is one of {@code localOnly}. */
  private static Map<String, Long> federalForwards(List<Event> events, List<String> localOnly) {
    Map<String, String> holderOfCopy = new HashMap<>();
    long forwards = 0;
    long federal = 0;
    long fromLocalOnly = 0;
    for (Event e : events) {
      if (e.body() instanceof ClipShared s && s.getChannel() == ShareChannel.POLICE_REQUEST) {
        holderOfCopy.put(s.getCopyId(), s.getRecipientId());
      } else if (e.body() instanceof CopyMade c && c.getKind() == CopyKind.FORWARD) {
        holderOfCopy.put(c.getCopyId(), c.getHolderId());
        forwards++;
        if (c.getHolderType() == HolderType.FEDERAL_AGENCY) {
          federal++;
          if (localOnly.contains(holderOfCopy.get(c.getParentCopyId()))) {
            fromLocalOnly++;
          }
        }
      }
    }
    return Map.of("forwards", forwards, "federal", federal, "fromLocalOnly", fromLocalOnly);
  }

  @Test
  void anOwnerWhoSharesSendsTheGivenShareOfTheWindowsClipsFromItsDate() throws IOException {
    World whole =
        ringWith(
            "  shareFractionOfWindowClips: 0.5   # share of the window's clips an owner who shares sends (at least one); chosen\n"
                + "  selectiveSharingFrom: 2019-11-01",
            "");
    Map<String, List<String>> all = policeShares(run(whole));
    Map<String, List<String>> chosen = policeShares(stream);
    Map<String, Long> answeredAt = new HashMap<>();
    for (Event e : stream) {
      if (e.body() instanceof RequestAnswer a && a.getAnswer() == Answer.SHARED) {
        answeredAt.put(a.getRequestId() + "/" + a.getCameraId(), e.time());
      }
    }
    assertEquals(all.keySet(), chosen.keySet());
    long from = millis("2019-11-01");
    int selective = 0;
    for (Map.Entry<String, List<String>> e : all.entrySet()) {
      List<String> window = e.getValue();
      List<String> sent = chosen.get(e.getKey());
      int expected =
          answeredAt.get(e.getKey()) >= from
              ? (int) Math.max(1, Math.round(0.5 * window.size()))
              : window.size();
      assertEquals(expected, sent.size(), e.getKey());
      assertTrue(window.containsAll(sent), e.getKey());
      selective += sent.size() < window.size() ? 1 : 0;
    }
    assertTrue(selective > 0, "some owners send part of the window");
    for (RequestAnswer a : all(stream, RequestAnswer.class)) {
      List<String> sent = chosen.getOrDefault(a.getRequestId() + "/" + a.getCameraId(), List.of());
      assertEquals(sent.size(), (int) a.getClipsShared(), a.toString());
    }
  }

  /** The clips of each police share, by request and camera, in stream order. */
  private static Map<String, List<String>> policeShares(List<Event> events) {
    Map<String, List<String>> shares = new TreeMap<>();
    for (ClipShared s : all(events, ClipShared.class)) {
      if (s.getChannel() == ShareChannel.POLICE_REQUEST) {
        shares
            .computeIfAbsent(
                s.getRequest().getRequestId() + "/" + s.getCameraId(), k -> new ArrayList<>())
            .add(s.getClipId());
      }
    }
    return shares;
  }

  @Test
  void aDeviceMapNamesEveryCameraInstalledByItsDateInTheAgencysArea() {
    Cameras cameras = new Cameras(ring, Topics.DEFAULT_WORLD_PARTITIONS, "");
    long at = millis("2019-12-01");
    List<String> expected = new ArrayList<>();
    for (int c = 0; c < cameras.count; c++) {
      if (cameras.installAt[c] <= at
          && cameras.jurisdictions.get(cameras.neighbourhood[c]).equals("city-pd")) {
        expected.add(cameras.ids[c] + " " + cameras.households[c] + " city-pd @" + at);
      }
    }
    List<String> mapped = new ArrayList<>();
    for (Event e : stream) {
      if (e.body() instanceof CameraMapped m) {
        assertEquals(m.getCameraId(), e.key());
        assertEquals(-1, e.partition());
        mapped.add(
            m.getCameraId() + " " + m.getHouseholdId() + " " + m.getAgencyId() + " @" + e.time());
      }
    }
    assertFalse(expected.isEmpty());
    assertEquals(expected, mapped);
  }

  @Test
  void answersCarryTheRequestsTermsTheDistanceAndWhetherARefusalWasReported() {
    Map<String, RequestNotification> notes = new HashMap<>();
    for (RequestNotification n : all(stream, RequestNotification.class)) {
      notes.put(n.getRequestId() + "/" + n.getCameraId(), n);
      assertTrue(
          n.getCameraDistanceMiles() >= 0 && n.getCameraDistanceMiles() <= n.getRadiusMiles());
    }
    List<RequestAnswer> answers = all(stream, RequestAnswer.class);
    assertEquals(notes.size(), answers.size());
    for (RequestAnswer a : answers) {
      RequestNotification n = notes.get(a.getRequestId() + "/" + a.getCameraId());
      assertEquals(
          List.of(n.getWindowStart(), n.getWindowEnd(), n.getIssuedAt()),
          List.of(a.getWindowStart(), a.getWindowEnd(), a.getIssuedAt()));
      assertEquals(n.getRadiusMiles(), a.getRadiusMiles());
      assertEquals(n.getCameraDistanceMiles(), a.getCameraDistanceMiles());
      assertEquals(a.getAnswer() != Answer.SHARED, a.getRefusalReported(), a.toString());
    }
  }

  @Test
  void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() {
    List<WorldEvent> first = events(stream);
    assertEquals(first, events(run(ring)));
    assertNotEquals(first, events(run(ring.withSeed(2020))));
  }

  private static List<WorldEvent> events(List<Event> events) {
    return events.stream().map(Event::event).toList();
  }

  @Test
  void aWorldGivingTheNewKeysTheirDefaultsRunsExactlyAsOneWithout() throws IOException {
    String text = Files.readString(WORLDS.resolve("default.yaml"));
    String plain = text;
    String explicit =
        text.replace("  lapseDays: 7 ", "  shareFractionOfWindowClips: 1.0\n  lapseDays: 7 ")
            + "\nportal:\n  refusalsReported: false\n  deviceMaps: []\n";
    assertNotEquals(plain, explicit);
    Path a = dir.resolve("a.yaml");
    Path b = dir.resolve("b.yaml");
    Files.writeString(a, plain);
    Files.writeString(b, explicit);
    World without = World.read(a).withDays(30);
    World with = World.read(b).withDays(30);
    assertEquals(events(run(without)), events(run(with)));
  }

  @Test
  void requestsSpreadBelowTheMinimaAndAboveTheMaximaOf2021BeforeAndAfterItsStart() {
    long june2021 = Instant.parse("2021-06-03T00:00:00Z").toEpochMilli();
    int[] counts = new int[8];
    for (PoliceRequest p : all(stream, PoliceRequest.class)) {
      int after = p.getIssuedAt() >= june2021 ? 4 : 0;
      long window = p.getWindowEnd() - p.getWindowStart();
      double area = Math.PI * p.getRadiusMiles() * p.getRadiusMiles();
      counts[after] += window < 15 * 60_000L ? 1 : 0;
      counts[after + 1] += window > 12 * 3_600_000L ? 1 : 0;
      counts[after + 2] += area < 0.025 ? 1 : 0;
      counts[after + 3] += area > 0.5 ? 1 : 0;
    }
    for (int i = 0; i < counts.length; i++) {
      assertTrue(counts[i] > 0, "kind " + i + " of " + java.util.Arrays.toString(counts));
    }
  }
}
