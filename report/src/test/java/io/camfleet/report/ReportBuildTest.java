package io.camfleet.report;

import static io.camfleet.report.Fixtures.DAY_1;
import static io.camfleet.report.Fixtures.DAY_2;
import static io.camfleet.report.Fixtures.DAY_3;
import static io.camfleet.report.Fixtures.EU_30_DAYS;
import static io.camfleet.report.Fixtures.STATUS_QUO;
import static io.camfleet.report.Fixtures.STATUS_QUO_RETENTION_1;
import static io.camfleet.report.Fixtures.STATUS_QUO_RETENTION_2;
import static io.camfleet.report.Fixtures.STATUS_QUO_RETENTION_3;
import static io.camfleet.report.Fixtures.STATUS_QUO_SHARING_1;
import static io.camfleet.report.Fixtures.STATUS_QUO_SHARING_2;
import static io.camfleet.report.Fixtures.STATUS_QUO_SHARING_3;
import static io.camfleet.report.Fixtures.TINY_TOWN;
import static io.camfleet.report.Fixtures.VERSION;
import static io.camfleet.report.Fixtures.endOf;
import static io.camfleet.report.Fixtures.retention;
import static io.camfleet.report.Fixtures.sharing;
import static io.camfleet.report.Fixtures.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.RetentionMeasure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportBuildTest {

  private static Report build(List<PolicyInfo> policies, List<DailyStats> stats) {
    return Report.build(TINY_TOWN, policies, stats, VERSION);
  }

  private static List<DailyStats> statusQuo() {
    return List.of(
        STATUS_QUO_RETENTION_1,
        STATUS_QUO_RETENTION_2,
        STATUS_QUO_RETENTION_3,
        STATUS_QUO_SHARING_1,
        STATUS_QUO_SHARING_2,
        STATUS_QUO_SHARING_3);
  }

  private static List<DailyStats> without(List<DailyStats> stats, DailyStats removed) {
    List<DailyStats> rest = new ArrayList<>(stats);
    rest.remove(removed);
    return rest;
  }

  @Test
  void ordersEachPolicysDaysWhenStatsArriveShuffled() {
    Report report = Fixtures.twoPolicyReport();

    assertEquals(
        List.of("status-quo-2019", "eu-30-days"),
        report.policies().stream().map(PolicyReport::name).toList());
    assertEquals(
        List.of(
            new DayPoint(
                DAY_1,
                endOf(DAY_1),
                STATUS_QUO_RETENTION_1.getMeasures(),
                STATUS_QUO_SHARING_1.getMeasures()),
            new DayPoint(
                DAY_2,
                endOf(DAY_2),
                STATUS_QUO_RETENTION_2.getMeasures(),
                STATUS_QUO_SHARING_2.getMeasures()),
            new DayPoint(
                DAY_3,
                endOf(DAY_3),
                STATUS_QUO_RETENTION_3.getMeasures(),
                STATUS_QUO_SHARING_3.getMeasures())),
        report.policies().get(0).series());
    assertEquals(
        List.of(DAY_1, DAY_2, DAY_3),
        report.policies().get(1).series().stream().map(DayPoint::day).toList());
  }

  @Test
  void takesFinalFiguresFromTheLastRecordOfEachService() {
    PolicyReport statusQuo = build(List.of(STATUS_QUO), statusQuo()).policies().get(0);

    assertEquals(30, statusQuo.figure(Measure.CLIPS_RECORDED));
    assertEquals(16, statusQuo.figure(Measure.CLIPS_ALIVE_AT_END));
    assertEquals(6, statusQuo.figure(Measure.COPIES_ALIVE_AT_END));
    assertEquals(3, statusQuo.figure(Measure.SHARES_VIA_REQUEST));
    assertEquals(
        Map.of(
            HolderType.REQUESTING_POLICE, 3L,
            HolderType.OTHER_AGENCY, 1L,
            HolderType.FEDERAL_AGENCY, 0L,
            HolderType.NEIGHBOURHOOD_FEED, 1L,
            HolderType.PUBLIC, 1L),
        statusQuo.figure(HolderBreakdown.COPIES_ALIVE));
  }

  @Test
  void countsAMeasureAbsentFromTheFinalRecordAsZero() {
    PolicyReport statusQuo = build(List.of(STATUS_QUO), statusQuo()).policies().get(0);

    assertEquals(0, statusQuo.figure(Measure.SHARES_BLOCKED_BY_POLICY));
    assertEquals(0, statusQuo.figure(Measure.COPIES_EXPIRED));
  }

  @Test
  void keepsTheLaterOfTwoRecordsForTheSameDay() {
    DailyStats corrected = retention(STATUS_QUO, DAY_2, false, "clipsAlive", 99);
    List<DailyStats> stats = new ArrayList<>(statusQuo());
    stats.add(corrected);

    PolicyReport statusQuo = build(List.of(STATUS_QUO), stats).policies().get(0);

    assertEquals(99, statusQuo.series().get(1).value(RetentionMeasure.CLIPS_ALIVE));
    assertEquals(0, statusQuo.series().get(1).value(RetentionMeasure.CLIPS_RECORDED));
  }

  @Test
  void rejectsAMeasureTheServiceDoesNotWrite() {
    Map<String, Long> measures = new TreeMap<>(STATUS_QUO_SHARING_2.getMeasures());
    measures.put("copiesAlve", 3L);
    DailyStats misspelt = DailyStats.newBuilder(STATUS_QUO_SHARING_2).setMeasures(measures).build();
    List<DailyStats> stats = without(statusQuo(), STATUS_QUO_SHARING_2);
    stats.add(misspelt);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(STATUS_QUO), stats));

    assertEquals(
        "policy 'status-quo-2019': unknown measure 'copiesAlve' of sharing-service; known: requests, notifications,"
            + " answersShared, declined, ignored, sharesViaRequest, sharesViaPost, sharesBlockedByPolicy,"
            + " forwardsBlocked, sharesRefusedExpired, copiesCreated, copiesExpired, copiesAlive,"
            + " footageAlivePastRetention, householdsExposed, addressesDisclosed, sharesBlockedByCaps,"
            + " sharesBlockedWindowBelowMinimum, sharesBlockedAreaBelowMinimum, sharesBlockedOutsideWindow,"
            + " sharesBlockedOutsideArea, sharesBlockedPastLookBack, forwardsBlockedByBan,"
            + " onwardCopiesWithoutParent, requestsMade, requestsRefused, requestsRefusedPortalClosed,"
            + " requestsRefusedWindowBelowMinimum, requestsRefusedAreaBelowMinimum,"
            + " requestsRefusedPastLookBack, requestsNarrowed, requestsNarrowedWindow,"
            + " requestsNarrowedArea, requestsNarrowedLookBack, notificationsWithheld,"
            + " householdsKnownToPolice",
        error.getMessage());
  }

  @Test
  void rejectsADayWithoutEveryMeasureOfTheService() {
    Map<String, Long> measures = new TreeMap<>(STATUS_QUO_RETENTION_2.getMeasures());
    measures.remove("liveBytes");
    measures.remove("holdsReleased");
    DailyStats incomplete =
        DailyStats.newBuilder(STATUS_QUO_RETENTION_2).setMeasures(measures).build();
    List<DailyStats> stats = without(statusQuo(), STATUS_QUO_RETENTION_2);
    stats.add(incomplete);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(STATUS_QUO), stats));

    assertEquals(
        "policy 'status-quo-2019': retention-service wrote no holdsReleased, liveBytes on 2019-01-02;"
            + " it writes every measure daily",
        error.getMessage());
  }

  @Test
  void rejectsAPartForAHolderTypeThatDoesNotExist() {
    Map<String, Long> measures = new TreeMap<>(STATUS_QUO_SHARING_3.getMeasures());
    measures.put("copiesAlive.SHERIFF", 1L);
    List<DailyStats> stats = without(statusQuo(), STATUS_QUO_SHARING_3);
    stats.add(DailyStats.newBuilder(STATUS_QUO_SHARING_3).setMeasures(measures).build());

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(STATUS_QUO), stats));

    assertEquals(
        "policy 'status-quo-2019': unknown holder type 'SHERIFF' in measure 'copiesAlive.SHERIFF' of sharing-service;"
            + " known: REQUESTING_POLICE, OTHER_AGENCY, FEDERAL_AGENCY, NEIGHBOURHOOD_FEED, PUBLIC",
        error.getMessage());
  }

  @Test
  void ignoresStatsOfPoliciesNotInTheReport() {
    List<DailyStats> stats = new ArrayList<>(statusQuo());
    stats.add(retention(EU_30_DAYS, DAY_3, true, "clipsAlive", 1));

    Report report = build(List.of(STATUS_QUO), stats);

    assertEquals(
        List.of("status-quo-2019"), report.policies().stream().map(PolicyReport::name).toList());
  }

  @Test
  void rejectsPolicyWithoutFinalRetentionRecord() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> build(List.of(STATUS_QUO), without(statusQuo(), STATUS_QUO_RETENTION_3)));

    assertEquals(
        "policy 'status-quo-2019' has no final record (last=true) from retention-service on topic"
            + " retention-stats (2 daily records; policies seen in the stats: [status-quo-2019]);"
            + " did the run finish before the topics were read?",
        error.getMessage());
  }

  @Test
  void rejectsPolicyWithoutFinalSharingRecord() {
    List<DailyStats> stats = without(statusQuo(), STATUS_QUO_SHARING_3);
    stats.add(sharing(STATUS_QUO, DAY_3, false, "requests", 3));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(STATUS_QUO), stats));

    assertEquals(
        "policy 'status-quo-2019' has no final record (last=true) from sharing-service on topic"
            + " exposure-stats (3 daily records; policies seen in the stats: [status-quo-2019]);"
            + " did the run finish before the topics were read?",
        error.getMessage());
  }

  @Test
  void rejectsPolicyWithNoStatsAtAllNamingThePoliciesSeen() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> build(List.of(STATUS_QUO, EU_30_DAYS), statusQuo()));

    assertEquals(
        "policy 'eu-30-days' has no final record (last=true) from retention-service on topic"
            + " retention-stats (0 daily records; policies seen in the stats: [status-quo-2019]);"
            + " did the run finish before the topics were read?",
        error.getMessage());
  }

  @Test
  void rejectsServicesThatReportedDifferentDays() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> build(List.of(STATUS_QUO), without(statusQuo(), STATUS_QUO_SHARING_2)));

    assertEquals(
        "policy 'status-quo-2019': the services reported different days; only retention-service: [2019-01-02],"
            + " only sharing-service: []",
        error.getMessage());
  }

  @Test
  void rejectsDayReportedAfterTheFinalDay() {
    List<DailyStats> stats = new ArrayList<>(statusQuo());
    stats.add(retention(STATUS_QUO, DAY_3.plusDays(1), false, "clipsAlive", 1));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(STATUS_QUO), stats));

    assertEquals(
        "policy 'status-quo-2019': retention-service reported day 2019-01-04 after its final day 2019-01-03",
        error.getMessage());
  }

  @Test
  void rejectsAFinalDayAfterTheWorldsLastDay() {
    // a 3-day world ends at the midnight after its third day: no day starts there
    List<DailyStats> stats =
        new ArrayList<>(
            without(without(statusQuo(), STATUS_QUO_RETENTION_3), STATUS_QUO_SHARING_3));
    stats.add(retention(STATUS_QUO, DAY_3, false, "clipsAlive", 1));
    stats.add(sharing(STATUS_QUO, DAY_3, false, "requests", 1));
    stats.add(retention(STATUS_QUO, DAY_3.plusDays(1), true, "clipsAlive", 1));
    stats.add(sharing(STATUS_QUO, DAY_3.plusDays(1), true, "requests", 1));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(STATUS_QUO), stats));

    assertEquals(
        "policy 'status-quo-2019': retention-service reported day 2019-01-04, after the world's last day 2019-01-03"
            + " (3 days from 2019-01-01)",
        error.getMessage());
  }

  @Test
  void rejectsTwoFinalDaysOfOneService() {
    List<DailyStats> stats = new ArrayList<>(statusQuo());
    stats.add(sharing(STATUS_QUO, DAY_3.plusDays(1), true, "requests", 1));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(STATUS_QUO), stats));

    assertEquals(
        "policy 'status-quo-2019' has several final records (last=true) from sharing-service, for days"
            + " [2019-01-03, 2019-01-04]; were the topics shared by several runs?",
        error.getMessage());
  }

  @Test
  void rejectsUnknownService() {
    List<DailyStats> stats = new ArrayList<>(statusQuo());
    stats.add(stats("status-quo-2019", "billing-service", DAY_1, false));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(STATUS_QUO), stats));

    assertEquals(
        "unknown service 'billing-service' in daily stats; expected retention-service or sharing-service",
        error.getMessage());
  }

  @Test
  void rejectsPolicyListedTwice() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> build(List.of(STATUS_QUO, STATUS_QUO), statusQuo()));

    assertEquals("policy 'status-quo-2019' appears twice", error.getMessage());
  }

  @Test
  void rejectsReportWithoutPolicies() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> build(List.of(), statusQuo()));

    assertEquals("a report compares at least one policy", error.getMessage());
  }
}
