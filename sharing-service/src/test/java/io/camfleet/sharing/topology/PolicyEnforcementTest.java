package io.camfleet.sharing.topology;

import static io.camfleet.sharing.topology.WorldFixtures.HOUR;
import static io.camfleet.sharing.topology.WorldFixtures.clip;
import static io.camfleet.sharing.topology.WorldFixtures.day;
import static io.camfleet.sharing.topology.WorldFixtures.downloaded;
import static io.camfleet.sharing.topology.WorldFixtures.forwarded;
import static io.camfleet.sharing.topology.WorldFixtures.holdPlaced;
import static io.camfleet.sharing.topology.WorldFixtures.holdReleased;
import static io.camfleet.sharing.topology.WorldFixtures.narrowRequest;
import static io.camfleet.sharing.topology.WorldFixtures.postedToFeed;
import static io.camfleet.sharing.topology.WorldFixtures.request;
import static io.camfleet.sharing.topology.WorldFixtures.sharedWithPolice;
import static io.camfleet.sharing.topology.WorldFixtures.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestTerms;
import io.camfleet.sharing.topology.WorldFixtures.Clip;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policies enforced on shares and onward copies. The Markey and RFA caps are checked here at the
 * share ({@code enforcedAt: share}); their bundled files act at the portal ({@link
 * PortalEnforcementTest}).
 */
class PolicyEnforcementTest {
  private static final String STATUS_QUO = "status-quo-2019";
  private static final String MARKEY_CAPS = "markey-caps-2019";
  private static final String NO_FORWARDING = "no-forwarding";
  private static final String INHERIT_EXPIRY = "copies-inherit-expiry";
  private static final String RFA_2021 = "rfa-2021";

  /** A day-long window, a mile around the incident: wider than the Markey caps allow. */
  private static final RequestTerms OVER_BROAD = request("req-wide", day(0), day(1), 1.0, 0.2);

