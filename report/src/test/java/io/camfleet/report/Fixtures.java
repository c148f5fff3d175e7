package io.camfleet.report;

import io.camfleet.avro.DailyStats;
import io.camfleet.schemas.stats.StatsService;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made daily statistics of two policies over a three-day world, as the services would write
 * them.
 */
final class Fixtures {
  static final LocalDate DAY_1 = LocalDate.parse("2019-01-01");
  static final LocalDate DAY_2 = LocalDate.parse("2019-01-02");
  static final LocalDate DAY_3 = LocalDate.parse("2019-01-03");

  static final WorldInfo TINY_TOWN =
      new WorldInfo("tiny-town", 42L, 12, 3, "2019-01-01", "worlds/tiny-town.yaml", "a".repeat(64));

  static final PolicyInfo STATUS_QUO =
      new PolicyInfo(
          "status-quo-2019",
          "60 days; shared clips exempt; copies kept indefinitely.",
          "policies/status-quo-2019.yaml",
          "b".repeat(64));

  static final PolicyInfo EU_30_DAYS =
      new PolicyInfo(
          "eu-30-days",
          "30-day retention everywhere, \"strict\", no exceptions.",
          "policies/eu-30-days.yaml",
          "c".repeat(64));

  static final String VERSION = "0.1.0-TEST";

  private Fixtures() {}

  /** Epoch milliseconds at which a simulated day closes: the next midnight, UTC. */
  static long endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  static DailyStats retention(PolicyInfo policy, LocalDate day, boolean last, Object... measures) {
    return stats(policy.name(), StatsService.RETENTION.id(), day, last, measures);
  }

  static DailyStats sharing(PolicyInfo policy, LocalDate day, boolean last, Object... measures) {
    return stats(policy.name(), StatsService.SHARING.id(), day, last, measures);
  }

  /**
   * A record of {@code service} as it writes them: every measure it writes, 0 unless given as a
   * name, then its value. A name the service does not write fails; a service that does not exist
   * gets the given measures only.
   */
  static DailyStats stats(
      String policy, String service, LocalDate day, boolean last, Object... measures) {
    Map<String, Long> map = new LinkedHashMap<>();
    StatsService known =
        Arrays.stream(StatsService.values())
            .filter(s -> s.id().equals(service))
            .findFirst()
            .orElse(null);
    if (known != null) {
      known.keys().forEach(key -> map.put(key.wireName(), 0L));
    }
    for (int i = 0; i < measures.length; i += 2) {
      String name =
          known == null ? (String) measures[i] : known.key((String) measures[i]).wireName();
      map.put(name, ((Number) measures[i + 1]).longValue());
    }
    return DailyStats.newBuilder()
        .setPolicy(policy)
        .setService(service)
        .setDay(day.toString())
        .setDayEnd(endOf(day))
        .setLast(last)
        .setMeasures(map)
        .build();
  }

  static final DailyStats STATUS_QUO_RETENTION_1 =
      retention(STATUS_QUO, DAY_1, false, "clipsRecorded", 10, "clipsAlive", 10, "liveBytes", 1000);
  static final DailyStats STATUS_QUO_RETENTION_2 =
      retention(
          STATUS_QUO,
          DAY_2,
          false,
          "clipsRecorded",
          20,
          "clipsExpired",
          4,
          "clipsExemptByShare",
          1,
          "clipsAlive",
          15,
          "liveBytes",
          1500,
          "sharesRecorded",
          2,
          "holdsPlaced",
          1,
          "expiryHeld",
          1);
  static final DailyStats STATUS_QUO_RETENTION_3 =
      retention(
          STATUS_QUO,
          DAY_3,
          true,
          "clipsRecorded",
          30,
          "clipsExpired",
          12,
          "clipsExemptByShare",
          2,
          "clipsAlive",
          16,
          "liveBytes",
          1600,
          "sharesRecorded",
          3,
          "sharesOfStoredOriginals",
          5,
          "clipsStored",
          18,
          "sharesRefused",
          1,
          "holdsPlaced",
          1,
          "expiryHeld",
          2,
          "holdsReleased",
          1);

