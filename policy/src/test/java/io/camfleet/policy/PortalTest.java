package io.camfleet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.Answer;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.policy.Portal.Narrowing;
import io.camfleet.policy.Portal.Refused;
import io.camfleet.policy.Portal.Sent;
import io.camfleet.policy.Portal.Terms;
import io.camfleet.policy.RequestCaps.EnforcedAt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortalTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long WINDOW_START = 100 * DAY;
  private static final long ISSUED = WINDOW_START + 2 * DAY;

  /** The radius of half a square mile. */
  private static final double HALF_SQUARE_MILE_RADIUS = Math.sqrt(0.5 / Math.PI);

  private static RequestCaps markey(EnforcedAt at) {
    return new RequestCaps(12.0, null, 0.5, null, 45.0, at, true);
  }

  private static RequestCaps rfa(EnforcedAt at) {
    return new RequestCaps(12.0, 15.0, 0.5, 0.025, null, at, true);
  }

  private static Terms request(long windowHours, double radiusMiles) {
    return new Terms(WINDOW_START, WINDOW_START + windowHours * HOUR, radiusMiles, ISSUED);
  }

  @Test
  void sendsARequestWithinEveryCapAsAsked() {
    Terms asked = request(6, 0.3);
    assertEquals(new Sent(asked, Set.of()), Portal.decide(markey(EnforcedAt.PORTAL), asked));
  }

  @Test
  void narrowsWindowAreaAndLookBackEachCountedAsACause() {
    Terms asked = new Terms(ISSUED - 50 * DAY, ISSUED - 50 * DAY + 20 * DAY, 0.6, ISSUED);
    // the window's first 12 h lie before the look-back: nothing is left
    assertEquals(
        new Refused(
            CopyReceiptCause.PAST_LOOK_BACK,
            "the whole request window lies before the 45-day look-back"),
        Portal.decide(markey(EnforcedAt.PORTAL), asked));

    Terms lateStart = new Terms(ISSUED - 45 * DAY - 6 * HOUR, ISSUED - 44 * DAY, 0.6, ISSUED);
    assertEquals(
        new Sent(
            new Terms(
                ISSUED - 45 * DAY,
                ISSUED - 45 * DAY - 6 * HOUR + 12 * HOUR,
                HALF_SQUARE_MILE_RADIUS,
                ISSUED),
            Set.of(Narrowing.WINDOW, Narrowing.AREA, Narrowing.LOOK_BACK)),
        Portal.decide(markey(EnforcedAt.PORTAL), lateStart));
    assertEquals(
        new Sent(
            new Terms(WINDOW_START, WINDOW_START + 12 * HOUR, 0.3, ISSUED),
            Set.of(Narrowing.WINDOW)),
        Portal.decide(markey(EnforcedAt.PORTAL), request(18, 0.3)));
  }

  @Test
  void refusesRequestsBelowAMinimumOrWhenThePortalIsClosedInThatOrder() {
    assertEquals(
        new Refused(
            CopyReceiptCause.WINDOW_BELOW_MINIMUM,
            "request window 10 min is below the minimum 15 min"),
        Portal.decide(
            rfa(EnforcedAt.PORTAL),
            new Terms(WINDOW_START, WINDOW_START + 10 * MINUTE, 0.05, ISSUED)));
    assertEquals(
        new Refused(
            CopyReceiptCause.AREA_BELOW_MINIMUM,
            "request area 0.008 sq mi is below the minimum 0.025 sq mi"),
        Portal.decide(rfa(EnforcedAt.PORTAL), request(1, 0.05)));
    RequestCaps closed = new RequestCaps(12.0, 15.0, 0.5, 0.025, null, EnforcedAt.PORTAL, false);
    assertEquals(
        new Refused(CopyReceiptCause.PORTAL_CLOSED, "the portal takes no requests"),
        Portal.decide(closed, new Terms(WINDOW_START, WINDOW_START + 10 * MINUTE, 0.05, ISSUED)));
  }

  @Test
  void capsAtTheShareLeaveEveryRequestAsAsked() {
    Terms asked = request(1, 0.05);
    assertEquals(new Sent(asked, Set.of()), Portal.decide(rfa(EnforcedAt.SHARE), asked));
    assertTrue(Portal.notifies(rfa(EnforcedAt.SHARE), asked, 0.9));
  }

  @Test
  void emailsOnlyCamerasInsideTheNarrowedAreaAndOnlyTheirAnswersCount() {
    RequestCaps caps = markey(EnforcedAt.PORTAL);
    Terms asked = request(6, 0.6);
    assertTrue(Portal.notifies(caps, asked, 0.39));
    assertFalse(Portal.notifies(caps, asked, 0.41));
    // a distance unknown to an old log counts as inside
    assertTrue(Portal.notifies(caps, asked, -1));
    // no camera of a refused request is emailed
    assertFalse(Portal.notifies(rfa(EnforcedAt.PORTAL), request(1, 0.05), 0.01));

    RequestNotification far = notification(asked, 0.41);
    assertFalse(Portal.notifies(caps, far));
    assertTrue(Portal.notifies(caps, notification(asked, 0.2)));
    assertFalse(Portal.counts(caps, answer(asked, 0.41)));
    assertTrue(Portal.counts(caps, answer(asked, 0.2)));
    RequestAnswer withoutTerms = answer(new Terms(0, 0, 0, 0), -1);
    assertTrue(Portal.counts(rfa(EnforcedAt.PORTAL), withoutTerms));
  }

  @Test
  void admitsOnlySharesInsideTheNarrowedRequest() {
    RequestCaps caps = markey(EnforcedAt.PORTAL);
    Terms asked = request(18, 0.6);
    assertEquals(Decision.ALLOWED, Portal.admitShare(caps, share(asked, 0.2, WINDOW_START + HOUR)));
    assertEquals(
        new Decision.NotRequested(
            CopyReceiptCause.OUTSIDE_WINDOW,
            "the portal asked only for the first 12.0 h of the window; the clip lies after them"),
        Portal.admitShare(caps, share(asked, 0.2, WINDOW_START + 12 * HOUR)));
    assertEquals(
        new Decision.NotRequested(
            CopyReceiptCause.OUTSIDE_AREA,
            "the portal did not email this camera: 0.50 mi from the request's centre, beyond the"
                + " 0.40 mi of a 0.500 sq mi area"),
        Portal.admitShare(caps, share(asked, 0.5, WINDOW_START + HOUR)));
    assertEquals(
        new Decision.NotRequested(
            CopyReceiptCause.WINDOW_BELOW_MINIMUM,
            "the portal refused the request: request window 10 min is below the minimum 15 min"),
        Portal.admitShare(
            rfa(EnforcedAt.PORTAL),
            share(
                new Terms(WINDOW_START, WINDOW_START + 10 * MINUTE, 0.3, ISSUED),
                0.1,
                WINDOW_START + MINUTE)));
  }

  /**
   * With identical caps, enforcement at the portal and at the share admit exactly the same shares;
   * only what the share-enforced caps block, the portal never asked for.
   */
  @Test
  void portalAndShareEnforcementAdmitTheSameShares() {
    List<ClipShared> shares = new ArrayList<>();
    long[] windowsMinutes = {5, 14, 15, 60, 11 * 60, 13 * 60, 30 * 60};
    double[] radii = {0.05, 0.1, 0.3, 0.45, 0.8};
    long[] startsDaysBeforeIssue = {1, 44, 45, 46, 60};
    for (long minutes : windowsMinutes) {
      for (double radius : radii) {
        for (long daysBefore : startsDaysBeforeIssue) {
          long start = ISSUED - daysBefore * DAY;
          Terms terms = new Terms(start, start + minutes * MINUTE, radius, ISSUED);
          for (double distance : new double[] {-1, 0.02, 0.2, 0.39, 0.41, 0.7}) {
            for (long offset = 0; offset < minutes * MINUTE; offset += 97 * MINUTE + 13) {
              shares.add(share(terms, distance, start + offset));
            }
          }
        }
      }
    }
    assertTrue(shares.size() > 2000, "shares: " + shares.size());
    for (RequestCaps[] pair :
        new RequestCaps[][] {
          {markey(EnforcedAt.PORTAL), markey(EnforcedAt.SHARE)},
          {rfa(EnforcedAt.PORTAL), rfa(EnforcedAt.SHARE)}
        }) {
      PolicyRules atPortal = policy(pair[0]).rules();
      PolicyRules atShare = policy(pair[1]).rules();
      int admitted = 0;
      for (ClipShared share : shares) {
        Decision portal = atPortal.admitShare(share, share.getRequest().getIssuedAt());
        Decision shareCheck = atShare.admitShare(share, share.getRequest().getIssuedAt());
        assertEquals(shareCheck.allowed(), portal.allowed(), share.toString());
        if (!portal.allowed()) {
          assertTrue(portal instanceof Decision.NotRequested, portal.toString());
          assertTrue(shareCheck instanceof Decision.Blocked, shareCheck.toString());
        } else {
          admitted++;
        }
      }
      assertTrue(admitted > 100 && admitted < shares.size() - 100, "admitted " + admitted);
    }
  }

  @Test
  void localOnlyForwardingBlocksForwardsToFederalAgenciesAlone() {
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
    PolicyRules rules = localOnly.rules();
    assertEquals(
        new Decision.Blocked(
            CopyReceiptCause.FEDERAL_FORWARDING_FORBIDDEN,
            "the policy lets police forward footage locally, never to a federal agency"),
        rules.admitCopy(CopyKind.FORWARD, HolderType.FEDERAL_AGENCY, 0, 0));
    assertEquals(
        Decision.ALLOWED, rules.admitCopy(CopyKind.FORWARD, HolderType.OTHER_AGENCY, 0, 0));
    assertEquals(Decision.ALLOWED, rules.admitCopy(CopyKind.DOWNLOAD, HolderType.PUBLIC, 0, 0));
    PolicyRules none =
        new Policy("none", null, new Retention(60, null, null), null, null, false, null).rules();
    assertEquals(
        new Decision.Blocked(
            CopyReceiptCause.FORWARDING_FORBIDDEN,
            "the policy forbids police from forwarding footage"),
        none.admitCopy(CopyKind.FORWARD, HolderType.OTHER_AGENCY, 0, 0));
  }

  private static Policy policy(RequestCaps caps) {
    return new Policy("p", null, new Retention(60, null, null), null, caps, null, null);
  }

  private static RequestNotification notification(Terms terms, double distance) {
    return new RequestNotification(
        "r",
        "pd",
        "cam",
        "h",
        terms.windowStart(),
        terms.windowEnd(),
        terms.radiusMiles(),
        terms.issuedAt(),
        distance);
  }

  private static RequestAnswer answer(Terms terms, double distance) {
    return new RequestAnswer(
        "r",
        "pd",
        "cam",
        "h",
        Answer.DECLINED,
        0,
        terms.windowStart(),
        terms.windowEnd(),
        terms.radiusMiles(),
        terms.issuedAt(),
        distance,
        false);
  }

  private static ClipShared share(Terms terms, double distance, long recordedAt) {
    return ClipShared.newBuilder()
        .setCopyId("c")
        .setClipId("clip")
        .setCameraId("cam")
        .setHouseholdId("h")
        .setClipRecordedAt(recordedAt)
        .setRegion("US")
        .setChannel(ShareChannel.POLICE_REQUEST)
        .setRecipientId("pd")
        .setHolderType(HolderType.REQUESTING_POLICE)
        .setAddressDisclosed(true)
        .setRequest(
            new RequestTerms(
                "r",
                terms.windowStart(),
                terms.windowEnd(),
                terms.radiusMiles(),
                terms.issuedAt(),
                distance))
        .build();
  }
}