  @Test
  void blocksSharesOutsideCappedWindowOrAreaAndTheirForwards() {
    Clip lateInWindow = clip("clip-late", "cam-a", "house-a", day(0, 18));
    Clip farAway = clip("clip-far", "cam-b", "house-b", day(0, 6));
    Clip withinCaps = clip("clip-ok", "cam-c", "house-c", day(0, 6));
    RequestTerms farAwayTerms = request("req-wide", day(0), day(1), 1.0, 0.7);
    try (SharingDriver sharing =
        SharingDriver.enforcing(
            List.of(
                SharingDriver.bundled(STATUS_QUO),
                SharingDriver.capsAtShare(MARKEY_CAPS, MARKEY_CAPS)))) {
      sharing.send(
          sharedWithPolice("copy-late", lateInWindow, "agency-fll", OVER_BROAD, day(1)),
          sharedWithPolice("copy-far", farAway, "agency-fll", farAwayTerms, day(1)),
          sharedWithPolice("copy-ok", withinCaps, "agency-fll", OVER_BROAD, day(1)),
          forwarded(
              "copy-late-fwd",
              "copy-late",
              lateInWindow,
              "agency-dea",
              HolderType.FEDERAL_AGENCY,
              day(2)),
          tick(day(3), true));

      assertEquals(
          List.of(
              new CopyReceipt(
                  MARKEY_CAPS,
                  "copy-late",
                  "clip-late",
                  "house-a",
                  CopyReceiptKind.SHARE_BLOCKED,
                  day(1),
                  "clip lies outside the first 12.0 h of the requested window",
                  CopyReceiptCause.OUTSIDE_WINDOW,
                  "base"),
              new CopyReceipt(
                  MARKEY_CAPS,
                  "copy-far",
                  "clip-far",
                  "house-b",
                  CopyReceiptKind.SHARE_BLOCKED,
                  day(1),
                  "camera is 0.70 mi from the request's centre, beyond the 0.40 mi of a 0.500 sq mi area",
                  CopyReceiptCause.OUTSIDE_AREA,
                  "base"),
              new CopyReceipt(
                  MARKEY_CAPS,
                  "copy-late-fwd",
                  "clip-late",
                  "house-a",
                  CopyReceiptKind.FORWARD_BLOCKED,
                  day(2),
                  "parent copy copy-late does not exist under this policy: it was blocked, refused or has expired",
                  CopyReceiptCause.NO_LIVE_PARENT,
                  "base")),
          sharing.receipts());
      assertEquals(
          List.of(
              "status-quo-2019/copy-late",
              "status-quo-2019/copy-far",
              "status-quo-2019/copy-ok",
              "markey-caps-2019/copy-ok",
              "status-quo-2019/copy-late-fwd"),
          keys(sharing.ledger()));
      List<DailyStats> stats = sharing.stats();
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              1,
              "sharesBlockedByPolicy",
              2,
              "sharesBlockedByCaps",
              2,
              "sharesBlockedOutsideWindow",
              1,
              "sharesBlockedOutsideArea",
              1,
              "forwardsBlocked",
              1,
              "onwardCopiesWithoutParent",
              1,
              "copiesCreated",
              1,
              "copiesCreated.REQUESTING_POLICE",
              1,
              "copiesAlive",
              1,
              "copiesAlive.REQUESTING_POLICE",
              1,
              "householdsExposed",
              1,
              "householdsExposed.REQUESTING_POLICE",
              1,
              "addressesDisclosed",
              1),
          SharingDriver.lastDay(stats, MARKEY_CAPS));
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              3,
              "copiesCreated",
              4,
              "copiesCreated.REQUESTING_POLICE",
              3,
              "copiesCreated.FEDERAL_AGENCY",
              1,
              "copiesAlive",
              4,
              "copiesAlive.REQUESTING_POLICE",
              3,
              "copiesAlive.FEDERAL_AGENCY",
              1,
              "householdsExposed",
              3,
              "householdsExposed.REQUESTING_POLICE",
              3,
              "householdsExposed.FEDERAL_AGENCY",
              1,
              "addressesDisclosed",
              3),
          SharingDriver.lastDay(stats, STATUS_QUO));
    }
  }

  @Test
  void blocksPoliceForwardsButNotPublicDownloadsUnderNoForwarding() {
    Clip clip = clip("clip-1", "cam-1", "house-1", day(0, 20));
    try (SharingDriver sharing = SharingDriver.enforcing(NO_FORWARDING)) {
      sharing.send(
          sharedWithPolice("copy-police", clip, "agency-fll", narrowRequest("req-1", clip), day(1)),
          forwarded(
              "copy-sheriff",
              "copy-police",
              clip,
              "agency-sheriff",
              HolderType.OTHER_AGENCY,
              day(2)),
          forwarded(
              "copy-ice", "copy-sheriff", clip, "agency-ice", HolderType.FEDERAL_AGENCY, day(3)),
          postedToFeed("copy-post", clip, "feed-riverside", day(4)),
          downloaded("copy-saved", "copy-post", clip, "person-1", day(5)),
          tick(day(6), true));

      assertEquals(
          List.of(
              new CopyReceipt(
                  NO_FORWARDING,
                  "copy-sheriff",
                  "clip-1",
                  "house-1",
                  CopyReceiptKind.FORWARD_BLOCKED,
                  day(2),
                  "the policy forbids police from forwarding footage",
                  CopyReceiptCause.FORWARDING_FORBIDDEN,
                  "base"),
              new CopyReceipt(
                  NO_FORWARDING,
                  "copy-ice",
                  "clip-1",
                  "house-1",
                  CopyReceiptKind.FORWARD_BLOCKED,
                  day(3),
                  "parent copy copy-sheriff does not exist under this policy: it was blocked, refused or has expired",
                  CopyReceiptCause.NO_LIVE_PARENT,
                  "base")),
          sharing.receipts());
      assertEquals(
          List.of(
              "no-forwarding/copy-police", "no-forwarding/copy-post", "no-forwarding/copy-saved"),
          keys(sharing.ledger()));
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              1,
              "sharesViaPost",
              1,
              "sharesBlockedByPolicy",
              1,
              "forwardsBlocked",
              2,
              "forwardsBlockedByBan",
              1,
              "onwardCopiesWithoutParent",
              1,
              "copiesCreated",
              3,
              "copiesCreated.REQUESTING_POLICE",
              1,
              "copiesCreated.NEIGHBOURHOOD_FEED",
              1,
              "copiesCreated.PUBLIC",
              1,
              "copiesAlive",
              3,
              "copiesAlive.REQUESTING_POLICE",
              1,
              "copiesAlive.NEIGHBOURHOOD_FEED",
              1,
              "copiesAlive.PUBLIC",
              1,
              "householdsExposed",
              1,
              "householdsExposed.REQUESTING_POLICE",
              1,
              "householdsExposed.NEIGHBOURHOOD_FEED",
              1,
              "householdsExposed.PUBLIC",
              1,
              "addressesDisclosed",
              1),
          SharingDriver.lastDay(sharing.stats(), NO_FORWARDING));
    }
  }

  @Test
  void refusesShareOfDeletedOriginalUnlessAnEarlierShareExemptedIt() {
    Clip euClip = clip("clip-eu", "cam-1", "house-1", day(0)).inRegion("EU");
    Clip postedEarly = clip("clip-posted", "cam-1", "house-1", day(0));
    try (SharingDriver sharing = SharingDriver.enforcing(STATUS_QUO, INHERIT_EXPIRY)) {
      sharing.send(
          // 35 days: past the EU's 30, within the US's 60
          sharedWithPolice(
              "copy-eu", euClip, "agency-fll", narrowRequest("req-1", euClip), day(35)),
          postedToFeed("copy-post", postedEarly, "feed-riverside", day(10)),
          sharedWithPolice(
              "copy-late", postedEarly, "agency-fll", narrowRequest("req-2", postedEarly), day(70)),
          tick(day(71), true));

      assertEquals(
          List.of(
              "status-quo-2019/copy-post",
              "copies-inherit-expiry/copy-post",
              "copies-inherit-expiry/copy-post",
              "status-quo-2019/copy-late"),
          keys(sharing.ledger()));
      List<DailyStats> stats = sharing.stats();
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaPost",
              1,
              "sharesViaRequest",
              1,
              "sharesRefusedExpired",
              1,
              "copiesCreated",
              2,
              "copiesCreated.NEIGHBOURHOOD_FEED",
              1,
              "copiesCreated.REQUESTING_POLICE",
              1,
              "copiesAlive",
              2,
              "copiesAlive.NEIGHBOURHOOD_FEED",
              1,
              "copiesAlive.REQUESTING_POLICE",
              1,
              "footageAlivePastRetention",
              1,
              "householdsExposed",
              1,
              "householdsExposed.NEIGHBOURHOOD_FEED",
              1,
              "householdsExposed.REQUESTING_POLICE",
              1,
              "addressesDisclosed",
              1),
          SharingDriver.lastDay(stats, STATUS_QUO));
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaPost",
              1,
              "sharesRefusedExpired",
              2,
              "copiesCreated",
              1,
              "copiesCreated.NEIGHBOURHOOD_FEED",
              1,
              "copiesExpired",
              1),
          SharingDriver.lastDay(stats, INHERIT_EXPIRY));
    }
  }

  @Test
  void admitsShareOfOriginalHeldPastItsRetentionPeriodAndRefusesOneAfterTheRelease() {
    Clip held = clip("clip-held", "cam-1", "house-1", day(0));
    try (SharingDriver sharing = SharingDriver.enforcing(STATUS_QUO, INHERIT_EXPIRY)) {
      sharing.send(
          holdPlaced("hold-1", held, day(10)),
          // 70 days: past the 60, but the hold keeps the original in the account, as the retention
          // service keeps it
          postedToFeed("copy-held", held, "feed-riverside", day(70)),
          holdReleased("hold-1", held, day(80)),
          postedToFeed("copy-released", held, "feed-riverside", day(90)),
          tick(day(91), true));

      // the status quo exempts the held original once shared; a copy inheriting its expired period
      // ends at once
      assertEquals(
          List.of(
              "status-quo-2019/copy-held ALIVE until null",
              "copies-inherit-expiry/copy-held ALIVE until " + day(70),
              "copies-inherit-expiry/copy-held EXPIRED until " + day(70),
              "status-quo-2019/copy-released ALIVE until null"),
          sharing.ledger().stream()
              .map(
                  c ->
                      c.getPolicy()
                          + "/"
                          + c.getCopyId()
                          + " "
                          + c.getStatus()
                          + " until "
                          + c.getExpiresAt())
              .toList());
      assertEquals(
          List.of(
              new CopyReceipt(
                  INHERIT_EXPIRY,
                  "copy-held",
                  "clip-held",
                  "house-1",
                  CopyReceiptKind.COPY_EXPIRED,
                  day(70),
                  "the copy expired with the original clip",
                  CopyReceiptCause.EXPIRED_WITH_ORIGINAL,
                  "base")),
          sharing.receipts());
      List<DailyStats> stats = sharing.stats();
      assertEquals(0L, SharingDriver.lastDay(stats, STATUS_QUO).get("sharesRefusedExpired"));
      assertEquals(1L, SharingDriver.lastDay(stats, INHERIT_EXPIRY).get("sharesRefusedExpired"));
    }
  }

  @Test
  void blocksRatherThanRefusesCappedShareOfDeletedOriginal() {
    Clip seventyDaysOld = clip("clip-old", "cam-1", "house-1", day(0));
    RequestTerms lookingFarBack =
        new RequestTerms("req-old", day(0) - HOUR, day(0) + HOUR, 0.25, day(70), 0.1);
    try (SharingDriver sharing =
        SharingDriver.enforcing(
            List.of(
                SharingDriver.bundled(STATUS_QUO),
                SharingDriver.capsAtShare(MARKEY_CAPS, MARKEY_CAPS)))) {
      sharing.send(
          sharedWithPolice("copy-old", seventyDaysOld, "agency-fll", lookingFarBack, day(70)),
          tick(day(71), true));

      assertEquals(
          List.of(
              new CopyReceipt(
                  MARKEY_CAPS,
                  "copy-old",
                  "clip-old",
                  "house-1",
                  CopyReceiptKind.SHARE_BLOCKED,
                  day(70),
                  "clip is older than the 45-day look-back",
                  CopyReceiptCause.PAST_LOOK_BACK,
                  "base")),
          sharing.receipts());
      List<DailyStats> stats = sharing.stats();
      assertEquals(
          ExpectedMeasures.with("sharesRefusedExpired", 1),
          SharingDriver.lastDay(stats, STATUS_QUO));
      assertEquals(
          ExpectedMeasures.with(
              "sharesBlockedByPolicy", 1, "sharesBlockedByCaps", 1, "sharesBlockedPastLookBack", 1),
          SharingDriver.lastDay(stats, MARKEY_CAPS));
    }
  }

  /**
   * The 2019 caps and the 2021 caps (minimum window and area, no look-back) on the same shares:
   * each blocked share counts once, under the first cap it breaks, and the caps' totals differ.
   */
  @Test
  void countsEachBlockedShareOnceUnderTheFirstCapItBreaks() {
    long sixAm = day(0, 6);
    long fiveMinutes = HOUR / 12;
    Clip inBriefWindow = clip("clip-brief", "cam-1", "house-1", sixAm);
    Clip inTinyArea = clip("clip-tiny", "cam-2", "house-2", sixAm);
    Clip inBriefWindowAndTinyArea = clip("clip-brief-tiny", "cam-3", "house-3", sixAm);
    Clip lateInWindow = clip("clip-late", "cam-4", "house-4", day(0, 18));
    Clip lateAndFar = clip("clip-late-far", "cam-5", "house-5", day(0, 18));
    Clip fiftyDaysOld = clip("clip-old", "cam-6", "house-6", day(0));
    RequestTerms tenMinutes =
        request("req-brief", sixAm - fiveMinutes, sixAm + fiveMinutes, 0.25, 0.1);
    // 0.05 mi around the centre: 0.008 sq mi, below the 0.025 minimum
    RequestTerms tinyArea = request("req-tiny", sixAm - HOUR, sixAm + HOUR, 0.05, 0.02);
    RequestTerms tenMinutesInTinyArea =
        request("req-brief-tiny", sixAm - fiveMinutes, sixAm + fiveMinutes, 0.05, 0.02);
    RequestTerms wideAndFar = request("req-wide-far", day(0), day(1), 1.0, 0.7);
    RequestTerms fiftyDaysBack =
        new RequestTerms("req-old", day(0) - HOUR, day(0) + HOUR, 0.25, day(50), 0.1);
    try (SharingDriver sharing =
        SharingDriver.enforcing(
            List.of(
                SharingDriver.capsAtShare(MARKEY_CAPS, MARKEY_CAPS),
                SharingDriver.capsAtShare(RFA_2021, RFA_2021)))) {
      sharing.send(
          sharedWithPolice("copy-brief", inBriefWindow, "agency-fll", tenMinutes, day(1)),
          sharedWithPolice("copy-tiny", inTinyArea, "agency-fll", tinyArea, day(1)),
          sharedWithPolice(
              "copy-brief-tiny",
              inBriefWindowAndTinyArea,
              "agency-fll",
              tenMinutesInTinyArea,
              day(1)),
          sharedWithPolice("copy-late", lateInWindow, "agency-fll", OVER_BROAD, day(1)),
          sharedWithPolice("copy-late-far", lateAndFar, "agency-fll", wideAndFar, day(1)),
          forwarded(
              "copy-late-fwd",
              "copy-late",
              lateInWindow,
              "agency-sheriff",
              HolderType.OTHER_AGENCY,
              day(2)),
          sharedWithPolice("copy-old", fiftyDaysOld, "agency-fll", fiftyDaysBack, day(50)),
          tick(day(51), true));

      assertEquals(
          List.of(
              "rfa-2021/copy-brief WINDOW_BELOW_MINIMUM",
              "rfa-2021/copy-tiny AREA_BELOW_MINIMUM",
              "rfa-2021/copy-brief-tiny WINDOW_BELOW_MINIMUM",
              "markey-caps-2019/copy-late OUTSIDE_WINDOW",
              "rfa-2021/copy-late OUTSIDE_WINDOW",
              "markey-caps-2019/copy-late-far OUTSIDE_WINDOW",
              "rfa-2021/copy-late-far OUTSIDE_WINDOW",
              "markey-caps-2019/copy-late-fwd NO_LIVE_PARENT",
              "rfa-2021/copy-late-fwd NO_LIVE_PARENT",
              "markey-caps-2019/copy-old PAST_LOOK_BACK"),
          sharing.receipts().stream()
              .map(r -> r.getPolicy() + "/" + r.getCopyId() + " " + r.getCause())
              .toList());
      List<DailyStats> stats = sharing.stats();
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              3,
              "sharesBlockedByPolicy",
              3,
              "sharesBlockedByCaps",
              3,
              "sharesBlockedOutsideWindow",
              2,
              "sharesBlockedPastLookBack",
              1,
              "forwardsBlocked",
              1,
              "onwardCopiesWithoutParent",
              1,
              "copiesCreated",
              3,
              "copiesCreated.REQUESTING_POLICE",
              3,
              "copiesAlive",
              3,
              "copiesAlive.REQUESTING_POLICE",
              3,
              "householdsExposed",
              3,
              "householdsExposed.REQUESTING_POLICE",
              3,
              "addressesDisclosed",
              3),
          SharingDriver.lastDay(stats, MARKEY_CAPS));
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              1,
              "sharesBlockedByPolicy",
              5,
              "sharesBlockedByCaps",
              5,
              "sharesBlockedWindowBelowMinimum",
              2,
              "sharesBlockedAreaBelowMinimum",
              1,
              "sharesBlockedOutsideWindow",
              2,
              "forwardsBlocked",
              1,
              "onwardCopiesWithoutParent",
              1,
              "copiesCreated",
              1,
              "copiesCreated.REQUESTING_POLICE",
              1,
              "copiesAlive",
              1,
              "copiesAlive.REQUESTING_POLICE",
              1,
              "householdsExposed",
              1,
              "householdsExposed.REQUESTING_POLICE",
              1,
              "addressesDisclosed",
              1),
          SharingDriver.lastDay(stats, RFA_2021));
    }
  }

  private static List<String> keys(List<CopyLedgerEntry> ledger) {
    return ledger.stream().map(c -> c.getPolicy() + "/" + c.getCopyId()).toList();
  }
}
