package io.camfleet.sharing.topology;

import static io.camfleet.sharing.topology.WorldFixtures.HOUR;
import static io.camfleet.sharing.topology.WorldFixtures.answered;
import static io.camfleet.sharing.topology.WorldFixtures.cameraMapped;
import static io.camfleet.sharing.topology.WorldFixtures.clip;
import static io.camfleet.sharing.topology.WorldFixtures.day;
import static io.camfleet.sharing.topology.WorldFixtures.forwarded;
import static io.camfleet.sharing.topology.WorldFixtures.notified;
import static io.camfleet.sharing.topology.WorldFixtures.policeRequest;
import static io.camfleet.sharing.topology.WorldFixtures.request;
import static io.camfleet.sharing.topology.WorldFixtures.sharedWithPolice;
import static io.camfleet.sharing.topology.WorldFixtures.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.Answer;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestTerms;
import io.camfleet.policy.Forwarding;
import io.camfleet.policy.Policy;
import io.camfleet.policy.RequestCaps;
import io.camfleet.policy.Retention;
import io.camfleet.sharing.topology.WorldFixtures.Clip;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Request caps acting at the portal (the bundled Markey and RFA policies): refused and narrowed
 * requests counted by cause, emails withheld, only answers to emails sent counted, and shares the
 * portal never asked for neither copied nor counted as blocked; households police learn of through
 * the portal; forwarding restricted to local agencies.
 */
class PortalEnforcementTest {
  private static final String STATUS_QUO = "status-quo-2019";
  private static final String MARKEY_CAPS = "markey-caps-2019";
  private static final String MARKEY_AT_SHARE = "markey-caps-at-share";
  private static final String RFA_2021 = "rfa-2021";
  private static final String NO_ADDRESS = "no-address-disclosure";
  private static final String AGENCY = "agency-fll";

  private static final long SIX_AM = day(0, 6);
  private static final long FIVE_MINUTES = HOUR / 12;

  /** Ten minutes, a quarter mile: inside the Markey caps, below the RFA window minimum. */
  private static final RequestTerms BRIEF =
      request("req-brief", SIX_AM - FIVE_MINUTES, SIX_AM + FIVE_MINUTES, 0.25, 0.1);

  /** Two hours, 0.05 mi (0.008 sq mi): below the RFA area minimum. */
  private static final RequestTerms TINY =
      request("req-tiny", SIX_AM - HOUR, SIX_AM + HOUR, 0.05, 0.02);

  /** A day-long window, a mile around: narrowed to 12 hours and 0.399 mi by both caps. */
  private static RequestTerms wide(double cameraDistanceMiles) {
    return request("req-wide", day(0), day(1), 1.0, cameraDistanceMiles);
  }

  /** Two hours fifty days back: past the Markey 45-day look-back, whole. */
  private static final RequestTerms FIFTY_DAYS_BACK =
      new RequestTerms("req-old", day(0) - HOUR, day(0) + HOUR, 0.25, day(50), 0.1);

