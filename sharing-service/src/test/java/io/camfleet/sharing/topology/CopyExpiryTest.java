package io.camfleet.sharing.topology;

import static io.camfleet.sharing.topology.WorldFixtures.clip;
import static io.camfleet.sharing.topology.WorldFixtures.day;
import static io.camfleet.sharing.topology.WorldFixtures.downloaded;
import static io.camfleet.sharing.topology.WorldFixtures.forwarded;
import static io.camfleet.sharing.topology.WorldFixtures.narrowRequest;
import static io.camfleet.sharing.topology.WorldFixtures.postedToFeed;
import static io.camfleet.sharing.topology.WorldFixtures.sharedWithPolice;
import static io.camfleet.sharing.topology.WorldFixtures.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.HouseholdExposure;
import io.camfleet.policy.Copies;
import io.camfleet.policy.Policy;
import io.camfleet.policy.Retention;
import io.camfleet.sharing.topology.WorldFixtures.Clip;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyExpiryTest {
  private static final Clip DOORSTEP_CLIP = clip("clip-1", "cam-1", "house-1", day(0, 20));

  /** When the US retention period of 60 days ends for the clip. */
  private static final long SIXTY_DAYS_AFTER_RECORDING = day(60, 20);

  @Test
  void expiresCopiesAtPolice180DaysAfterTheyWereMadeAndKeepsPublicCopies() {
    String policy = "police-copies-180-days";
    try (SharingDriver sharing = SharingDriver.enforcing(policy)) {
      sharing.send(
          sharedWithPolice(
              "copy-police",
              DOORSTEP_CLIP,
              "agency-fll",
              narrowRequest("req-1", DOORSTEP_CLIP),
              day(1)),
          postedToFeed("copy-post", DOORSTEP_CLIP, "feed-riverside", day(2)),
          downloaded("copy-saved", "copy-post", DOORSTEP_CLIP, "person-1", day(3)),
          forwarded(
              "copy-ice",
              "copy-police",
              DOORSTEP_CLIP,
              "agency-ice",
              HolderType.FEDERAL_AGENCY,
              day(11)),
          tick(day(200), true));

      assertEquals(
          List.of(
              "police-copies-180-days/copy-police ALIVE at " + at(day(1)),
              "police-copies-180-days/copy-post ALIVE at " + at(day(2)),
              "police-copies-180-days/copy-saved ALIVE at " + at(day(3)),
              "police-copies-180-days/copy-ice ALIVE at " + at(day(11)),
              "police-copies-180-days/copy-police EXPIRED at " + at(day(181)),
              "police-copies-180-days/copy-ice EXPIRED at " + at(day(191))),
          sharing.ledgerHistory());
      assertEquals(
          List.of(
              new CopyReceipt(
                  policy,
                  "copy-police",
                  "clip-1",
                  "house-1",
                  CopyReceiptKind.COPY_EXPIRED,
                  day(181),
                  "copies held by REQUESTING_POLICE live 180 days",
                  CopyReceiptCause.HOLDER_LIFETIME_ENDED,
                  "base"),
              new CopyReceipt(
                  policy,
                  "copy-ice",
                  "clip-1",
                  "house-1",
                  CopyReceiptKind.COPY_EXPIRED,
                  day(191),
                  "copies held by FEDERAL_AGENCY live 180 days",
                  CopyReceiptCause.HOLDER_LIFETIME_ENDED,
                  "base")),
          sharing.receipts());

      List<DailyStats> stats = sharing.stats();
      assertEquals(
          List.of("2019-06-02=1", "2019-11-29=0"),
          SharingDriver.changesOf(stats, policy, "copiesAlive.REQUESTING_POLICE"));
      assertEquals(
          List.of("2019-06-02=1", "2019-11-29=0"),
          SharingDriver.changesOf(stats, policy, "householdsExposed.REQUESTING_POLICE"));
      // the shared original is exempt, so the clip outlives its 60 days for good
      assertEquals(
          List.of("2019-06-02=0", "2019-07-31=1"),
          SharingDriver.changesOf(stats, policy, "footageAlivePastRetention"));
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              1,
              "sharesViaPost",
              1,
              "copiesCreated",
              4,
              "copiesCreated.REQUESTING_POLICE",
              1,
              "copiesCreated.FEDERAL_AGENCY",
              1,
              "copiesCreated.NEIGHBOURHOOD_FEED",
              1,
              "copiesCreated.PUBLIC",
              1,
              "copiesExpired",
              2,
              "copiesAlive",
              2,
              "copiesAlive.NEIGHBOURHOOD_FEED",
              1,
              "copiesAlive.PUBLIC",
              1,
              "footageAlivePastRetention",
              1,
              "householdsExposed",
              1,
              "householdsExposed.NEIGHBOURHOOD_FEED",
              1,
              "householdsExposed.PUBLIC",
              1,
              "addressesDisclosed",
              1),
          SharingDriver.lastDay(stats, policy));
      assertEquals(
          List.of(policy + "|clip-1|copy-post", policy + "|clip-1|copy-saved"),
          sharing.keys(CopyStores.COPIES));
      assertEquals(List.of(), sharing.keys(SharingTopology.SCHEDULE_STORE));
    }
  }

  @Test
  void expiresEveryCopyWithTheOriginalAndLeavesNoCopyStateBehind() {
    String policy = "copies-inherit-expiry";
    try (SharingDriver sharing = SharingDriver.enforcing(policy)) {
      sharing.send(
          sharedWithPolice(
              "copy-police",
              DOORSTEP_CLIP,
              "agency-fll",
              narrowRequest("req-1", DOORSTEP_CLIP),
              day(5)),
          forwarded(
              "copy-sheriff",
              "copy-police",
              DOORSTEP_CLIP,
              "agency-sheriff",
              HolderType.OTHER_AGENCY,
              day(6)),
          postedToFeed("copy-post", DOORSTEP_CLIP, "feed-riverside", day(7)),
          downloaded("copy-saved", "copy-post", DOORSTEP_CLIP, "person-1", day(8)),
          downloaded("copy-saved-late", "copy-post", DOORSTEP_CLIP, "person-2", day(61)),
          sharedWithPolice(
              "copy-police-late",
              DOORSTEP_CLIP,
              "agency-fll",
              narrowRequest("req-2", DOORSTEP_CLIP),
              day(62)),
          tick(day(63), true));

      String expired = " EXPIRED at " + at(SIXTY_DAYS_AFTER_RECORDING);
      assertEquals(
          List.of(
              "copies-inherit-expiry/copy-police ALIVE at " + at(day(5)),
              "copies-inherit-expiry/copy-sheriff ALIVE at " + at(day(6)),
              "copies-inherit-expiry/copy-post ALIVE at " + at(day(7)),
              "copies-inherit-expiry/copy-saved ALIVE at " + at(day(8)),
              "copies-inherit-expiry/copy-police" + expired,
              "copies-inherit-expiry/copy-post" + expired,
              "copies-inherit-expiry/copy-saved" + expired,
              "copies-inherit-expiry/copy-sheriff" + expired),
          sharing.ledgerHistory());
      assertEquals(
          List.of(
              expiredWithOriginal("copy-police"),
              expiredWithOriginal("copy-post"),
              expiredWithOriginal("copy-saved"),
              expiredWithOriginal("copy-sheriff"),
              new CopyReceipt(
                  policy,
                  "copy-saved-late",
                  "clip-1",
                  "house-1",
                  CopyReceiptKind.FORWARD_BLOCKED,
                  day(61),
                  "parent copy copy-post does not exist under this policy: it was blocked, refused or has expired",
                  CopyReceiptCause.NO_LIVE_PARENT,
                  "base")),
          sharing.receipts());
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              1,
              "sharesViaPost",
              1,
              "forwardsBlocked",
              1,
              "onwardCopiesWithoutParent",
              1,
              "sharesRefusedExpired",
              1,
              "copiesCreated",
              4,
              "copiesCreated.REQUESTING_POLICE",
              1,
              "copiesCreated.OTHER_AGENCY",
              1,
              "copiesCreated.NEIGHBOURHOOD_FEED",
              1,
              "copiesCreated.PUBLIC",
              1,
              "copiesExpired",
              4,
              "addressesDisclosed",
              1),
          SharingDriver.lastDay(sharing.stats(), policy));
      assertEquals(List.of(), sharing.keys(CopyStores.COPIES));
      assertEquals(List.of(), sharing.keys(CopyStores.HOLDER_COPIES));
      assertEquals(List.of(), sharing.keys(SharingTopology.CLIPS_STORE));
      assertEquals(List.of(), sharing.keys(SharingTopology.SCHEDULE_STORE));
      assertEquals(List.of(), sharing.keys(SharingTopology.HOUSEHOLD_BUFFER_STORE));
      // the household stays only to be counted once among addresses disclosed
      assertEquals(
          Map.of(policy + "|house-1", new HouseholdExposure(Map.of(), true, false)),
          sharing.contents(SharingTopology.HOUSEHOLDS_STORE));
    }
  }

  @Test
  void countsClipPastRetentionWhileAPoliceCopyOutlivesTheDeletedOriginal() {
    Policy shortLivedOriginals =
        new Policy(
            "originals-30-police-45",
            "",
            new Retention(30, null, Retention.SharedOriginals.EXPIRE_ON_TIME),
            new Copies(false, Map.of(HolderType.REQUESTING_POLICE, 45)),
            null,
            null,
            null);
    Clip clip = clip("clip-1", "cam-1", "house-1", day(0));
    try (SharingDriver sharing = SharingDriver.enforcing(List.of(shortLivedOriginals))) {
      sharing.send(
          sharedWithPolice(
              "copy-police", clip, "agency-fll", narrowRequest("req-1", clip), day(10)),
          tick(day(60), true));

      // original deleted on 2019-07-01 (day 30), police copy until 2019-07-26 (day 55)
      assertEquals(
          List.of("2019-06-11=0", "2019-07-01=1", "2019-07-26=0"),
          SharingDriver.changesOf(
              sharing.stats(), "originals-30-police-45", "footageAlivePastRetention"));
      assertEquals(List.of(), sharing.keys(SharingTopology.CLIPS_STORE));
      assertEquals(List.of(), sharing.keys(SharingTopology.SCHEDULE_STORE));
    }
  }

  private static CopyReceipt expiredWithOriginal(String copyId) {
    return new CopyReceipt(
        "copies-inherit-expiry",
        copyId,
        "clip-1",
        "house-1",
        CopyReceiptKind.COPY_EXPIRED,
        SIXTY_DAYS_AFTER_RECORDING,
        "the copy expired with the original clip",
        CopyReceiptCause.EXPIRED_WITH_ORIGINAL,
        "base");
  }

  private static Instant at(long time) {
    return Instant.ofEpochMilli(time);
  }
}
