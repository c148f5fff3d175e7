package io.camfleet.provenance;

import static io.camfleet.provenance.CustodyFixtures.CLIP;
import static io.camfleet.provenance.CustodyFixtures.FORWARD;
import static io.camfleet.provenance.CustodyFixtures.FORWARDED;
import static io.camfleet.provenance.CustodyFixtures.FORWARD_BLOCKED_AT;
import static io.camfleet.provenance.CustodyFixtures.LATE_FORWARD;
import static io.camfleet.provenance.CustodyFixtures.POLICY;
import static io.camfleet.provenance.CustodyFixtures.RECORDED;
import static io.camfleet.provenance.CustodyFixtures.SHARE;
import static io.camfleet.provenance.CustodyFixtures.SHARED;
import static io.camfleet.provenance.CustodyFixtures.SHARE_EXPIRES;
import static io.camfleet.provenance.CustodyFixtures.entry;
import static io.camfleet.provenance.CustodyFixtures.forwardedToFederalAgency;
import static io.camfleet.provenance.CustodyFixtures.lateForwardBlocked;
import static io.camfleet.provenance.CustodyFixtures.shareExpired;
import static io.camfleet.provenance.CustodyFixtures.shareExpiry;
import static io.camfleet.provenance.CustodyFixtures.sharedWithPolice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ShareChannel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustodyGraphTest {

  private static final CustodyCopy SHARE_ALIVE =
      new CustodyCopy(
          POLICY,
          CLIP,
          SHARE,
          null,
          "cam-0007",
          "hh-0007",
          RECORDED,
          "metro-pd",
          HolderType.REQUESTING_POLICE,
          CopyKind.SHARE,
          ShareChannel.POLICE_REQUEST,
          "req-1",
          true,
          SHARED,
          SHARE_EXPIRES,
          CustodyStatus.ALIVE,
          null,
          null,
          null,
          null);
  private static final CustodyCopy SHARE_EXPIRED =
      expired(
          SHARE_ALIVE,
          CopyReceiptKind.COPY_EXPIRED,
          CopyReceiptCause.HOLDER_LIFETIME_ENDED,
          "copies held by REQUESTING_POLICE live 30 days");
  private static final CustodyCopy FORWARD_ALIVE =
      new CustodyCopy(
          POLICY,
          CLIP,
          FORWARD,
          SHARE,
          "cam-0007",
          "hh-0007",
          RECORDED,
          "fbi",
          HolderType.FEDERAL_AGENCY,
          CopyKind.FORWARD,
          ShareChannel.POLICE_REQUEST,
          "req-1",
          true,
          FORWARDED,
          null,
          CustodyStatus.ALIVE,
          null,
          null,
          null,
          null);
  private static final CustodyCopy LATE_FORWARD_BLOCKED =
      new CustodyCopy(
          POLICY,
          CLIP,
          LATE_FORWARD,
          null,
          null,
          "hh-0007",
          null,
          null,
          null,
          null,
          null,
          null,
          false,
          null,
          null,
          CustodyStatus.BLOCKED,
          FORWARD_BLOCKED_AT,
          CopyReceiptKind.FORWARD_BLOCKED,
          CopyReceiptCause.NO_LIVE_PARENT,
          "parent copy " + SHARE + " does not exist under this policy");

  @Test
  void tellsEachCopyByItsLatestLedgerStateAndReceiptInStoryOrder() {
    CustodyGraph graph =
        CustodyGraph.of(
            POLICY,
            CLIP,
            List.of(
                forwardedToFederalAgency(),
                shareExpired(),
                sharedWithPolice(),
                sharedWithPolice(),
                entry("other-policy", CLIP, SHARE).build(),
                entry(POLICY, "another-clip", "copy-x").build()),
            List.of(lateForwardBlocked(), shareExpiry(), lateForwardBlocked()));

    assertEquals(
        new CustodyGraph(POLICY, CLIP, List.of(SHARE_EXPIRED, FORWARD_ALIVE, LATE_FORWARD_BLOCKED)),
        graph);
    assertEquals(List.of(SHARE_EXPIRED, FORWARD_ALIVE, LATE_FORWARD_BLOCKED), graph.copies());
  }

  @Test
  void expiredLedgerEntryWithoutItsReceiptEndsAtItsUpdateTime() {
    CustodyGraph graph = CustodyGraph.of(POLICY, CLIP, List.of(shareExpired()), List.of());

    assertEquals(List.of(expired(SHARE_ALIVE, null, null, null)), graph.copies());
  }

  @Test
  void asOfShowsTheCopiesMadeByThenAsTheyStoodThen() {
    CustodyGraph graph =
        CustodyGraph.of(
            POLICY,
            CLIP,
            List.of(sharedWithPolice(), shareExpired(), forwardedToFederalAgency()),
            List.of(shareExpiry(), lateForwardBlocked()));

    assertEquals(List.of(), graph.asOf(SHARED.minusMillis(1)).copies());
    assertEquals(List.of(SHARE_ALIVE), graph.asOf(SHARED).copies());
    assertEquals(List.of(SHARE_ALIVE, FORWARD_ALIVE), graph.asOf(FORWARDED).copies());
    assertEquals(
        List.of(SHARE_ALIVE, FORWARD_ALIVE), graph.asOf(SHARE_EXPIRES.minusMillis(1)).copies());
    assertEquals(List.of(SHARE_EXPIRED, FORWARD_ALIVE), graph.asOf(SHARE_EXPIRES).copies());
    assertEquals(graph, graph.asOf(Instant.MAX));
  }

  @Test
  void everyPolicyWithARecordOfTheClipHasAGraphInNameOrder() {
    List<CustodyGraph> graphs =
        CustodyGraph.ofEveryPolicy(
            CLIP,
            List.of(sharedWithPolice(), entry("a-strict-policy", CLIP, SHARE).build()),
            List.of(lateForwardBlocked()));

    assertEquals(
        List.of("a-strict-policy", POLICY), graphs.stream().map(CustodyGraph::policy).toList());
    assertEquals(List.of(SHARE_ALIVE, LATE_FORWARD_BLOCKED), graphs.get(1).copies());
  }

  @Test
  void refusesACopyOfAnotherClip() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CustodyGraph(POLICY, "another-clip", List.of(SHARE_ALIVE)));
  }

  /** The copy expired at its expiry time, with what its receipt says (null: no receipt). */
  private static CustodyCopy expired(
      CustodyCopy copy, CopyReceiptKind receipt, CopyReceiptCause cause, String reason) {
    return new CustodyCopy(
        copy.policy(),
        copy.clipId(),
        copy.copyId(),
        copy.parentCopyId(),
        copy.cameraId(),
        copy.householdId(),
        copy.clipRecordedAt(),
        copy.holderId(),
        copy.holderType(),
        copy.kind(),
        copy.channel(),
        copy.requestId(),
        copy.addressDisclosed(),
        copy.madeAt(),
        copy.expiresAt(),
        CustodyStatus.EXPIRED,
        copy.expiresAt(),
        receipt,
        cause,
        reason);
  }
}