  @Test
  void refusesAndNarrowsRequestsBeforeEmailsGoOutAndCopiesOnlyWhatThePortalAskedFor() {
    Clip brief = clip("clip-brief", "cam-1", "house-1", SIX_AM);
    Clip tiny = clip("clip-tiny", "cam-2", "house-2", SIX_AM);
    Clip early = clip("clip-early", "cam-4", "house-4", day(0, 6));
    Clip late = clip("clip-late", "cam-4", "house-4", day(0, 18));
    Clip far = clip("clip-far", "cam-5", "house-5", day(0, 6));
    Clip old = clip("clip-old", "cam-6", "house-6", day(0));
    try (SharingDriver sharing =
        SharingDriver.enforcing(
            List.of(
                SharingDriver.bundled(STATUS_QUO),
                SharingDriver.bundled(MARKEY_CAPS),
                SharingDriver.capsAtShare(MARKEY_CAPS, MARKEY_AT_SHARE),
                SharingDriver.bundled(RFA_2021),
                SharingDriver.bundled(NO_ADDRESS)))) {
      sharing.send(
          policeRequest(AGENCY, BRIEF, 1),
          notified(AGENCY, "cam-1", "house-1", BRIEF),
          policeRequest(AGENCY, TINY, 1),
          notified(AGENCY, "cam-2", "house-2", TINY),
          policeRequest(AGENCY, wide(0), 3),
          notified(AGENCY, "cam-4", "house-4", wide(0.2)),
          notified(AGENCY, "cam-5", "house-5", wide(0.7)),
          notified(AGENCY, "cam-7", "house-7", wide(0.3)),
          answered(AGENCY, "cam-1", "house-1", Answer.SHARED, BRIEF, false, day(1)),
          answered(AGENCY, "cam-2", "house-2", Answer.SHARED, TINY, false, day(1)),
          answered(AGENCY, "cam-4", "house-4", Answer.SHARED, wide(0.2), false, day(1)),
          answered(AGENCY, "cam-5", "house-5", Answer.SHARED, wide(0.7), false, day(1)),
          answered(AGENCY, "cam-7", "house-7", Answer.DECLINED, wide(0.3), true, day(1)),
          sharedWithPolice("copy-brief", brief, AGENCY, BRIEF, day(1)),
          sharedWithPolice("copy-tiny", tiny, AGENCY, TINY, day(1)),
          sharedWithPolice("copy-early", early, AGENCY, wide(0.2), day(1)),
          sharedWithPolice("copy-late", late, AGENCY, wide(0.2), day(1)),
          sharedWithPolice("copy-far", far, AGENCY, wide(0.7), day(1)),
          forwarded("copy-late-fwd", "copy-late", late, "sheriff", HolderType.OTHER_AGENCY, day(2)),
          cameraMapped("cam-8", "house-8", AGENCY, day(3)),
          policeRequest(AGENCY, FIFTY_DAYS_BACK, 1),
          notified(AGENCY, "cam-6", "house-6", FIFTY_DAYS_BACK),
          answered(AGENCY, "cam-6", "house-6", Answer.SHARED, FIFTY_DAYS_BACK, false, day(50)),
          sharedWithPolice("copy-old", old, AGENCY, FIFTY_DAYS_BACK, day(50)),
          tick(day(51), true));

      // the same caps admit the same shares at the portal and at the share
      List<CopyLedgerEntry> ledger = sharing.ledger();
      assertEquals(List.of("copy-brief", "copy-tiny", "copy-early"), copiesOf(ledger, MARKEY_CAPS));
      assertEquals(
          List.of("copy-brief", "copy-tiny", "copy-early"), copiesOf(ledger, MARKEY_AT_SHARE));
      assertEquals(List.of("copy-early", "copy-old"), copiesOf(ledger, RFA_2021));
      // a share the portal never asked for leaves no receipt; only the share-enforced caps block
      assertEquals(
          List.of(
              "markey-caps-at-share/copy-late OUTSIDE_WINDOW",
              "markey-caps-at-share/copy-far OUTSIDE_AREA",
              "markey-caps-2019/copy-late-fwd NO_LIVE_PARENT",
              "markey-caps-at-share/copy-late-fwd NO_LIVE_PARENT",
              "rfa-2021/copy-late-fwd NO_LIVE_PARENT",
              "markey-caps-at-share/copy-old PAST_LOOK_BACK"),
          sharing.receipts().stream()
              .map(r -> r.getPolicy() + "/" + r.getCopyId() + " " + r.getCause())
              .toList());

      List<DailyStats> stats = sharing.stats();
      Map<String, Long> statusQuo =
          ExpectedMeasures.with(
              "requestsMade", 4,
              "requests", 4,
              "notifications", 6,
              "answersShared", 5,
              "declined", 1,
              "sharesViaRequest", 6,
              "copiesCreated", 7,
              "copiesCreated.REQUESTING_POLICE", 6,
              "copiesCreated.OTHER_AGENCY", 1,
              "copiesAlive", 7,
              "copiesAlive.REQUESTING_POLICE", 6,
              "copiesAlive.OTHER_AGENCY", 1,
              "householdsExposed", 5,
              "householdsExposed.REQUESTING_POLICE", 5,
              "householdsExposed.OTHER_AGENCY", 1,
              "addressesDisclosed", 5,
              "householdsKnownToPolice", 7);
      assertEquals(statusQuo, SharingDriver.lastDay(stats, STATUS_QUO));

      assertEquals(
          ExpectedMeasures.with(
              "requestsMade", 4,
              "requests", 3,
              "requestsRefused", 1,
              "requestsRefusedPastLookBack", 1,
              "requestsNarrowed", 1,
              "requestsNarrowedWindow", 1,
              "requestsNarrowedArea", 1,
              "notifications", 4,
              "notificationsWithheld", 2,
              "answersShared", 3,
              "declined", 1,
              "sharesViaRequest", 3,
              "forwardsBlocked", 1,
              "onwardCopiesWithoutParent", 1,
              "copiesCreated", 3,
              "copiesCreated.REQUESTING_POLICE", 3,
              "copiesAlive", 3,
              "copiesAlive.REQUESTING_POLICE", 3,
              "householdsExposed", 3,
              "householdsExposed.REQUESTING_POLICE", 3,
              "addressesDisclosed", 3,
              "householdsKnownToPolice", 5),
          SharingDriver.lastDay(stats, MARKEY_CAPS));
      assertEquals(
          ExpectedMeasures.with(
              "requestsMade", 4,
              "requests", 4,
              "notifications", 6,
              "answersShared", 5,
              "declined", 1,
              "sharesViaRequest", 3,
              "sharesBlockedByPolicy", 3,
              "sharesBlockedByCaps", 3,
              "sharesBlockedOutsideWindow", 1,
              "sharesBlockedOutsideArea", 1,
              "sharesBlockedPastLookBack", 1,
              "forwardsBlocked", 1,
              "onwardCopiesWithoutParent", 1,
              "copiesCreated", 3,
              "copiesCreated.REQUESTING_POLICE", 3,
              "copiesAlive", 3,
              "copiesAlive.REQUESTING_POLICE", 3,
              "householdsExposed", 3,
              "householdsExposed.REQUESTING_POLICE", 3,
              "addressesDisclosed", 3,
              "householdsKnownToPolice", 7),
          SharingDriver.lastDay(stats, MARKEY_AT_SHARE));
      assertEquals(
          ExpectedMeasures.with(
              "requestsMade", 4,
              "requests", 2,
              "requestsRefused", 2,
              "requestsRefusedWindowBelowMinimum", 1,
              "requestsRefusedAreaBelowMinimum", 1,
              "requestsNarrowed", 1,
              "requestsNarrowedWindow", 1,
              "requestsNarrowedArea", 1,
              "notifications", 3,
              "notificationsWithheld", 3,
              "answersShared", 2,
              "declined", 1,
              "sharesViaRequest", 2,
              "forwardsBlocked", 1,
              "onwardCopiesWithoutParent", 1,
              "copiesCreated", 2,
              "copiesCreated.REQUESTING_POLICE", 2,
              "copiesAlive", 2,
              "copiesAlive.REQUESTING_POLICE", 2,
              "householdsExposed", 2,
              "householdsExposed.REQUESTING_POLICE", 2,
              "addressesDisclosed", 2,
              "householdsKnownToPolice", 4),
          SharingDriver.lastDay(stats, RFA_2021));
      // the same copies and funnel as the status quo; police learn no address and no household
      Map<String, Long> withoutAddresses = new HashMap<>(statusQuo);
      withoutAddresses.put("addressesDisclosed", 0L);
      withoutAddresses.put("householdsKnownToPolice", 0L);
      assertEquals(withoutAddresses, SharingDriver.lastDay(stats, NO_ADDRESS));
    }
  }

