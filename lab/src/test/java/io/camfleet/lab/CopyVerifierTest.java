package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.CopyStatus;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.stats.StatsService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The copy verifier on a world small enough to write its answer by hand, and on outputs altered on
 * purpose.
 */
class CopyVerifierTest {
  private static final long DAY_0 = Instant.parse("2019-06-01T00:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long RECORDED = DAY_0 + 10 * HOUR;
  private static final long SHARED = DAY_0 + DAY;
  private static final long FORWARDED = DAY_0 + 3 * DAY;
  private static final long HORIZON = DAY_0 + 200 * DAY;
  private static final String LIFETIMES = "police-copies-180-days";
  private static final String NO_FORWARDING = "no-forwarding";
  private static final String INHERIT = "copies-inherit-expiry";

  private static final List<Policy> POLICIES =
      Policies.read(
          List.of(
              Path.of("../policies/police-copies-180-days.yaml"),
              Path.of("../policies/no-forwarding.yaml")));

  /**
   * A clip shared with police the day after it was recorded and forwarded to the FBI two days
   * later; a second clip posted to the feed ten weeks after it was recorded, when 60-day retention
   * has deleted it.
   */
  private static CopyVerifier smallWorld() {
    RequestTerms terms =
        new RequestTerms("req-1", RECORDED - HOUR, RECORDED + HOUR, 0.25, RECORDED + HOUR, 0.1);
    CopyVerifier verifier = new CopyVerifier();
    verifier.accept(
        at(
            RECORDED,
            new ClipRecorded("clip-1", "cam-1", "house-1", "US", RECORDED, 20, 5_000_000L)));
    verifier.accept(
        at(
            DAY_0 + 11 * HOUR,
            new ClipRecorded(
                "clip-2", "cam-1", "house-1", "US", DAY_0 + 11 * HOUR, 20, 5_000_000L)));
    verifier.accept(
        at(
            SHARED,
            new ClipShared(
                "copy-1",
                "clip-1",
                "cam-1",
                "house-1",
                RECORDED,
                "US",
                ShareChannel.POLICE_REQUEST,
                "metro-pd",
                HolderType.REQUESTING_POLICE,
                true,
                terms)));
    verifier.accept(
        at(
            FORWARDED,
            new CopyMade(
                "copy-2",
                "copy-1",
                "clip-1",
                "cam-1",
                "house-1",
                RECORDED,
                CopyKind.FORWARD,
                "fbi",
                HolderType.FEDERAL_AGENCY)));
    verifier.accept(
        at(
            DAY_0 + 70 * DAY,
            new ClipShared(
                "copy-3",
                "clip-2",
                "cam-1",
                "house-1",
                DAY_0 + 11 * HOUR,
                "US",
                ShareChannel.NEIGHBOURHOOD_POST,
                "feed-downtown",
                HolderType.NEIGHBOURHOOD_FEED,
                false,
                null)));
    verifier.accept(at(HORIZON, new ClockTick(0, true)));
    return verifier;
  }

  private static CopyLedgerEntry policeCopy(String policy, Long expiresAt) {
    return new CopyLedgerEntry(
        policy,
        "copy-1",
        null,
        "clip-1",
        "cam-1",
        "house-1",
        RECORDED,
        "metro-pd",
        HolderType.REQUESTING_POLICE,
        CopyKind.SHARE,
        ShareChannel.POLICE_REQUEST,
        "req-1",
        true,
        SHARED,
        expiresAt,
        CopyStatus.ALIVE,
        SHARED,
        "base");
  }

  private static CopyLedgerEntry fbiCopy(Long expiresAt) {
    return new CopyLedgerEntry(
        LIFETIMES,
        "copy-2",
        "copy-1",
        "clip-1",
        "cam-1",
        "house-1",
        RECORDED,
        "fbi",
        HolderType.FEDERAL_AGENCY,
        CopyKind.FORWARD,
        ShareChannel.POLICE_REQUEST,
        "req-1",
        true,
        FORWARDED,
        expiresAt,
        CopyStatus.ALIVE,
        FORWARDED,
        "base");
  }

  private static CopyLedgerEntry expired(CopyLedgerEntry copy) {
    return CopyLedgerEntry.newBuilder(copy)
        .setStatus(CopyStatus.EXPIRED)
        .setUpdatedAt(copy.getExpiresAt())
        .build();
  }

  /**
   * What a correct service writes for the small world: every field, with its own wording of the
   * reasons.
   */
  private static final CopyLedgerEntry POLICE_180 = policeCopy(LIFETIMES, SHARED + 180 * DAY);

  private static final CopyLedgerEntry FBI_180 = fbiCopy(FORWARDED + 180 * DAY);
  private static final CopyLedgerEntry POLICE_KEPT = policeCopy(NO_FORWARDING, null);

  private static List<CopyLedgerEntry> rightLedger() {
    return new ArrayList<>(
        List.of(POLICE_180, FBI_180, expired(POLICE_180), expired(FBI_180), POLICE_KEPT));
  }

  private static List<CopyReceipt> rightReceipts() {
    return new ArrayList<>(
        List.of(
            new CopyReceipt(
                LIFETIMES,
                "copy-1",
                "clip-1",
                "house-1",
                CopyReceiptKind.COPY_EXPIRED,
                SHARED + 180 * DAY,
                "copies held by REQUESTING_POLICE live 180 days",
                CopyReceiptCause.HOLDER_LIFETIME_ENDED,
                "base"),
            new CopyReceipt(
                LIFETIMES,
                "copy-2",
                "clip-1",
                "house-1",
                CopyReceiptKind.COPY_EXPIRED,
                FORWARDED + 180 * DAY,
                "copies held by FEDERAL_AGENCY live 180 days",
                CopyReceiptCause.HOLDER_LIFETIME_ENDED,
                "base"),
            new CopyReceipt(
                NO_FORWARDING,
                "copy-2",
                "clip-1",
                "house-1",
                CopyReceiptKind.FORWARD_BLOCKED,
                FORWARDED,
                "the policy forbids police from forwarding footage",
                CopyReceiptCause.FORWARDING_FORBIDDEN,
                "base")));
  }

  private static List<DailyStats> rightStats() {
    return new ArrayList<>(
        List.of(
            finalDay(
                LIFETIMES,
                Map.of(
                    "sharesViaRequest",
                    1L,
                    "sharesRefusedExpired",
                    1L,
                    "copiesCreated",
                    2L,
                    "copiesCreated.REQUESTING_POLICE",
                    1L,
                    "copiesCreated.FEDERAL_AGENCY",
                    1L,
                    "copiesExpired",
                    2L,
                    "householdsExposed",
                    0L)),
            finalDay(
                NO_FORWARDING,
                Map.of(
                    "sharesViaRequest",
                    1L,
                    "sharesRefusedExpired",
                    1L,
                    "copiesCreated",
                    1L,
                    "copiesCreated.REQUESTING_POLICE",
                    1L,
                    "copiesAlive",
                    1L,
                    "copiesAlive.REQUESTING_POLICE",
                    1L,
                    "sharesBlockedByPolicy",
                    1L,
                    "forwardsBlocked",
                    1L,
                    "forwardsBlockedByBan",
                    1L,
                    "householdsExposed",
                    1L))));
  }

  /** A final day as the service writes it: every sharing measure, 0 unless given. */
  private static DailyStats finalDay(String policy, Map<String, Long> measures) {
    Map<String, Long> all = new TreeMap<>();
    StatsService.SHARING.keys().forEach(key -> all.put(key.wireName(), 0L));
    measures.forEach((name, value) -> all.put(StatsService.SHARING.key(name).wireName(), value));
    return new DailyStats(
        policy, StatsService.SHARING.id(), "2019-12-18", HORIZON, true, all, null);
  }

  @Test
  void expectsEveryCopyItsExpiryAndTheBlockedForwardAndNothingForTheShareAfterDeletion() {
    CopyVerifier.Expected expected = smallWorld().expected(POLICIES);

    assertEquals(
        List.of(POLICE_180, expired(POLICE_180), FBI_180, expired(FBI_180), POLICE_KEPT),
        expected.ledger());
    assertEquals(
        List.of(
            new CopyReceipt(
                LIFETIMES,
                "copy-1",
                "clip-1",
                "house-1",
                CopyReceiptKind.COPY_EXPIRED,
                SHARED + 180 * DAY,
                "lifetime REQUESTING_POLICE 180 days",
                CopyReceiptCause.HOLDER_LIFETIME_ENDED,
                "base"),
            new CopyReceipt(
                LIFETIMES,
                "copy-2",
                "clip-1",
                "house-1",
                CopyReceiptKind.COPY_EXPIRED,
                FORWARDED + 180 * DAY,
                "lifetime FEDERAL_AGENCY 180 days",
                CopyReceiptCause.HOLDER_LIFETIME_ENDED,
                "base"),
            new CopyReceipt(
                NO_FORWARDING,
                "copy-2",
                "clip-1",
                "house-1",
                CopyReceiptKind.FORWARD_BLOCKED,
                FORWARDED,
                "forwarding forbidden",
                CopyReceiptCause.FORWARDING_FORBIDDEN,
                "base")),
        expected.receipts());
    assertEquals(1L, expected.counters().get(NO_FORWARDING).get("copiesAlive.REQUESTING_POLICE"));
    assertEquals(2L, expected.counters().get(LIFETIMES).get("copiesExpired"));
  }

  @Test
  void findsNothingInTheRightOutput() {
    CopyVerifier.Diff diff =
        CopyVerifier.compare(
            smallWorld().expected(POLICIES), rightLedger(), rightReceipts(), rightStats());

    assertTrue(diff.clean(), diff.describe(10));
    assertEquals(10, diff.expected());
    assertEquals(10, diff.actual());
  }

  @Test
  void countsOneDroppedOneDuplicatedAndOneWrongCopyExactly() {
    List<CopyLedgerEntry> ledger = rightLedger();
    ledger.remove(expired(FBI_180));
    ledger.set(
        ledger.indexOf(POLICE_KEPT),
        CopyLedgerEntry.newBuilder(POLICE_KEPT).setAddressDisclosed(false).build());
    List<CopyReceipt> receipts = rightReceipts();
    receipts.add(receipts.get(2));

    CopyVerifier.Diff diff =
        CopyVerifier.compare(smallWorld().expected(POLICIES), ledger, receipts, rightStats());

    assertEquals(
        List.of(1, 1, 1, 0),
        List.of(
            diff.missing().size(),
            diff.duplicated().size(),
            diff.wrong().size(),
            diff.unexpected().size()),
        diff.describe(10));
    assertEquals(
        "ledger "
            + LIFETIMES
            + "/copy-2 EXPIRED parent=copy-1 clip=clip-1 camera=cam-1 household=house-1"
            + " recorded="
            + RECORDED
            + " holder=fbi(FEDERAL_AGENCY) kind=FORWARD channel=POLICE_REQUEST request=req-1"
            + " address=true made="
            + FORWARDED
            + " expires="
            + (FORWARDED + 180 * DAY)
            + " updated="
            + (FORWARDED + 180 * DAY)
            + " stage=base",
        diff.missing().get(0));
    assertTrue(diff.wrong().get(0).contains("address=false"), diff.wrong().get(0));
    assertTrue(
        diff.describe(10)
            .startsWith("10 records expected, 10 written: missing 1, duplicated 1, wrong 1"),
        diff.describe(10));
  }

  @Test
  void acceptsAnAliveEntryCompactedAwayOnceTheCopysExpiryIsWrittenButNotBefore() {
    List<CopyLedgerEntry> compacted = rightLedger();
    compacted.remove(FBI_180);
    List<CopyLedgerEntry> lost = rightLedger();
    lost.remove(FBI_180);
    lost.remove(expired(FBI_180));

    CopyVerifier.Diff afterCompaction =
        CopyVerifier.compare(
            smallWorld().expected(POLICIES), compacted, rightReceipts(), rightStats());
    CopyVerifier.Diff afterLoss =
        CopyVerifier.compare(smallWorld().expected(POLICIES), lost, rightReceipts(), rightStats());

    assertTrue(afterCompaction.clean(), afterCompaction.describe(10));
    assertEquals(2, afterLoss.missing().size(), afterLoss.describe(10));
  }

  @Test
  void findsNothingInTheRightOutputWhateverTheWordingOfItsReasons() {
    List<CopyReceipt> reworded =
        rightReceipts().stream()
            .map(
                r ->
                    CopyReceipt.newBuilder(r).setReason("in other words: " + r.getReason()).build())
            .toList();

    CopyVerifier.Diff diff =
        CopyVerifier.compare(
            smallWorld().expected(POLICIES), rightLedger(), reworded, rightStats());

    assertTrue(diff.clean(), diff.describe(10));
  }

  @Test
  void countsAWrongCauseAWrongCounterAStatisticsDayTwiceAndACopyNeverMade() {
    List<CopyReceipt> receipts = rightReceipts();
    receipts.set(
        0,
        CopyReceipt.newBuilder(receipts.get(0))
            .setCause(CopyReceiptCause.EXPIRED_WITH_ORIGINAL)
            .setReason("the copy expired with the original clip")
            .build());
    List<DailyStats> stats = rightStats();
    stats.set(
        1,
        DailyStats.newBuilder(stats.get(1))
            .setMeasures(new TreeMap<>(Map.of("sharesViaRequest", 1L, "copiesCreated", 2L)))
            .build());
    stats.add(stats.get(0));
    List<CopyLedgerEntry> ledger = rightLedger();
    ledger.add(CopyLedgerEntry.newBuilder(POLICE_KEPT).setCopyId("copy-9").build());

    CopyVerifier.Diff diff =
        CopyVerifier.compare(smallWorld().expected(POLICIES), ledger, receipts, stats);

    assertEquals(
        List.of(0, 1, 2, 1),
        List.of(
            diff.missing().size(),
            diff.duplicated().size(),
            diff.wrong().size(),
            diff.unexpected().size()),
        diff.describe(10));
    assertFalse(diff.clean());
  }

  @Test
  void keepsAHeldCopyOfAnOriginalPastItsPeriodAndExpiresCopiesWithTheOriginal() {
    CopyVerifier verifier = new CopyVerifier();
    verifier.accept(
        at(
            RECORDED,
            new ClipRecorded("clip-1", "cam-1", "house-1", "US", RECORDED, 20, 5_000_000L)));
    verifier.accept(
        at(DAY_0 + 50 * DAY, new LegalHold("hold-1", "clip-1", "cam-1", RECORDED, true)));
    verifier.accept(
        at(
            DAY_0 + 70 * DAY,
            new ClipShared(
                "copy-1",
                "clip-1",
                "cam-1",
                "house-1",
                RECORDED,
                "US",
                ShareChannel.NEIGHBOURHOOD_POST,
                "feed-downtown",
                HolderType.NEIGHBOURHOOD_FEED,
                false,
                null)));
    verifier.accept(
        at(DAY_0 + 80 * DAY, new LegalHold("hold-1", "clip-1", "cam-1", RECORDED, false)));
    verifier.accept(
        at(
            DAY_0 + 90 * DAY,
            new ClipShared(
                "copy-2",
                "clip-1",
                "cam-1",
                "house-1",
                RECORDED,
                "US",
                ShareChannel.NEIGHBOURHOOD_POST,
                "feed-downtown",
                HolderType.NEIGHBOURHOOD_FEED,
                false,
                null)));
    verifier.accept(at(HORIZON, new ClockTick(0, true)));

    CopyVerifier.Expected expected =
        verifier.expected(
            Policies.read(List.of(Path.of("../policies/copies-inherit-expiry.yaml"))));

    // held past its 60 days, the original can still be shared; a copy made then ends at once, as
    // the
    // original's period is over; after the release the original is gone and the share is refused
    CopyLedgerEntry made =
        new CopyLedgerEntry(
            INHERIT,
            "copy-1",
            null,
            "clip-1",
            "cam-1",
            "house-1",
            RECORDED,
            "feed-downtown",
            HolderType.NEIGHBOURHOOD_FEED,
            CopyKind.SHARE,
            ShareChannel.NEIGHBOURHOOD_POST,
            null,
            false,
            DAY_0 + 70 * DAY,
            DAY_0 + 70 * DAY,
            CopyStatus.ALIVE,
            DAY_0 + 70 * DAY,
            "base");
    assertEquals(List.of(made, expired(made)), expected.ledger());
    assertEquals(1L, expected.counters().get(INHERIT).get("sharesRefusedExpired"));
  }

  private static WorldEvent at(long time, Object event) {
    return new WorldEvent(time, event);
  }
}
