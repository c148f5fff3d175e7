package io.camfleet.sharing.topology;

import static io.camfleet.sharing.topology.WorldFixtures.answered;
import static io.camfleet.sharing.topology.WorldFixtures.clip;
import static io.camfleet.sharing.topology.WorldFixtures.day;
import static io.camfleet.sharing.topology.WorldFixtures.downloaded;
import static io.camfleet.sharing.topology.WorldFixtures.forwarded;
import static io.camfleet.sharing.topology.WorldFixtures.narrowRequest;
import static io.camfleet.sharing.topology.WorldFixtures.notified;
import static io.camfleet.sharing.topology.WorldFixtures.policeRequest;
import static io.camfleet.sharing.topology.WorldFixtures.postedToFeed;
import static io.camfleet.sharing.topology.WorldFixtures.sharedWithPolice;
import static io.camfleet.sharing.topology.WorldFixtures.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.Answer;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.policy.Policy;
import io.camfleet.policy.Retention;
import io.camfleet.sharing.topology.WorldFixtures.Clip;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureStatsTest {
  private static final String STATUS_QUO = "status-quo-2019";

  @Test
  void countsEachHouseholdOnceWhateverItsCamerasAndCopies() {
    Clip frontDoor = clip("clip-front", "cam-front", "house-1", day(0, 20));
    Clip backYard = clip("clip-back", "cam-back", "house-1", day(0, 21));
    Clip neighbour = clip("clip-next", "cam-next", "house-2", day(0, 22));
    try (SharingDriver sharing = SharingDriver.enforcing(STATUS_QUO)) {
      sharing.send(
          sharedWithPolice(
              "copy-front", frontDoor, "agency-fll", narrowRequest("req-1", frontDoor), day(1)),
          sharedWithPolice(
              "copy-back", backYard, "agency-fll", narrowRequest("req-1", backYard), day(1)),
          forwarded(
              "copy-back-ice",
              "copy-back",
              backYard,
              "agency-ice",
              HolderType.FEDERAL_AGENCY,
              day(2)),
          postedToFeed("copy-post", neighbour, "feed-riverside", day(1)),
          downloaded("copy-saved-1", "copy-post", neighbour, "person-1", day(2)),
          downloaded("copy-saved-2", "copy-post", neighbour, "person-2", day(2)),
          tick(day(3), true));

      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              2,
              "sharesViaPost",
              1,
              "copiesCreated",
              6,
              "copiesCreated.REQUESTING_POLICE",
              2,
              "copiesCreated.FEDERAL_AGENCY",
              1,
              "copiesCreated.NEIGHBOURHOOD_FEED",
              1,
              "copiesCreated.PUBLIC",
              2,
              "copiesAlive",
              6,
              "copiesAlive.REQUESTING_POLICE",
              2,
              "copiesAlive.FEDERAL_AGENCY",
              1,
              "copiesAlive.NEIGHBOURHOOD_FEED",
              1,
              "copiesAlive.PUBLIC",
              2,
              "householdsExposed",
              2,
              "householdsExposed.REQUESTING_POLICE",
              1,
              "householdsExposed.FEDERAL_AGENCY",
              1,
              "householdsExposed.NEIGHBOURHOOD_FEED",
              1,
              "householdsExposed.PUBLIC",
              1,
              "addressesDisclosed",
              1),
          SharingDriver.lastDay(sharing.stats(), STATUS_QUO));
    }
  }

  @Test
  void reportsTheFirstDayOfAWorldThatTicksOnceADay() {
    Clip post = clip("clip-post", "cam-1", "house-1", day(1, 8));
    try (SharingDriver sharing = SharingDriver.enforcing(STATUS_QUO)) {
      // nothing reaches a household on the first day, whose only tick is at its end
      sharing.send(
          policeRequest("req-early", "agency-fll", 0, day(0, 9)),
          tick(day(1), false),
          postedToFeed("copy-post", post, "feed-riverside", day(1, 9)),
          tick(day(2), true));

      assertEquals(
          List.of("2019-06-01=0", "2019-06-02=1"),
          SharingDriver.changesOf(sharing.stats(), STATUS_QUO, "householdsExposed"));
    }
  }

  @Test
  void disclosesNoAddressUnderPolicyThatWithholdsIt() {
    Policy withholdsAddress =
        new Policy("no-address", "", new Retention(60, null, null), null, null, null, false);
    Clip clip = clip("clip-1", "cam-1", "house-1", day(0, 20));
    try (SharingDriver sharing =
        SharingDriver.enforcing(List.of(SharingDriver.bundled(STATUS_QUO), withholdsAddress))) {
      sharing.send(
          sharedWithPolice("copy-police", clip, "agency-fll", narrowRequest("req-1", clip), day(1)),
          tick(day(2), true));

      assertEquals(
          List.of(
              "status-quo-2019/copy-police address=true", "no-address/copy-police address=false"),
          sharing.ledger().stream()
              .map(c -> c.getPolicy() + "/" + c.getCopyId() + " address=" + c.getAddressDisclosed())
              .toList());
      List<DailyStats> stats = sharing.stats();
      assertEquals(1L, SharingDriver.lastDay(stats, STATUS_QUO).get("addressesDisclosed"));
      assertEquals(0L, SharingDriver.lastDay(stats, "no-address").get("addressesDisclosed"));
    }
  }

  @Test
  void countsRequestsNotificationsAndAnswersUnderEveryPolicy() {
    try (SharingDriver sharing = SharingDriver.enforcing(STATUS_QUO, "no-forwarding")) {
      sharing.send(
          policeRequest("req-1", "agency-fll", 3, day(1)),
          notified("req-1", "agency-fll", "cam-1", "house-1", day(1)),
          notified("req-1", "agency-fll", "cam-2", "house-2", day(1)),
          notified("req-1", "agency-fll", "cam-3", "house-3", day(1)),
          answered("req-1", "agency-fll", "cam-1", "house-1", Answer.SHARED, day(1, 2)),
          answered("req-1", "agency-fll", "cam-2", "house-2", Answer.DECLINED, day(1, 3)),
          answered("req-1", "agency-fll", "cam-3", "house-3", Answer.IGNORED, day(4)),
          tick(day(5), true));

      List<DailyStats> stats = sharing.stats();
      var requestFunnel =
          ExpectedMeasures.with(
              "requestsMade",
              1,
              "requests",
              1,
              "notifications",
              3,
              "answersShared",
              1,
              "declined",
              1,
              "ignored",
              1,
              // the shared answer tells police who answered; refusals were not reported
              "householdsKnownToPolice",
              1);
      assertEquals(requestFunnel, SharingDriver.lastDay(stats, STATUS_QUO));
      assertEquals(requestFunnel, SharingDriver.lastDay(stats, "no-forwarding"));
      assertEquals(List.<CopyLedgerEntry>of(), sharing.ledger());
    }
  }
}