  static final DailyStats STATUS_QUO_SHARING_1 =
      sharing(STATUS_QUO, DAY_1, false, "requests", 1, "notifications", 8);
  static final DailyStats STATUS_QUO_SHARING_2 =
      sharing(
          STATUS_QUO,
          DAY_2,
          false,
          "requests",
          2,
          "notifications",
          15,
          "answersShared",
          2,
          "declined",
          5,
          "ignored",
          6,
          "sharesViaRequest",
          2,
          "sharesViaPost",
          1,
          "copiesCreated",
          3,
          "copiesAlive",
          3,
          "copiesAlive.REQUESTING_POLICE",
          2,
          "copiesAlive.NEIGHBOURHOOD_FEED",
          1,
          "householdsExposed",
          2,
          "addressesDisclosed",
          2,
          "footageAlivePastRetention",
          1);
  static final DailyStats STATUS_QUO_SHARING_3 =
      sharing(
          STATUS_QUO,
          DAY_3,
          true,
          "requests",
          3,
          "notifications",
          20,
          "answersShared",
          3,
          "declined",
          8,
          "ignored",
          9,
          "sharesViaRequest",
          3,
          "sharesViaPost",
          1,
          "sharesRefusedExpired",
          1,
          "copiesCreated",
          6,
          "copiesAlive",
          6,
          "copiesAlive.REQUESTING_POLICE",
          3,
          "copiesAlive.OTHER_AGENCY",
          1,
          "copiesAlive.NEIGHBOURHOOD_FEED",
          1,
          "copiesAlive.PUBLIC",
          1,
          "copiesCreated.REQUESTING_POLICE",
          3,
          "copiesCreated.OTHER_AGENCY",
          1,
          "copiesCreated.NEIGHBOURHOOD_FEED",
          1,
          "copiesCreated.PUBLIC",
          1,
          "householdsExposed",
          4,
          "householdsExposed.REQUESTING_POLICE",
          3,
          "householdsExposed.OTHER_AGENCY",
          1,
          "householdsExposed.PUBLIC",
          1,
          "addressesDisclosed",
          3,
          "footageAlivePastRetention",
          2);

  static final DailyStats EU_RETENTION_1 =
      retention(EU_30_DAYS, DAY_1, false, "clipsRecorded", 10, "clipsAlive", 10, "liveBytes", 1000);
  static final DailyStats EU_RETENTION_2 =
      retention(
          EU_30_DAYS,
          DAY_2,
          false,
          "clipsRecorded",
          20,
          "clipsExpired",
          6,
          "clipsAlive",
          14,
          "liveBytes",
          1400);
  static final DailyStats EU_RETENTION_3 =
      retention(
          EU_30_DAYS,
          DAY_3,
          true,
          "clipsRecorded",
          30,
          "clipsExpired",
          18,
          "clipsExemptByShare",
          1,
          "clipsAlive",
          11,
          "liveBytes",
          1100,
          "sharesRecorded",
          1,
          "sharesOfStoredOriginals",
          2,
          "clipsStored",
          12,
          "sharesRefused",
          2);

  static final DailyStats EU_SHARING_1 =
      sharing(EU_30_DAYS, DAY_1, false, "requests", 1, "notifications", 8);
  static final DailyStats EU_SHARING_2 =
      sharing(
          EU_30_DAYS,
          DAY_2,
          false,
          "requests",
          2,
          "notifications",
          15,
          "declined",
          7,
          "ignored",
          8);
  static final DailyStats EU_SHARING_3 =
      sharing(
          EU_30_DAYS,
          DAY_3,
          true,
          "requests",
          3,
          "notifications",
          20,
          "answersShared",
          1,
          "declined",
          10,
          "ignored",
          9,
          "sharesViaRequest",
          1,
          "sharesBlockedByPolicy",
          1,
          "sharesBlockedByCaps",
          1,
          "sharesBlockedOutsideArea",
          1,
          "forwardsBlocked",
          1,
          "onwardCopiesWithoutParent",
          1,
          "sharesRefusedExpired",
          2,
          "copiesCreated",
          2,
          "copiesExpired",
          1,
          "copiesAlive",
          1,
          "copiesAlive.FEDERAL_AGENCY",
          1,
          "copiesCreated.REQUESTING_POLICE",
          1,
          "copiesCreated.FEDERAL_AGENCY",
          1,
          "householdsExposed",
          1,
          "householdsExposed.FEDERAL_AGENCY",
          1,
          "addressesDisclosed",
          1);

  /**
   * Both policies' records in the order the lab might read them: topics one after the other, days
   * mixed.
   */
  static List<DailyStats> twoPoliciesThreeDays() {
    return List.of(
        STATUS_QUO_RETENTION_3,
        EU_RETENTION_1,
        STATUS_QUO_RETENTION_1,
        EU_RETENTION_3,
        STATUS_QUO_RETENTION_2,
        EU_RETENTION_2,
        EU_SHARING_2,
        STATUS_QUO_SHARING_1,
        EU_SHARING_3,
        STATUS_QUO_SHARING_3,
        EU_SHARING_1,
        STATUS_QUO_SHARING_2);
  }

  /** The day eu-30-days's one stage takes over in {@link #stagedReport()}. */
  static final LocalDate STAGE_DAY = DAY_3;

  /** {@link #twoPolicyReport()} with eu-30-days in a stage of its own from the third day. */
  static Report stagedReport() {
    return Report.build(
        TINY_TOWN,
        List.of(STATUS_QUO, EU_30_DAYS.withStages(List.of(StageInfo.of(STAGE_DAY)))),
        twoPoliciesThreeDays(),
        VERSION);
  }

  static Report twoPolicyReport() {
    return Report.build(
        TINY_TOWN, List.of(STATUS_QUO, EU_30_DAYS), twoPoliciesThreeDays(), VERSION);
  }
}
