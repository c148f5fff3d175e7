package io.camfleet.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.PendingStats;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.policy.Retention;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.retention.topology.RetentionTopology;
import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.streams.RepartitionTopic;
import io.camfleet.streams.RepartitionTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTopologyTest {
  private static final Instant DAY_0 = Instant.parse("2019-06-01T10:00:00Z");
  private static final Duration SIXTY_DAYS = Duration.ofDays(60);
  private static final Policy STATUS_QUO =
      new Policy(
          "status-quo",
          null,
          new Retention(60, Map.of("EU", 30), Retention.SharedOriginals.EXEMPT),
          null,
          null,
          null,
          null);
  private static final Policy EXPIRE_ON_TIME =
      new Policy(
          "expire-on-time",
          null,
          new Retention(60, null, Retention.SharedOriginals.EXPIRE_ON_TIME),
          null,
          null,
          null,
          null);
  private static final Policy THIRTY_DAYS =
      new Policy("thirty-days", null, new Retention(30, null, null), null, null, null, null);

  @TempDir Path stateDir;

  private TopologyTestDriver driver(Policy... policies) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "retention-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    List<PolicyRules> rules = java.util.Arrays.stream(policies).map(Policy::rules).toList();
    return new TopologyTestDriver(
        RetentionTopology.build(RetentionTopics.defaults(), rules, 1), props);
  }

  private static TestInputTopic<String, WorldEvent> input(TopologyTestDriver driver) {
    RetentionTopics t = RetentionTopics.defaults();
    return driver.createInputTopic(
        t.worldEvents().name(),
        t.worldEvents().keySerde().serializer(),
        t.worldEvents().valueSerde().serializer());
  }

  private static TestOutputTopic<String, RetentionReceipt> receipts(TopologyTestDriver driver) {
    RetentionTopics t = RetentionTopics.defaults();
    return driver.createOutputTopic(
        t.receipts().name(),
        t.receipts().keySerde().deserializer(),
        t.receipts().valueSerde().deserializer());
  }

  private static TestOutputTopic<String, DailyStats> stats(TopologyTestDriver driver) {
    RetentionTopics t = RetentionTopics.defaults();
    return driver.createOutputTopic(
        t.stats().name(),
        t.stats().keySerde().deserializer(),
        t.stats().valueSerde().deserializer());
  }

  private static void send(
      TestInputTopic<String, WorldEvent> in, String key, Instant at, Object event) {
    in.pipeInput(
        key, WorldEvent.newBuilder().setEventTime(at.toEpochMilli()).setEvent(event).build(), at);
  }

  private static void clipRecordedAt(
      TestInputTopic<String, WorldEvent> in, String clipId, Instant at) {
    clipRecordedAt(in, clipId, at, at, "US");
  }

  private static void clipRecordedAt(
      TestInputTopic<String, WorldEvent> in,
      String clipId,
      Instant recordedAt,
      Instant arrivesAt,
      String region) {
    send(
        in,
        "cam-1",
        arrivesAt,
        ClipRecorded.newBuilder()
            .setClipId(clipId)
            .setCameraId("cam-1")
            .setHouseholdId("home-1")
            .setRegion(region)
            .setRecordedAt(recordedAt.toEpochMilli())
            .setDurationSeconds(30)
            .setSizeBytes(1_000)
            .build());
  }

  private static void sharedWithPolice(
      TestInputTopic<String, WorldEvent> in, String clipId, Instant recordedAt, Instant at) {
    send(
        in,
        "cam-1",
        at,
        ClipShared.newBuilder()
            .setCopyId("copy-" + clipId)
            .setClipId(clipId)
            .setCameraId("cam-1")
            .setHouseholdId("home-1")
            .setClipRecordedAt(recordedAt.toEpochMilli())
            .setRegion("US")
            .setChannel(ShareChannel.POLICE_REQUEST)
            .setRecipientId("agency-1")
            .setHolderType(HolderType.REQUESTING_POLICE)
            .setAddressDisclosed(true)
            .setRequest(null)
            .build());
  }

  private static void tick(TestInputTopic<String, WorldEvent> in, Instant at, boolean last) {
    send(in, "tick-0", at, new ClockTick(0, last));
  }

  private static void hold(
      TestInputTopic<String, WorldEvent> in,
      String clipId,
      Instant recordedAt,
      Instant at,
      boolean placed) {
    send(
        in,
        "cam-1",
        at,
        new LegalHold("hold-1", clipId, "cam-1", recordedAt.toEpochMilli(), placed));
  }

  private static List<String> kinds(List<KeyValue<String, RetentionReceipt>> receipts) {
    return receipts.stream()
        .map(
            kv ->
                kv.key
                    + " "
                    + kv.value.getKind()
                    + " @"
                    + Instant.ofEpochMilli(kv.value.getDecidedAt()))
        .toList();
  }

  private static int entries(KeyValueStore<String, ?> store) {
    int n = 0;
    try (KeyValueIterator<String, ?> it = store.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  @Test
  void declaresEveryRepartitionTopicItWritesTo() {
    assertEquals(
        RepartitionTopics.describedIn(
            RetentionTopology.build(RetentionTopics.defaults(), List.of(STATUS_QUO.rules()), 4)),
        RetentionTopology.repartitionTopics().stream()
            .map(RepartitionTopic::describedName)
            .collect(Collectors.toSet()));
  }

  @Test
  void expiresClipExactlySixtyDaysAfterRecordingNotAMillisecondBefore() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-1", DAY_0);
      tick(in, DAY_0.plus(SIXTY_DAYS).minusMillis(1), false);
      assertEquals(List.of(), kinds(out.readKeyValuesToList()));

      tick(in, DAY_0.plus(SIXTY_DAYS), false);
      assertEquals(
          List.of("status-quo/clip-1 CLIP_EXPIRED @" + DAY_0.plus(SIXTY_DAYS)),
          kinds(out.readKeyValuesToList()));
    }
  }

  @Test
  void keepsSharedClipPastRetention() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-1", DAY_0);
      sharedWithPolice(in, "clip-1", DAY_0, DAY_0.plus(Duration.ofDays(3)));
      tick(in, DAY_0.plus(Duration.ofDays(200)), false);

      List<KeyValue<String, RetentionReceipt>> all = out.readKeyValuesToList();
      assertEquals(
          List.of("status-quo/clip-1 RETAINED_SHARED @" + DAY_0.plus(Duration.ofDays(3))),
          kinds(all));
      assertEquals(ShareChannel.POLICE_REQUEST, all.get(0).value.getChannel());
      assertEquals(null, all.get(0).value.getExpiresAt());
    }
  }

  @Test
  void refusesShareThatArrivesAfterTheClipExpired() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-1", DAY_0);
      sharedWithPolice(in, "clip-1", DAY_0, DAY_0.plus(SIXTY_DAYS).plusSeconds(5));

      assertEquals(
          List.of(
              "status-quo/clip-1 CLIP_EXPIRED @" + DAY_0.plus(SIXTY_DAYS),
              "status-quo/clip-1 SHARE_REFUSED @" + DAY_0.plus(SIXTY_DAYS).plusSeconds(5)),
          kinds(out.readKeyValuesToList()));
    }
  }

  /**
   * Between hourly passes: recorded ten minutes past the hour, so it falls due between two passes.
   */
  private static final Instant OFF_THE_HOUR = DAY_0.plus(Duration.ofMinutes(10));

  /**
   * Records clip-1 at {@link #OFF_THE_HOUR} and runs an expiry pass five minutes before it is due;
   * the next pass is not due for an hour. Returns the clip's due time.
   */
  private static Instant recordClipOneThenPassJustBeforeItIsDue(
      TestInputTopic<String, WorldEvent> in) {
    Instant due = OFF_THE_HOUR.plus(SIXTY_DAYS);
    clipRecordedAt(in, "clip-1", OFF_THE_HOUR);
    tick(in, due.minus(Duration.ofMinutes(5)), false);
    return due;
  }

  @Test
  void decidesAShareBetweenHourlyExpiryPassesOnTheClipAsItStandsAtTheSharesTime() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      Instant due = recordClipOneThenPassJustBeforeItIsDue(in);
      assertEquals(List.of(), kinds(out.readKeyValuesToList()));

      sharedWithPolice(in, "clip-1", OFF_THE_HOUR, due.plus(Duration.ofMinutes(10)));
      assertEquals(
          List.of(
              "status-quo/clip-1 CLIP_EXPIRED @" + due,
              "status-quo/clip-1 SHARE_REFUSED @" + due.plus(Duration.ofMinutes(10))),
          kinds(out.readKeyValuesToList()));
    }
  }

  @Test
  void theFinalTickExpiresEverythingDueBeforeItWithoutWaitingForTheHour() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      Instant due = recordClipOneThenPassJustBeforeItIsDue(in);
      clipRecordedAt(in, "clip-2", due.minus(Duration.ofMinutes(1)));
      assertEquals(List.of(), kinds(out.readKeyValuesToList()));

      tick(in, due.plus(Duration.ofMinutes(1)), true);
      assertEquals(
          List.of("status-quo/clip-1 CLIP_EXPIRED @" + due), kinds(out.readKeyValuesToList()));
      List<DailyStats> days = stats(driver).readValuesToList();
      DailyStats last = days.get(days.size() - 1);
      assertTrue(last.getLast());
      assertEquals(
          1L, last.getMeasures().get("clipsExpired"), "expired before the final day closed");
      assertEquals(1L, last.getMeasures().get("clipsAlive"));
    }
  }

  @Test
  void letsASharedOriginalExpireOnTimeWhenThePolicySaysSo() {
    try (TopologyTestDriver driver = driver(EXPIRE_ON_TIME)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-1", DAY_0);
      sharedWithPolice(in, "clip-1", DAY_0, DAY_0.plus(Duration.ofDays(1)));
      tick(in, DAY_0.plus(SIXTY_DAYS), false);
      assertEquals(
          List.of(
              "expire-on-time/clip-1 SHARE_RECORDED @" + DAY_0.plus(Duration.ofDays(1)),
              "expire-on-time/clip-1 CLIP_EXPIRED @" + DAY_0.plus(SIXTY_DAYS)),
          kinds(out.readKeyValuesToList()));
    }
  }

  @Test
  void tracksOutOfOrderClipsAndDeletesOverdueOnesOnArrival() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      tick(in, DAY_0.plus(Duration.ofDays(61)), false);
      // Late by a day, still within its period: tracked and expired at its own due time.
      clipRecordedAt(
          in, "clip-late", DAY_0.plus(Duration.ofDays(60)), DAY_0.plus(Duration.ofDays(61)), "US");
      // Late past its period: deleted as it arrives.
      clipRecordedAt(in, "clip-overdue", DAY_0, DAY_0.plus(Duration.ofDays(61)), "US");
      tick(in, DAY_0.plus(Duration.ofDays(120)), false);
      assertEquals(
          List.of(
              "status-quo/clip-overdue CLIP_EXPIRED @" + DAY_0.plus(Duration.ofDays(61)),
              "status-quo/clip-late CLIP_EXPIRED @" + DAY_0.plus(Duration.ofDays(120))),
          kinds(out.readKeyValuesToList()));
    }
  }

  @Test
  void twoPoliciesOnOneInputWriteTheirOwnReceipts() {
    try (TopologyTestDriver driver = driver(STATUS_QUO, THIRTY_DAYS)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-1", DAY_0);
      tick(in, DAY_0.plus(SIXTY_DAYS), false);
      assertEquals(
          List.of(
              "thirty-days/clip-1 CLIP_EXPIRED @" + DAY_0.plus(Duration.ofDays(30)),
              "status-quo/clip-1 CLIP_EXPIRED @" + DAY_0.plus(SIXTY_DAYS)),
          kinds(out.readKeyValuesToList()));
    }
  }

  @Test
  void onePassOverTwoRetentionPeriodsDecidesInDueOrderAndDeletesEachClipOnce() {
    try (TopologyTestDriver driver = driver(STATUS_QUO, THIRTY_DAYS)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-a", DAY_0);
      clipRecordedAt(in, "clip-b", DAY_0.plus(Duration.ofDays(31)));
      // one pass covers both clips under both periods: the 30-day and 60-day scans interleave
      tick(in, DAY_0.plus(Duration.ofDays(100)), false);
      assertEquals(
          List.of(
              "thirty-days/clip-a CLIP_EXPIRED @" + DAY_0.plus(Duration.ofDays(30)),
              "status-quo/clip-a CLIP_EXPIRED @" + DAY_0.plus(SIXTY_DAYS),
              "thirty-days/clip-b CLIP_EXPIRED @" + DAY_0.plus(Duration.ofDays(61)),
              "status-quo/clip-b CLIP_EXPIRED @" + DAY_0.plus(Duration.ofDays(91))),
          kinds(out.readKeyValuesToList()));
      assertEquals(0, entries(driver.getKeyValueStore("retention-clips-by-recording-time")));
    }
  }

  @Test
  void appliesTheRegionsOwnPeriod() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-eu", DAY_0, DAY_0, "EU");
      tick(in, DAY_0.plus(SIXTY_DAYS), false);
      assertEquals(
          List.of("status-quo/clip-eu CLIP_EXPIRED @" + DAY_0.plus(Duration.ofDays(30))),
          kinds(out.readKeyValuesToList()));
    }
  }

  @Test
  void leavesOnlyCursorsOpenDaysAndTotalsInTheStoresOnceEveryClipExpired() {
    try (TopologyTestDriver driver = driver(STATUS_QUO, THIRTY_DAYS)) {
      var in = input(driver);
      for (int i = 0; i < 5; i++) {
        clipRecordedAt(in, "clip-" + i, DAY_0.plus(Duration.ofHours(i)));
      }
      // one entry per clip for both policies
      assertEquals(5, entries(driver.getKeyValueStore("retention-clips-by-recording-time")));
      Instant now = DAY_0.plus(Duration.ofDays(61));
      tick(in, now, false);
      assertEquals(10, receipts(driver).readValuesToList().size());

      PendingStats totals =
          PendingStats.newBuilder()
              .setTotals(
                  measures(
                      "clipsRecorded", 5L,
                      "clipsExpired", 5L))
              .setReleasedThrough(Instant.parse("2019-07-31T00:00:00Z").toEpochMilli())
              .setReportedThrough(List.of(Instant.parse("2019-07-31T00:00:00Z").toEpochMilli()))
              .setDays(List.of())
              .build();
      assertEquals(
          Map.of(
              "retention-clips-by-recording-time",
              Map.of(),
              // per retention period, 30 and 60 days: the next scan starts after the clips due by
              // now; and the policies, in the order whose indexes the clip store's entries use
              "retention-expiry-cursors",
              Map.of(
                  "2592000000", now.minus(Duration.ofDays(30)).toEpochMilli() + 1,
                  "5184000000", now.minus(SIXTY_DAYS).toEpochMilli() + 1,
                  "policies:status-quo,thirty-days", 2L),
              "retention-day-deltas",
              Map.of("open-days", openDaysWithoutChanges(Instant.parse("2019-08-01T00:00:00Z"), 2)),
              "retention-service-stats-totals",
              Map.of("status-quo", totals, "thirty-days", totals)),
          contents(driver));
    }
  }

  /**
   * Each policy's open day in the day-deltas store's layout: its start, open, no change to any of
   * twelve measures.
   */
  private static List<Long> openDaysWithoutChanges(Instant dayStart, int policies) {
    List<Long> days = new ArrayList<>();
    for (int p = 0; p < policies; p++) {
      days.add(dayStart.toEpochMilli());
      days.add(0L);
      // the day's changes, then the changes at the instant it ends
      days.addAll(Collections.nCopies(2 * 12, 0L));
    }
    return days;
  }

  /** Every state store's entries by name, an array of longs as a list. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<Object, Object>> contents(TopologyTestDriver driver) {
    Map<String, Map<Object, Object>> stores = new TreeMap<>();
    driver
        .getAllStateStores()
        .forEach(
            (name, store) -> {
              Map<Object, Object> entries = new TreeMap<>();
              try (KeyValueIterator<Object, Object> it =
                  ((KeyValueStore<Object, Object>) store).all()) {
                it.forEachRemaining(
                    kv ->
                        entries.put(
                            kv.key,
                            kv.value instanceof long[] values
                                ? Arrays.stream(values).boxed().toList()
                                : kv.value));
              }
              stores.put(name, entries);
            });
    return stores;
  }

  @Test
  void holdKeepsAClipPastItsPeriodUntilReleased() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-1", DAY_0);
      hold(in, "clip-1", DAY_0, DAY_0.plus(Duration.ofDays(10)), true);
      tick(in, DAY_0.plus(Duration.ofDays(90)), false);
      hold(in, "clip-1", DAY_0, DAY_0.plus(Duration.ofDays(100)), false);
      assertEquals(
          List.of(
              "status-quo/clip-1 HOLD_PLACED @" + DAY_0.plus(Duration.ofDays(10)),
              "status-quo/clip-1 EXPIRY_HELD @" + DAY_0.plus(SIXTY_DAYS),
              "status-quo/clip-1 HOLD_RELEASED @" + DAY_0.plus(Duration.ofDays(100)),
              "status-quo/clip-1 CLIP_EXPIRED @" + DAY_0.plus(Duration.ofDays(100))),
          kinds(out.readKeyValuesToList()));
      assertEquals(0, entries(driver.getKeyValueStore("retention-clips-by-recording-time")));
    }
  }

  @Test
  void holdReleasedBeforeThePeriodEndsChangesNothing() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      var out = receipts(driver);
      clipRecordedAt(in, "clip-1", DAY_0);
      hold(in, "clip-1", DAY_0, DAY_0.plus(Duration.ofDays(1)), true);
      hold(in, "clip-1", DAY_0, DAY_0.plus(Duration.ofDays(2)), false);
      tick(in, DAY_0.plus(SIXTY_DAYS), false);
      assertEquals(
          List.of(
              "status-quo/clip-1 HOLD_PLACED @" + DAY_0.plus(Duration.ofDays(1)),
              "status-quo/clip-1 HOLD_RELEASED @" + DAY_0.plus(Duration.ofDays(2)),
              "status-quo/clip-1 CLIP_EXPIRED @" + DAY_0.plus(SIXTY_DAYS)),
          kinds(out.readKeyValuesToList()));
    }
  }

  @Test
  void finalStatisticsBalanceRecordedAgainstExpiredExemptAndAlive() {
    try (TopologyTestDriver driver = driver(STATUS_QUO)) {
      var in = input(driver);
      clipRecordedAt(in, "clip-expires", DAY_0);
      clipRecordedAt(in, "clip-shared", DAY_0.plus(Duration.ofHours(1)));
      sharedWithPolice(
          in, "clip-shared", DAY_0.plus(Duration.ofHours(1)), DAY_0.plus(Duration.ofDays(2)));
      clipRecordedAt(in, "clip-young", DAY_0.plus(Duration.ofDays(50)));
      Instant horizon = DAY_0.plus(Duration.ofDays(70));
      tick(in, horizon, true);

      List<DailyStats> days = stats(driver).readValuesToList();
      DailyStats last = days.get(days.size() - 1);
      assertTrue(last.getLast());
      assertEquals(71, days.size(), "one record per simulated day from DAY_0 to the horizon");
      assertEquals(3L, last.getMeasures().get("clipsRecorded"));
      assertEquals(1L, last.getMeasures().get("clipsExpired"));
      assertEquals(1L, last.getMeasures().get("clipsExemptByShare"));
      assertEquals(1L, last.getMeasures().get("clipsAlive"));
      assertEquals(2_000L, last.getMeasures().get("liveBytes"));
      assertEquals("2019-08-10", last.getDay());
    }
  }

  /**
   * A clip shared twice, one never shared and one still young, under a policy that exempts shared
   * originals and one that expires them on time: every share of a stored original and every stored
   * clip counts under both, whatever the first share did to the original.
   */
  @Test
  void countsEveryShareOfAStoredOriginalAndEveryStoredClipWhetherSharesExemptOrNot() {
    try (TopologyTestDriver driver = driver(STATUS_QUO, EXPIRE_ON_TIME)) {
      var in = input(driver);
      clipRecordedAt(in, "clip-shared-twice", DAY_0);
      clipRecordedAt(in, "clip-unshared", DAY_0.plus(Duration.ofHours(1)));
      sharedWithPolice(in, "clip-shared-twice", DAY_0, DAY_0.plus(Duration.ofDays(1)));
      sharedWithPolice(in, "clip-shared-twice", DAY_0, DAY_0.plus(Duration.ofDays(2)));
      clipRecordedAt(in, "clip-young", DAY_0.plus(Duration.ofDays(50)));
      tick(in, DAY_0.plus(Duration.ofDays(70)), true);

      Map<String, Map<String, Long>> finalMeasures = new TreeMap<>();
      for (DailyStats day : stats(driver).readValuesToList()) {
        if (day.getLast()) {
          finalMeasures.put(day.getPolicy(), day.getMeasures());
        }
      }
      assertEquals(
          Map.of(
              "status-quo",
              finalMeasures(
                  // exempt by its first share: out of clipsAlive, still stored
                  1, 1, 1000L * 2, 1, 2, 2),
              "expire-on-time",
              finalMeasures(0, 2, 1000L, 2, 2, 1)),
          finalMeasures);
    }
  }

  /** The final measures of three clips recorded, one still young at the end, no hold. */
  private static Map<String, Long> finalMeasures(
      long exempt,
      long expired,
      long liveBytes,
      long sharesRecorded,
      long sharesOfStoredOriginals,
      long clipsStored) {
    return measures(
        "clipsRecorded", 3L,
        "clipsExpired", expired,
        "clipsExemptByShare", exempt,
        "clipsAlive", 1L,
        "liveBytes", liveBytes,
        "sharesRecorded", sharesRecorded,
        "sharesOfStoredOriginals", sharesOfStoredOriginals,
        "clipsStored", clipsStored);
  }

  /** Every retention measure: each name given then its value, the others zero. */
  private static Map<String, Long> measures(Object... nameThenValue) {
    Map<String, Long> measures = new TreeMap<>();
    RetentionMeasure.names().forEach(name -> measures.put(name, 0L));
    for (int i = 0; i < nameThenValue.length; i += 2) {
      String name = (String) nameThenValue[i];
      if (!measures.containsKey(name)) {
        throw new IllegalArgumentException("not a retention measure: " + name);
      }
      measures.put(name, (Long) nameThenValue[i + 1]);
    }
    return measures;
  }
}