  @Test
  void closedPortalRefusesEveryRequestAndSendsNoEmail() {
    Policy closed =
        new Policy(
            "portal-closed",
            null,
            new Retention(60, null, null),
            null,
            new RequestCaps(null, null, null, null, null, RequestCaps.EnforcedAt.PORTAL, false),
            null,
            null);
    Clip clip = clip("clip-1", "cam-1", "house-1", SIX_AM);
    try (SharingDriver sharing = SharingDriver.enforcing(List.of(closed))) {
      sharing.send(
          policeRequest(AGENCY, BRIEF, 1),
          notified(AGENCY, "cam-1", "house-1", BRIEF),
          answered(AGENCY, "cam-1", "house-1", Answer.SHARED, BRIEF, false, day(1)),
          sharedWithPolice("copy-1", clip, AGENCY, BRIEF, day(1)),
          tick(day(2), true));

      assertEquals(List.of(), sharing.ledger());
      assertEquals(List.of(), sharing.receipts());
      assertEquals(
          ExpectedMeasures.with(
              "requestsMade", 1,
              "requestsRefused", 1,
              "requestsRefusedPortalClosed", 1,
              "notificationsWithheld", 1),
          SharingDriver.lastDay(sharing.stats(), "portal-closed"));
    }
  }

  @Test
  void localOnlyForwardingKeepsFootageFromFederalAgenciesButNotFromOtherAgencies() {
    Policy localOnly =
        new Policy(
            "local-only",
            null,
            null,
            new Retention(60, null, null),
            null,
            null,
            Forwarding.LOCAL_ONLY,
            null,
            null,
            null);
    Clip clip = clip("clip-1", "cam-1", "house-1", SIX_AM);
    try (SharingDriver sharing = SharingDriver.enforcing(List.of(localOnly))) {
      sharing.send(
          sharedWithPolice("copy-1", clip, AGENCY, BRIEF, day(1)),
          forwarded(
              "copy-1/state", "copy-1", clip, "state-police", HolderType.OTHER_AGENCY, day(2)),
          forwarded("copy-1/fbi", "copy-1", clip, "fbi", HolderType.FEDERAL_AGENCY, day(2)),
          forwarded(
              "copy-1/state/ice", "copy-1/state", clip, "ice", HolderType.FEDERAL_AGENCY, day(3)),
          tick(day(4), true));

      assertEquals(
          List.of("copy-1 REQUESTING_POLICE", "copy-1/state OTHER_AGENCY"),
          sharing.ledger().stream().map(c -> c.getCopyId() + " " + c.getHolderType()).toList());
      assertEquals(
          List.of(
              new CopyReceipt(
                  "local-only",
                  "copy-1/fbi",
                  "clip-1",
                  "house-1",
                  CopyReceiptKind.FORWARD_BLOCKED,
                  day(2),
                  "the policy lets police forward footage locally, never to a federal agency",
                  CopyReceiptCause.FEDERAL_FORWARDING_FORBIDDEN,
                  "base"),
              new CopyReceipt(
                  "local-only",
                  "copy-1/state/ice",
                  "clip-1",
                  "house-1",
                  CopyReceiptKind.FORWARD_BLOCKED,
                  day(3),
                  "the policy lets police forward footage locally, never to a federal agency",
                  CopyReceiptCause.FEDERAL_FORWARDING_FORBIDDEN,
                  "base")),
          sharing.receipts());
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest", 1,
              "sharesBlockedByPolicy", 2,
              "forwardsBlocked", 2,
              "forwardsBlockedByBan", 2,
              "copiesCreated", 2,
              "copiesCreated.REQUESTING_POLICE", 1,
              "copiesCreated.OTHER_AGENCY", 1,
              "copiesAlive", 2,
              "copiesAlive.REQUESTING_POLICE", 1,
              "copiesAlive.OTHER_AGENCY", 1,
              "householdsExposed", 1,
              "householdsExposed.REQUESTING_POLICE", 1,
              "householdsExposed.OTHER_AGENCY", 1,
              "addressesDisclosed", 1),
          SharingDriver.lastDay(sharing.stats(), "local-only"));
    }
  }

  private static List<String> copiesOf(List<CopyLedgerEntry> ledger, String policy) {
    return ledger.stream()
        .filter(c -> c.getPolicy().equals(policy))
        .map(CopyLedgerEntry::getCopyId)
        .toList();
  }
}
